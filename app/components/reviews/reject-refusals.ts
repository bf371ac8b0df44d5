// What the merchant reads when a rejection is refused (reviews' moderateReviews answers these codes).
export const REJECT_REFUSALS = {
  reason_required: "Choose why the review is rejected.",
  note_required: "Say in the note why the review is rejected.",
} as const;
