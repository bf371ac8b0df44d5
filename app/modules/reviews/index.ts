// Reviews: what shoppers send from the review page (validated, verified, moderated, saved atomically), how
// products' reviews are read back, and the job that keeps Shopify's product rating metafields current.
// Files named *.server.ts touch the database; the rest is pure and safe in the browser bundle.
export {
  submitReviewsForRequest,
  reviewEditableUntil,
  isReviewEditable,
  REVIEW_EDIT_GRACE_HOURS,
  type SubmitReviewsInput,
  type SubmitReviewsResult,
  type SavedReview,
} from "./submission.server";
export {
  listReviewsForProduct,
  ratingSummary,
  reviewFigures,
  LOW_RATING_MAX,
  type ReviewListItem,
  type RatingSummary,
  type ReviewFigures,
} from "./product-reviews.server";
export {
  loadReviewPage,
  submitReviewForm,
  statusForLinkProblem,
  type ReviewPage,
  type ReviewPageProduct,
  type ReviewPageLoad,
  type ReviewLinkProblem,
  type ReviewFormSubmission,
} from "./review-page.server";
export { reviewsJobs, updateProductRatingJob } from "./product-rating-job.server";
export {
  afterReviewSavedJobs,
  AFTER_REVIEW_SAVED_JOB_TYPES,
  UPDATE_PRODUCT_RATING_JOB,
  type AfterReviewSavedJob,
  type ReviewSavedEvent,
} from "./after-review-saved";
export { moderationReasons, moderationStatus, type ModerationReason, type ModerationStatus } from "./moderation";
export {
  checkReviewEntry,
  defaultDisplayName,
  isApparelProduct,
  characterCount,
  ERROR_LIMITS,
  FIT_ANSWERS,
  REVIEW_LIMITS,
  type FitAnswer,
  type ReviewEntryInput,
  type ReviewField,
  type ReviewFieldErrorKey,
  type ReviewFieldErrors,
} from "./review-entry";
export { readReviewForm, cardFieldName, DISPLAY_NAME_FIELD, CARD_FIELDS, type ReviewFormValues } from "./review-form";
export {
  formatMessage,
  languagesFromAcceptHeader,
  resolveShopperLocale,
  shopperMessages,
  SHOPPER_LOCALES,
  type ShopperLocale,
  type ShopperMessageKey,
  type ShopperMessages,
} from "./shopper-language";
export {
  listShopReviews,
  reviewStatusCounts,
  reviewFilterProducts,
  loadShopReview,
  encodeReviewCursor,
  decodeReviewCursor,
  MAX_REVIEW_PAGE_SIZE,
  type ShopReviewFilters,
  type ShopReviewListOptions,
  type ShopReviewRow,
  type ShopReviewPage,
  type ShopReviewDetail,
  type ReviewPageDirection,
} from "./shop-reviews.server";
export {
  moderateReviews,
  moderateMatchingReviews,
  MAX_MODERATED_MATCHING,
  saveReviewReply,
  deleteReviewReply,
  type ModerationOutcome,
  type ReplyResult,
} from "./merchant-moderation.server";
export { REVIEW_STATUSES, type ReviewStatus } from "./review-statuses";
export { shortenAtWord } from "./review-excerpt";
export {
  listProductsWithReviews,
  productListQuerySchema,
  PRODUCT_LIST_SORTS,
  type ProductListRow,
  type ProductListSort,
  type ProductListPage,
} from "./product-list.server";
export { MAX_MODERATED_AT_ONCE, REPLY_MAX_LENGTH, SEARCH_SCAN_LIMIT } from "./merchant-review-limits";
