// The seam where work that follows a saved review plugs in. Every builder here is asked, inside the same
// transaction that saves the review, which job to enqueue; so a review is never saved without its follow-up
// work, and never followed up without being saved. Later capabilities add one builder each here:
// photo processing (media), topic analysis (insights), points pending publication (loyalty).
import { ANALYZE_REVIEW_JOB } from "../insights";
import type { EnqueueJobInput } from "../jobs";

export const UPDATE_PRODUCT_RATING_JOB = "reviews.update-product-rating";

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

/** Only published reviews count towards the storefront rating, so only changes that touch one need a recount. */
const productRatingUpdate: AfterReviewSavedJob = (event) =>
  event.status === "published" || event.previousStatus === "published"
    ? {
        type: UPDATE_PRODUCT_RATING_JOB,
        shop: event.shop,
        payload: { shop: event.shop, productShopifyId: event.productShopifyId },
      }
    : null;

/** Every saved text is analysed again (an edit can change it), whatever its moderation status. */
const topicAnalysis: AfterReviewSavedJob = (event) => ({
  type: ANALYZE_REVIEW_JOB,
  shop: event.shop,
  payload: { shop: event.shop, reviewId: event.reviewId },
});

export const afterReviewSavedJobs: readonly AfterReviewSavedJob[] = [productRatingUpdate, topicAnalysis];

/** The job types a saved review can set off, for documentation, tests and the admin. */
export const AFTER_REVIEW_SAVED_JOB_TYPES: readonly string[] = [UPDATE_PRODUCT_RATING_JOB, ANALYZE_REVIEW_JOB];
