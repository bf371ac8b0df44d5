// Review requests: when to ask, whom not to ask, the email, sending, reminders and opt-out.
// Other modules and routes use only what is exported here.
export {
  loadRequestForToken,
  loadRequestForUnsubscribe,
  verifiedRequest,
  type LoadRequestResult,
  type LoadedRequest,
  type RequestLinkProblem,
} from "./shopper-pages/request-links.server";
export { signRequestToken } from "./shopper-pages/token.server";
export { markRequestItemReviewed, type MarkReviewedResult } from "./review-progress.server";
export { requestFigures, type RequestFigures } from "./admin/figures.server";
export { dispatchDueRequests, type DispatchSummary, type DispatchOptions } from "./sending/dispatch.server";
export { syncReviewRequestForOrder, type SyncOutcome } from "./scheduling/sync-order.server";
export {
  unsubscribeByToken,
  postponeByToken,
  type UnsubscribeResult,
  type NotArrivedResult,
} from "./shopper-pages/shopper-actions.server";
export { requestsJobs, startRequestDispatch } from "./jobs.server";
export { SYNC_ORDER_JOB, DISPATCH_DUE_JOB } from "./job-types";
export { shopperStrings, type ShopperStrings } from "./email/strings";
export type { MailTransport, OutgoingEmail } from "./sending/mail-transport.server";
export { SHOPPER_PAGE_HEADERS, statusForProblem, pageStrings, formatAskAgainDate } from "./shopper-pages/shopper-pages";
export {
  listReviewRequests,
  loadReviewRequestDetail,
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
  type RequestTimelineEntry,
} from "./admin/listing.server";
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
} from "./admin/merchant-actions.server";
export { STALE_AFTER_DAYS } from "./scheduling/schedule";
