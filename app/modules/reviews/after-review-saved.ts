// The seam where work that follows a saved review plugs in. Every builder here is asked, inside the same
// transaction that saves the review, which job to enqueue; so a review is never saved without its follow-up
// work, and never followed up without being saved. Later capabilities add one builder each here:
// photo processing (media), topic analysis (insights), points pending publication (loyalty).
import { ANALYZE_REVIEW_JOB } from "../insights";
import type { EnqueueJobInput } from "../jobs";

// The job loyalty runs to bring a customer's review credit for a product up to date (pending while the review
// waits, available once published, taken back when rejected or deleted). Its name lives here, and loyalty takes
// it from this module's face: loyalty reads reviews, so reviews importing loyalty would be a cycle.
export const LOYALTY_REVIEW_CHANGED_JOB = "loyalty.review-changed";

export interface ReviewSavedEvent {
  shop: string;
  reviewId: string;
  productShopifyId: string;
  customerId: string | null;
  requestId: string | null;
  rating: number;
  status: string;
  /** null when the review is new; otherwise its status before this save (an edit). */
  previousStatus: string | null;
  savedAt: Date;
}

export type AfterReviewSavedJob = (event: ReviewSavedEvent) => EnqueueJobInput | null;

/** Every saved text is analysed again (an edit can change it), whatever its moderation status. */
const topicAnalysis: AfterReviewSavedJob = (event) => ({
  type: ANALYZE_REVIEW_JOB,
  shop: event.shop,
  payload: { shop: event.shop, reviewId: event.reviewId },
});

/** Every save of a customer's review: loyalty re-reads the facts (status, verified, media), never the rating. */
const loyaltyCredit: AfterReviewSavedJob = (event) =>
  event.customerId ? loyaltyReviewChangedJob(event.shop, event.customerId, event.productShopifyId) : null;

export function loyaltyReviewChangedJob(shop: string, customerId: string, productShopifyId: string): EnqueueJobInput {
  return { type: LOYALTY_REVIEW_CHANGED_JOB, shop, payload: { shop, customerId, productShopifyId } };
}

// The product's rating metafields are not a job per review: the save marks the product stale in the same
// transaction and the shop's batched sync job writes it (rating-metafields.server.ts).
export const afterReviewSavedJobs: readonly AfterReviewSavedJob[] = [topicAnalysis, loyaltyCredit];

/** The job types a saved review can set off, for documentation, tests and the admin. */
export const AFTER_REVIEW_SAVED_JOB_TYPES: readonly string[] = [ANALYZE_REVIEW_JOB, LOYALTY_REVIEW_CHANGED_JOB];
