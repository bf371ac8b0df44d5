// The review detail screen's words for the codes the reviews module stores.
import type { ModerationReason } from "~/modules/reviews";

export const HELD_FOR_LABELS: Record<ModerationReason, string> = {
  low_rating: "The rating is below the shop's auto-publish threshold (Settings).",
  banned_word: "It contains a word on the banned-word list.",
  link: "It contains a link.",
  email: "It contains an email address.",
  phone: "It contains a phone number.",
  markup: "It contains HTML markup (such as <b> or <script>), a common sign of spam.",
};

export const FIT_LABELS: Record<string, string> = {
  runs_small: "Runs small",
  true_to_size: "True to size",
  runs_large: "Runs large",
};

export const SOURCE_LABELS: Record<string, string> = {
  request: "Review request email",
  storefront: "Storefront form",
  import: "Import",
  demo: "Demo seed",
};

export function formatBytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} kB`;
}
