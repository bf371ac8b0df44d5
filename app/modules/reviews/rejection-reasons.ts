// Why a merchant hides a review: the choices of the reject dialog. Pure, for the browser bundle too.
/**
 * Why a merchant rejects a review. A review may be hidden only for what it contains or who wrote it, never
 * for being negative (docs/decisions/011-reviews-no-suppression.md), so "negative" is not on the list.
 */
export const REJECTION_REASONS = [
  "spam",
  "offensive",
  "personal_data",
  "not_about_product",
  "fake",
  "duplicate",
  "other",
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const REJECTION_REASON_WORDS: Record<RejectionReason, string> = {
  spam: "Spam or advertising",
  offensive: "Offensive, hateful or harassing language",
  personal_data: "Shares someone's personal data",
  not_about_product: "Not about the product or the purchase",
  fake: "Not written by a customer (fake or paid)",
  duplicate: "A duplicate of another review",
  other: "Another reason (see the note)",
};
