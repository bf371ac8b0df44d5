// Review requests: when to ask, whom not to ask, the email, sending, reminders and opt-out.
// Other modules and routes use only what is exported here.
export {
  loadRequestForToken,
  loadRequestForUnsubscribe,
  verifiedRequest,
  type LoadRequestResult,
  type LoadedRequest,
  type RequestLinkProblem,
  type ShopBrand,
} from "./request-links.server";
export { signRequestToken } from "./token.server";
export { markRequestItemReviewed, type MarkReviewedResult } from "./review-progress.server";
export { requestFigures, type RequestFigures } from "./figures.server";
export {
  makeScheduledRequestsDueNow,
  dispatchDueRequests,
  type DispatchSummary,
  type DispatchOptions,
} from "./dispatch.server";
export { syncReviewRequestForOrder, type SyncOutcome } from "./sync-order.server";
export {
  unsubscribeByToken,
  postponeByToken,
  type UnsubscribeResult,
  type NotArrivedResult,
} from "./shopper-actions.server";
export { requestsJobs, startRequestDispatch, SYNC_ORDER_JOB, DISPATCH_DUE_JOB } from "./jobs.server";
export { replanScheduledRequests, PLANNING_SETTINGS, REPLAN_SCHEDULED_JOB, type ReplanOutcome } from "./replan.server";
export { shopperStrings, fill, type ShopperStrings } from "./email/strings";
export { pickEmailLocale } from "./shopper-locale";
export type { MailTransport, OutgoingEmail } from "./mail-transport.server";
export {
  SHOPPER_PAGE_HEADERS,
  statusForProblem,
  localeFromAcceptLanguage,
  pageStrings,
  formatAskAgainDate,
} from "./shopper-pages";
export {
  listReviewRequests,
  loadReviewRequestDetail,
  shopTimeZone,
  sendDateRange,
  encodeRequestCursor,
  decodeRequestCursor,
  MAX_PAGE_SIZE,
  type RequestListOptions,
  type RequestListPage,
  type RequestListRow,
  type ListedRequestStatus,
  type RequestListOrder,
  type PageDirection,
  type ReviewRequestDetail,
} from "./listing.server";
export { requestStory, type StoryEntry } from "./request-story";
export { REVIEW_REQUEST_STATUSES, type ReviewRequestStatus } from "./request-statuses";
export {
  sendRequestNow,
  cancelRequest,
  resumeRequest,
  runMerchantAction,
  merchantActionsFor,
  MERCHANT_CANCEL_REASON,
  type MerchantAction,
  type MerchantActions,
  type MerchantActionInput,
  type MerchantActionResult,
  type ShopperProtection,
  type ReplanRefusal,
} from "./merchant-actions.server";
export { STALE_AFTER_DAYS } from "./schedule";
