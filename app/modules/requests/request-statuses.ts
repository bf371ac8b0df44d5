// Where a review request stands (ReviewRequest.status). A plain module, not *.server.ts, because the admin
// screens render these on the client too (status tabs and badges).
export const REVIEW_REQUEST_STATUSES = [
  "scheduled",
  "sent",
  "reminded",
  "reviewed",
  "cancelled",
  "failed",
  "skipped",
] as const;
export type ReviewRequestStatus = (typeof REVIEW_REQUEST_STATUSES)[number];
