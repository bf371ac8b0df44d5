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
export { reviewsJobs } from "./jobs.server";
export { reviewMediaChanged, setReviewMediaVisibility } from "./review-media-changes.server";
export { AFTER_REVIEW_SAVED_JOB_TYPES, LOYALTY_REVIEW_CHANGED_JOB } from "./after-review-saved";
export {
  moderationReasons,
  moderationStatus,
  looksLikeGibberish,
  MODERATION_SIGNALS,
  MODERATION_REASON_WORDS,
  type ModerationReason,
} from "./moderation";
export { publishReviews, hideReviews, restoreReviews, deleteReviews } from "./review-state.server";
export { loadReviewTrust, pendingSince, type ReviewTrust } from "./review-trust.server";
export { loadReviewHistory } from "./review-history.server";
export { REJECTION_REASONS, REJECTION_REASON_WORDS, type RejectionReason } from "./rejection-reasons";
export {
  markProductRatingsStale,
  recountProductRatings,
  reconcileProductRatings,
  SYNC_PRODUCT_RATINGS_JOB,
  RECONCILE_PRODUCT_RATINGS_JOB,
} from "./rating-metafields.server";
export { listOpenFollowUpTasks, updateFollowUpTask } from "./follow-up-tasks.server";
export { sendReplyEmail } from "./reply-email.server";
export {
  loadReviewForLink,
  updateReviewFromLink,
  unsubscribeByReviewToken,
  type ReviewForUpdate,
} from "./review-update.server";
export { voteHelpful, reportReview, VOTES_PER_VISITOR_WINDOW } from "./votes.server";
export { receiveStorefrontSignal } from "./storefront-signals.server";
export { storefrontReviewListJson, StorefrontListQuery, STOREFRONT_LIST_CACHE_MS } from "./storefront-list.server";
export { submitStorefrontReview, STOREFRONT_REVIEWS_PER_ADDRESS_HOUR } from "./storefront-submission.server";
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
export {
  readReviewForm,
  cardFieldName,
  mediaFieldName,
  DISPLAY_NAME_FIELD,
  type ReviewFormValues,
} from "./review-form";
export { formatMessage, shopperMessages, type ShopperMessageKey, type ShopperMessages } from "./shopper-messages";
export {
  listShopReviews,
  reviewStatusCounts,
  reviewFilterProducts,
  loadShopReview,
  encodeReviewCursor,
  REVIEW_MEDIA_FILTERS,
  type ShopReviewMedia,
} from "./shop-reviews.server";
export {
  moderateReviews,
  moderateMatchingReviews,
  MAX_MODERATED_MATCHING,
  saveReviewReply,
  deleteReviewReply,
  sendPrivateReply,
} from "./merchant-moderation.server";
export { REVIEW_STATUSES, type ReviewStatus } from "./review-statuses";
export { shortenAtWord } from "./review-excerpt";
export { listProductsWithReviews, productListQuerySchema } from "./product-list.server";
export { MAX_MODERATED_AT_ONCE, REPLY_MAX_LENGTH, SEARCH_SCAN_LIMIT } from "./merchant-review-limits";
export { reviewsAwaitingAction, FOLLOW_UP_DAYS } from "./awaiting-action.server";
export { loyaltyFactsForReviews } from "./loyalty-facts.server";
export {
  previewImport,
  startImport,
  importReviewsFile,
  loadImport,
  listImports,
  rejectedRowsCsv,
  type ImportPreview,
  type ImportFormatChoice,
} from "./import/import-run.server";
export { receiveImportFile, MAX_IMPORT_BYTES, ImportTooLargeError } from "./import/upload.server";
export { IMPORT_FORMATS, IMPORT_FORMAT_LABELS, detectImportFormat } from "./import/formats";
export { parseReviewDate } from "./import/dates";
export { exportReviewChunks, exportReviewsStream, exportFileName, EXPORT_FORMATS } from "./import/export.server";
export { safeFetch, forbiddenAddress } from "./import/safe-fetch.server";
export { fetchImportedPhotos, importPhotoReport, type ImportPhotoReport } from "./import/photo-fetch.server";
export { refusedFileMessage, encodeRefusedFile, decodeRefusedFile } from "./refused-file-message";
export { reviewFeedChunks, reviewFeedToken, regenerateReviewFeedToken, shopForReviewFeed } from "./google-feed.server";
