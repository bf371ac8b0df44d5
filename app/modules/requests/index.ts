// Review requests: when to ask, whom not to ask, the email, sending, reminders and opt-out.
// Other modules and routes use only what is exported here.
export { loadRequestForToken, loadRequestForUnsubscribe, verifiedRequest } from "./shopper-pages/request-links.server";
export { signRequestToken } from "./shopper-pages/token.server";
export { markRequestItemReviewed } from "./review-progress.server";
export { requestFigures, type RequestFigures } from "./admin/figures.server";
export { dispatchDueRequests } from "./sending/dispatch.server";
export { syncReviewRequestForOrder, syncReviewRequestsForOrders } from "./scheduling/sync-order.server";
export { unsubscribeByToken, postponeByToken } from "./shopper-pages/shopper-actions.server";
export { requestsJobs, startRequestDispatch } from "./jobs.server";
export { SYNC_ORDER_JOB, DISPATCH_DUE_JOB } from "./job-types";
export { shopperStrings } from "./email/strings";
export { provideEmailPointsOffer } from "./email/points-offer";
export type { MailTransport } from "./sending/mail-transport.server";
// The at-most-once mail path, shared by every email the app sends (loyalty's, review replies, the weekly digest).
export { sendEmailOnce, type SendOutcome } from "./sending/send-email.server";
export { smtpTransportFromEnv, senderAddress } from "./sending/mail-transport.server";
export { SHOPPER_PAGE_HEADERS, statusForProblem, pageStrings, formatAskAgainDate } from "./shopper-pages/shopper-pages";
export { replanScheduledRequests, PLANNING_SETTINGS } from "./scheduling/replan.server";
export {
  listReviewRequests,
  loadReviewRequestDetail,
  sendDateRange,
  encodeRequestCursor,
  type ListedRequestStatus,
} from "./admin/listing.server";
export { requestStory } from "./admin/request-story";
export { REVIEW_REQUEST_STATUSES } from "./request-statuses";
export {
  sendRequestNow,
  runMerchantAction,
  MERCHANT_CANCEL_REASON,
  type MerchantAction,
  type MerchantActions,
  type MerchantActionResult,
} from "./admin/merchant-actions.server";
export { STALE_AFTER_DAYS } from "./scheduling/schedule";
export { escapeHtml, textOnBrand } from "./email/render";
