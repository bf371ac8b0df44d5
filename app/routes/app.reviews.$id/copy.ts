// The review detail screen's words for the codes the reviews module stores.

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
