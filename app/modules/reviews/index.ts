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
export { reviewsJobs } from "./jobs.server";
export {
  afterReviewSavedJobs,
  AFTER_REVIEW_SAVED_JOB_TYPES,
  type AfterReviewSavedJob,
  type ReviewSavedEvent,
} from "./after-review-saved";
export {
  moderationReasons,
  moderationStatus,
  looksLikeGibberish,
  MODERATION_SIGNALS,
  MODERATION_REASON_WORDS,
  type ModerationReason,
  type ModerationStatus,
  type ModerationFacts,
} from "./moderation";
export {
  publishReviews,
  hideReviews,
  restoreReviews,
  holdReviews,
  deleteReviews,
  afterReviewStatusChangedJobs,
  MissingRejectionNoteError,
  type ReviewStatusChangedEvent,
  type AfterReviewStatusChanged,
  type StateChangeInput,
  type StateChangeOutcome,
} from "./review-state.server";
export { loadReviewTrust, type ReviewTrust } from "./review-trust.server";
export {
  loadReviewHistory,
  type ReviewHistoryEntry,
  type HistoryAction,
  type HistoryActor,
} from "./review-history.server";
export { REJECTION_REASONS, REJECTION_REASON_WORDS, type RejectionReason } from "./rejection-reasons";
export {
  markProductRatingsStale,
  recountProductRatings,
  syncStaleProductRatings,
  reconcileProductRatings,
  scheduleDailyReconciliation,
  SYNC_PRODUCT_RATINGS_JOB,
  RECONCILE_PRODUCT_RATINGS_JOB,
  RECONCILE_ALL_SHOPS_JOB,
} from "./rating-metafields.server";
export {
  listOpenFollowUpTasks,
  loadFollowUpTask,
  updateFollowUpTask,
  FOLLOW_UP_MAX_RATING,
  FOLLOW_UP_NOTE_MAX_LENGTH,
  type FollowUpTaskRow,
} from "./follow-up-tasks.server";
export { sendReplyEmail, replyEmailKey, SEND_REPLY_EMAIL_JOB, type QueuedReplyEmail } from "./reply-email.server";
export {
  loadReviewForLink,
  updateReviewFromLink,
  unsubscribeByReviewToken,
  type ReviewForUpdate,
  type ReviewUpdateResult,
  type ReviewUpdateLinkProblem,
} from "./review-update.server";
export { reviewLinks, signReviewToken } from "./review-links.server";
export {
  voteHelpful,
  reportReview,
  reviewSignals,
  REPORT_REASONS,
  VOTES_PER_VISITOR_WINDOW,
  type VoteResult,
  type ReportResult,
} from "./votes.server";
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
  saveReviewReply,
  deleteReviewReply,
  sendPrivateReply,
  type ModerationOutcome,
  type ReplyResult,
  type PrivateReplyResult,
} from "./merchant-moderation.server";
export { REVIEW_STATUSES, type ReviewStatus } from "./review-statuses";
export { MAX_MODERATED_AT_ONCE, REPLY_MAX_LENGTH, SEARCH_SCAN_LIMIT } from "./merchant-review-limits";
export {
  previewImport,
  startImport,
  runImport,
  importReviewsFile,
  loadImport,
  listImports,
  rejectedRowsCsv,
  MAX_IMPORT_BYTES,
  IMPORT_REVIEWS_JOB,
  type ImportPreview,
  type ImportPreviewRow,
  type ImportStatus,
  type ImportSummary,
  type ImportFormatChoice,
} from "./import/import-run.server";
export { IMPORT_FORMATS, IMPORT_FORMAT_LABELS, detectImportFormat, type ImportFormat } from "./import/formats";
export { parseReviewDate } from "./import/dates";
export { decodeCsv, detectSeparator, readCsvRecords } from "./import/csv-reader";
export {
  exportReviewChunks,
  exportReviewsStream,
  exportFileName,
  EXPORT_FORMATS,
  type ExportFormat,
} from "./import/export.server";
export { safeFetch, forbiddenAddress, type SafeFetchResult, type SafeFetchOptions } from "./import/safe-fetch.server";
export {
  fetchImportedPhotos,
  setImportedPhotoIntake,
  FETCH_IMPORTED_PHOTOS_JOB,
  type ImportedPhoto,
  type ImportedPhotoIntake,
  type PhotoIntakeResult,
} from "./import/photo-fetch.server";
