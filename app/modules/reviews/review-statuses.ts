// A review's moderation statuses. Pure, so admin screens can use them in the browser bundle too (a value
// imported from a *.server.ts file is empty there).
export const REVIEW_STATUSES = ["pending", "published", "rejected"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
