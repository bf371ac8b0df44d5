// The request detail screen's words: what the requests module answers, as the merchant reads it.
import { requestStatusLabel } from "~/components/RequestStatusBadge";
import { STALE_AFTER_DAYS, type MerchantActionResult } from "~/modules/requests";

type Refusal = Extract<MerchantActionResult, { ok: false }>;

/** Why nothing was changed, for the merchant (a Polaris banner shows it). */
export function refusalMessage(refusal: Exclude<Refusal, { reason: "not_found" }>): string {
  const label = "status" in refusal ? requestStatusLabel(refusal.status).toLowerCase() : "";
  switch (refusal.reason) {
    case "not_scheduled":
      return `Only a scheduled request can be sent now. This one is ${label}.`;
    case "already_cancelled":
      return "This request is already cancelled.";
    case "reminder_already_cancelled":
      return "The reminder of this request is already cancelled.";
    case "nothing_to_cancel":
      return `Nothing is waiting to be sent for this request (it is ${label}), so there is nothing to cancel.`;
    case "already_scheduled":
      return "This request is already scheduled.";
    case "stopped_for_another_reason":
      return `Only a request you cancelled here can be resumed. This one stopped because: ${(refusal.cancelReason ?? "unknown").replace(/_/g, " ")}.`;
    case "not_resumable":
      return `Only a request you cancelled here can be resumed. This one is ${label}.`;
    case "in_progress":
      return "Kundröst is sending or re-checking this request right now. Reload the page in a minute to see what happened.";
    case "order_removed":
      return "The order is no longer in Kundröst (it was deleted or its data removed), so nothing can be sent for it.";
    case "order_cancelled":
      return "The order was cancelled, so it no longer qualifies for a review request.";
    case "order_refunded":
      return "The order was refunded in full, so it no longer qualifies for a review request.";
    case "reviewed":
      return "Every product in this request has already been reviewed.";
    case "review_received":
      return "A review already came back for this request, so no reminder is sent.";
    case "no_email":
      return "There is no email address for this customer.";
    case "opted_out":
      return "This customer unsubscribed from review requests. Kundröst never emails a customer who opted out, not even when you ask.";
    case "not_fulfilled":
      return "The order has not been fulfilled yet, so there is nothing to ask about.";
    case "nothing_to_review":
      return "None of the order's products can be reviewed any more (excluded, refunded, free, a gift card, or already reviewed).";
    case "too_late":
      return `The moment to ask passed more than ${STALE_AFTER_DAYS} days ago; a request this late would do more harm than good.`;
    case "reminders_off":
      return "Reminders are turned off in Settings, so there is no reminder to resume.";
  }
}
