// What a merchant can do to one review request from its detail screen: send it now, cancel it, resume it.
//
// Rules (the admin shows them next to the buttons):
// - Send now (status "scheduled"): the request becomes due now and a dispatch job is queued at once, so the
//   ordinary dispatcher sends it (dispatch.server.ts): there is no second sending path. sendNowRequestedAt
//   lets it skip the send window and the frequency cap for that one email, because the merchant asked for it
//   explicitly; the dispatcher still re-checks everything that protects the shopper right before sending
//   (opt-out, cancelled or refunded order, already reviewed) and the email still goes through the
//   at-most-once rule (send-email.server.ts). The same checks are made here first, so a merchant pressing the
//   button for an unsubscribed customer gets a clear "no" instead of a silent skip.
// - Cancel: a scheduled request becomes "cancelled" (reason cancelled_by_merchant). A request whose email
//   went out and whose reminder is still pending keeps its status "sent" (its review link keeps working) and
//   loses the reminder, with the same reason. Either way nothing more is sent for the order.
// - Resume (only what the merchant cancelled): a request never emailed is planned again from the shop's
//   settings as if new (fulfillment/delivery + N days, frequency cap, send window), only while the order
//   still qualifies; a cancelled re-ask ("not arrived yet") comes back at its date or the next send window;
//   a cancelled reminder comes back at its date per the settings, or the next send window if that passed.
// Concurrency: every change is one conditional update on the state it was decided from, and never touches a
// request the dispatcher holds (claimedUntil), so two clicks, or a click racing a dispatcher, change it once
// and never send twice. Every read and write filters by the merchant's shop: another shop's id is not found.
import db from "../../../db.server";
import { enqueueJob } from "../../jobs";
import { loggerFor } from "../../../logger.server";
import { getSettings } from "../../settings";
import { normaliseEmail } from "../../customers";
import { loadCustomerHistory } from "../scheduling/customer-history.server";
import { DISPATCH_DUE_JOB } from "../job-types";
import { appendRequestEvent } from "../request-events.server";
import { loadShopBrand } from "../../shops";
import { isFullyRefunded, MERCHANT_CANCEL_REASON, nextSendWindowOpening, reminderDueAt } from "../scheduling/schedule";
import { loadOrder, planRequestForOrder, replaceRequestItems, sameItems } from "../scheduling/sync-order.server";

export { MERCHANT_CANCEL_REASON };

export type MerchantAction = "send_now" | "cancel" | "resume";

/** Which actions the detail screen offers for a request in this state. */
export interface MerchantActions {
  sendNow: boolean;
  /** "Send now" was pressed and the dispatcher has not sent it yet. */
  sendNowPending: boolean;
  /** What a cancel would stop: the request's email, its pending reminder, or nothing. */
  cancel: "request" | "reminder" | null;
  resume: boolean;
}

interface ActionableFacts {
  status: string;
  reminderAt: Date | null;
  remindedAt: Date | null;
  cancelReason: string | null;
  sendNowRequestedAt: Date | null;
}

function cancellable(request: ActionableFacts): "request" | "reminder" | null {
  if (request.status === "scheduled") return "request";
  if (request.status === "sent" && request.remindedAt === null && request.reminderAt !== null) return "reminder";
  return null;
}

function resumable(request: ActionableFacts): boolean {
  if (request.cancelReason !== MERCHANT_CANCEL_REASON) return false;
  if (request.status === "cancelled") return true;
  return request.status === "sent" && request.reminderAt === null && request.remindedAt === null;
}

export function merchantActionsFor(request: ActionableFacts): MerchantActions {
  return {
    sendNow: request.status === "scheduled",
    sendNowPending: request.status === "scheduled" && request.sendNowRequestedAt !== null,
    cancel: cancellable(request),
    resume: resumable(request),
  };
}

/** Why a shopper may not be emailed for this request any more (the dispatcher applies the same rules). */
export type ShopperProtection =
  "order_removed" | "order_cancelled" | "order_refunded" | "reviewed" | "review_received" | "no_email" | "opted_out";

/** Why a resumed request could not be planned again (schedule.ts). */
export type ReplanRefusal = "not_fulfilled" | "nothing_to_review" | "too_late" | "reminders_off";

/**
 * Why the request's state rules the action out, decided here so that no screen restates which status allows
 * what; the screen puts the code into words (with the status and cancel reason it carries).
 */
export type StatusRefusal =
  /** Send now: only a scheduled request can be sent now. */
  | "not_scheduled"
  /** Cancel: the request is cancelled already. */
  | "already_cancelled"
  /** Cancel: the merchant already cancelled the reminder of this sent request. */
  | "reminder_already_cancelled"
  /** Cancel: nothing is waiting to be sent. */
  | "nothing_to_cancel"
  /** Resume: the request is scheduled already. */
  | "already_scheduled"
  /** Resume: the request was cancelled, but not by the merchant (cancelReason says why). */
  | "stopped_for_another_reason"
  /** Resume: nothing the merchant cancelled is there to bring back. */
  | "not_resumable";

export type MerchantActionResult =
  | { ok: true; action: "send_now"; alreadyRequested: boolean }
  | { ok: true; action: "cancel"; stopped: "request" | "reminder" }
  | { ok: true; action: "resume"; email: "request" | "reminder"; at: Date }
  | { ok: false; reason: "not_found" }
  /** The request is not in a state this action applies to (status and cancel reason as they are now). */
  | { ok: false; reason: StatusRefusal; status: string; cancelReason: string | null }
  /** The dispatcher holds the request right now (sending or re-checking it). */
  | { ok: false; reason: "in_progress" }
  | { ok: false; reason: ShopperProtection | ReplanRefusal };

export interface MerchantActionInput {
  shop: string;
  requestId: string;
}

type OwnRequest = NonNullable<Awaited<ReturnType<typeof loadOwnRequest>>>;

function loadOwnRequest(shop: string, requestId: string) {
  return db.reviewRequest.findFirst({ where: { id: requestId, shop }, include: { items: true } });
}

function notClaimed(now: Date) {
  return { OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] };
}

function isClaimed(request: { claimedUntil: Date | null }, now: Date): boolean {
  return request.claimedUntil !== null && request.claimedUntil >= now;
}

function statusRefusal(action: MerchantAction, status: string, cancelReason: string | null): StatusRefusal {
  if (action === "send_now") return "not_scheduled";
  if (action === "cancel") {
    if (status === "cancelled") return "already_cancelled";
    if (status === "sent" && cancelReason === MERCHANT_CANCEL_REASON) return "reminder_already_cancelled";
    return "nothing_to_cancel";
  }
  if (status === "scheduled") return "already_scheduled";
  return status === "cancelled" ? "stopped_for_another_reason" : "not_resumable";
}

function wrongStatus(
  action: MerchantAction,
  request: { status: string; cancelReason: string | null },
): MerchantActionResult {
  const { status, cancelReason } = request;
  return { ok: false, reason: statusRefusal(action, status, cancelReason), status, cancelReason };
}

/** After a conditional update matched nothing: what changed under us, as the answer to give. */
async function lostRace(
  action: MerchantAction,
  shop: string,
  requestId: string,
  now: Date,
): Promise<MerchantActionResult> {
  const current = await db.reviewRequest.findFirst({
    where: { id: requestId, shop },
    select: { status: true, cancelReason: true, claimedUntil: true },
  });
  if (!current) return { ok: false, reason: "not_found" };
  if (isClaimed(current, now)) return { ok: false, reason: "in_progress" };
  return wrongStatus(action, current);
}

/** The checks that protect the shopper, on the request as it is now; null when it may be emailed. */
async function shopperProtection(
  request: OwnRequest,
  options: { reminder: boolean },
): Promise<ShopperProtection | null> {
  const { shop } = request;
  const order = await db.order.findFirst({ where: { id: request.orderId, shop }, include: { lines: true } });
  if (!order) return "order_removed";
  if (order.cancelledAt) return "order_cancelled";
  if (isFullyRefunded(order)) return "order_refunded";
  const reviewedItems = request.items.filter((item) => item.reviewedAt).length;
  if (request.items.length > 0 && reviewedItems >= request.items.length) return "reviewed";
  if (options.reminder && reviewedItems > 0) return "review_received";
  const email = normaliseEmail(request.email);
  if (!email) return "no_email";
  const history = await loadCustomerHistory({
    shop,
    customerId: request.customerId,
    email,
    excludeRequestId: request.id,
  });
  return history.optedOut ? "opted_out" : null;
}

/**
 * "Send now": the scheduled request is sent by the next dispatch, which is queued right away. Skips the send
 * window and the frequency cap; never the opt-out, a cancelled or refunded order, or the at-most-once rule.
 */
export async function sendRequestNow(
  input: MerchantActionInput,
  options: { now?: Date } = {},
): Promise<MerchantActionResult> {
  const now = options.now ?? new Date();
  const { shop, requestId } = input;
  const request = await loadOwnRequest(shop, requestId);
  if (!request) return { ok: false, reason: "not_found" };
  if (request.status !== "scheduled") return wrongStatus("send_now", request);
  if (isClaimed(request, now)) return { ok: false, reason: "in_progress" };
  const protection = await shopperProtection(request, { reminder: false });
  if (protection) return { ok: false, reason: protection };
  // A second click before the dispatcher ran: the first one stands.
  if (request.sendNowRequestedAt && request.sendAt <= now)
    return { ok: true, action: "send_now", alreadyRequested: true };

  const moved = await db.$transaction(async (tx) => {
    const changed = await tx.reviewRequest.updateMany({
      where: {
        id: request.id,
        shop,
        status: "scheduled",
        sendAt: request.sendAt,
        sendNowRequestedAt: request.sendNowRequestedAt,
        AND: [notClaimed(now)],
      },
      data: { sendAt: now, sendNowRequestedAt: now },
    });
    if (changed.count !== 1) return false;
    await appendRequestEvent(tx, {
      shop,
      requestId: request.id,
      type: "merchant_send_now",
      at: now,
      detail: { by: "merchant", plannedFor: request.sendAt.toISOString() },
    });
    // Its own run now, rather than at the next minute of the dispatch chain (which this run also keeps going).
    await enqueueJob(
      {
        type: DISPATCH_DUE_JOB,
        shop: null,
        payload: {},
        runAt: now,
        uniqueKey: `${DISPATCH_DUE_JOB}@send-now:${request.id}:${now.getTime()}`,
      },
      tx,
    );
    return true;
  });
  if (!moved) {
    const current = await db.reviewRequest.findFirst({
      where: { id: request.id, shop },
      select: { status: true, sendNowRequestedAt: true, claimedUntil: true },
    });
    if (current?.status === "scheduled" && current.sendNowRequestedAt && !isClaimed(current, now)) {
      return { ok: true, action: "send_now", alreadyRequested: true };
    }
    return lostRace("send_now", shop, request.id, now);
  }
  loggerFor({ shop, module: "requests" }).info(
    { requestId: request.id },
    "merchant asked to send a review request now",
  );
  return { ok: true, action: "send_now", alreadyRequested: false };
}

/** Cancel: a scheduled request is cancelled; a sent request's pending reminder is dropped. Nothing more is sent. */
export async function cancelRequest(
  input: MerchantActionInput,
  options: { now?: Date } = {},
): Promise<MerchantActionResult> {
  const now = options.now ?? new Date();
  const { shop, requestId } = input;
  const request = await loadOwnRequest(shop, requestId);
  if (!request) return { ok: false, reason: "not_found" };
  const stopping = cancellable(request);
  if (!stopping) return wrongStatus("cancel", request);
  if (isClaimed(request, now)) return { ok: false, reason: "in_progress" };

  const cancelled = await db.$transaction(async (tx) => {
    const changed = await tx.reviewRequest.updateMany({
      where:
        stopping === "request"
          ? { id: request.id, shop, status: "scheduled", AND: [notClaimed(now)] }
          : {
              id: request.id,
              shop,
              status: "sent",
              remindedAt: null,
              reminderAt: { not: null },
              AND: [notClaimed(now)],
            },
      data:
        stopping === "request"
          ? { status: "cancelled", cancelReason: MERCHANT_CANCEL_REASON, reminderAt: null, sendNowRequestedAt: null }
          : { reminderAt: null, cancelReason: MERCHANT_CANCEL_REASON },
    });
    if (changed.count !== 1) return false;
    await appendRequestEvent(tx, {
      shop,
      requestId: request.id,
      type: "merchant_cancelled",
      at: now,
      detail: {
        by: "merchant",
        stopped: stopping === "request" ? "request_email" : "reminder",
        wasDue: (stopping === "request" ? request.sendAt : (request.reminderAt as Date)).toISOString(),
      },
    });
    return true;
  });
  if (!cancelled) return lostRace("cancel", shop, request.id, now);
  loggerFor({ shop, module: "requests" }).info(
    { requestId: request.id, stopped: stopping },
    "merchant cancelled a review request",
  );
  return { ok: true, action: "cancel", stopped: stopping };
}

/** Resume what the merchant cancelled, with its date worked out again, while the order still qualifies. */
export async function resumeRequest(
  input: MerchantActionInput,
  options: { now?: Date } = {},
): Promise<MerchantActionResult> {
  const now = options.now ?? new Date();
  const { shop, requestId } = input;
  const request = await loadOwnRequest(shop, requestId);
  if (!request) return { ok: false, reason: "not_found" };
  if (!resumable(request)) return wrongStatus("resume", request);
  const log = loggerFor({ shop, module: "requests" });

  if (request.status === "cancelled" && request.sentAt === null) {
    // Never emailed: planned again as if new, from the order and the shop's settings as they are now.
    const order = await loadOrder(shop, request.orderId);
    if (!order) return { ok: false, reason: "order_removed" };
    const { plan } = await planRequestForOrder({ shop, order, requestId: request.id, existing: null, now });
    if (plan.kind === "wait") return { ok: false, reason: "not_fulfilled" };
    // (The plan never cancels for "not_arrived": that is the shopper's postpone, not an order fact.)
    if ((plan.kind === "cancel" || plan.kind === "skip") && plan.reason !== "not_arrived")
      return { ok: false, reason: plan.reason };
    if (plan.kind !== "schedule") return wrongStatus("resume", request);
    const resumed = await db.$transaction(async (tx) => {
      const changed = await tx.reviewRequest.updateMany({
        where: { id: request.id, shop, status: "cancelled", cancelReason: MERCHANT_CANCEL_REASON },
        data: {
          status: "scheduled",
          cancelReason: null,
          sendAt: plan.sendAt,
          basis: plan.basis,
          reminderAt: null,
          sendNowRequestedAt: null,
          claimedUntil: null,
        },
      });
      if (changed.count !== 1) return false;
      if (!sameItems(plan.items, request.items)) {
        await replaceRequestItems(tx, shop, request.id, plan.items);
        await appendRequestEvent(tx, {
          shop,
          requestId: request.id,
          type: "items_changed",
          at: now,
          detail: { products: plan.items.map((i) => i.title) },
        });
      }
      await appendRequestEvent(tx, {
        shop,
        requestId: request.id,
        type: "merchant_resumed",
        at: now,
        detail: { by: "merchant", sendAt: plan.sendAt.toISOString(), basis: plan.basis, adjustedBy: plan.adjustedBy },
      });
      return true;
    });
    if (!resumed) return lostRace("resume", shop, request.id, now);
    log.info({ requestId: request.id, sendAt: plan.sendAt }, "merchant resumed a review request");
    return { ok: true, action: "resume", email: "request", at: plan.sendAt };
  }

  // Emailed before: what was cancelled is a re-ask ("not arrived yet") or the reminder.
  const reminder = request.status === "sent";
  const protection = await shopperProtection(request, { reminder });
  if (protection) return { ok: false, reason: protection };
  const [settings, brand] = await Promise.all([getSettings(shop), loadShopBrand(shop)]);
  const window = { startHour: settings.sendWindowStartHour, endHour: settings.sendWindowEndHour, zone: brand.timezone };
  let at: Date;
  if (reminder) {
    const due = reminderDueAt(request.lastSentAt ?? (request.sentAt as Date), false, settings, brand.timezone);
    if (!due) return { ok: false, reason: "reminders_off" };
    at = due < now ? nextSendWindowOpening(now, window) : due;
  } else {
    at = nextSendWindowOpening(request.sendAt < now ? now : request.sendAt, window);
  }
  const resumed = await db.$transaction(async (tx) => {
    const changed = await tx.reviewRequest.updateMany({
      where: reminder
        ? {
            id: request.id,
            shop,
            status: "sent",
            cancelReason: MERCHANT_CANCEL_REASON,
            reminderAt: null,
            remindedAt: null,
          }
        : { id: request.id, shop, status: "cancelled", cancelReason: MERCHANT_CANCEL_REASON },
      data: reminder
        ? { reminderAt: at, cancelReason: null }
        : {
            status: "scheduled",
            cancelReason: null,
            sendAt: at,
            reminderAt: null,
            sendNowRequestedAt: null,
            claimedUntil: null,
          },
    });
    if (changed.count !== 1) return false;
    await appendRequestEvent(tx, {
      shop,
      requestId: request.id,
      type: "merchant_resumed",
      at: now,
      detail: { by: "merchant", ...(reminder ? { reminderAt: at.toISOString() } : { sendAt: at.toISOString() }) },
    });
    return true;
  });
  if (!resumed) return lostRace("resume", shop, request.id, now);
  log.info({ requestId: request.id, at, reminder }, "merchant resumed a review request");
  return { ok: true, action: "resume", email: reminder ? "reminder" : "request", at };
}

/** One entry point for the route: the action by name. */
export function runMerchantAction(
  action: MerchantAction,
  input: MerchantActionInput,
  options: { now?: Date } = {},
): Promise<MerchantActionResult> {
  switch (action) {
    case "send_now":
      return sendRequestNow(input, options);
    case "cancel":
      return cancelRequest(input, options);
    case "resume":
      return resumeRequest(input, options);
  }
}
