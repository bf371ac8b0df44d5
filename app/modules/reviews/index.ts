// Reviews: what shoppers send from the review page (validated, verified, moderated, saved atomically), how
// products' reviews are read back, and the job that keeps Shopify's product rating metafields current.
// Files named *.server.ts touch the database; the rest is pure and safe in the browser bundle.
export { submitReviewsForRequest } from "./submission.server";
export { listReviewsForProduct, ratingSummary, reviewFigures } from "./product-reviews.server";
export {
  loadReviewPage,
  submitReviewForm,
  statusForLinkProblem,
  type ReviewPage,
  type ReviewLinkProblem,
} from "./review-page.server";
export { reviewsJobs } from "./product-rating-job.server";
export { AFTER_REVIEW_SAVED_JOB_TYPES, UPDATE_PRODUCT_RATING_JOB } from "./after-review-saved";
export { moderationReasons, moderationStatus, type ModerationReason } from "./moderation";
export {
  checkReviewEntry,
  defaultDisplayName,
  isApparelProduct,
  ERROR_LIMITS,
  FIT_ANSWERS,
  REVIEW_LIMITS,
  type FitAnswer,
  type ReviewField,
  type ReviewFieldErrorKey,
} from "./review-entry";
export { readReviewForm, cardFieldName, DISPLAY_NAME_FIELD, type ReviewFormValues } from "./review-form";
export { formatMessage, shopperMessages, type ShopperMessageKey, type ShopperMessages } from "./shopper-messages";
export {
  listShopReviews,
  reviewStatusCounts,
  reviewFilterProducts,
  loadShopReview,
  encodeReviewCursor,
} from "./shop-reviews.server";
export {
  moderateReviews,
  moderateMatchingReviews,
  MAX_MODERATED_MATCHING,
  saveReviewReply,
  deleteReviewReply,
} from "./merchant-moderation.server";
export { REVIEW_STATUSES, type ReviewStatus } from "./review-statuses";
export { shortenAtWord } from "./review-excerpt";
export { listProductsWithReviews, productListQuerySchema } from "./product-list.server";
export { MAX_MODERATED_AT_ONCE, REPLY_MAX_LENGTH, SEARCH_SCAN_LIMIT } from "./merchant-review-limits";
