// When to ask, and whether to ask at all: pure rules over order facts, settings, the customer's history and
// the clock. No database, no I/O; the sync-order job and the dispatcher feed these and apply the decision.
//
// Decisions written down here (the admin timeline shows the reason codes):
// - Day arithmetic is in the shop's time zone in calendar days, so "fulfilled at 10:00 + 14 days" is 10:00
//   local two weeks later even across a daylight-saving switch (not 14 x 24 hours).
// - A delivered event wins over fulfillment whenever it arrives before the first email: the parcel's arrival
//   is the better moment, even when delivery + M days falls after fulfillment + N days.
// - Frequency cap: a request that the cap holds back is DEFERRED to the day the cap allows (then to the next
//   send window), never dropped; the customer's other requests planned earlier count as well as those sent.
//   Only the first email of a request counts against the cap; its reminder and a re-ask after "not arrived
//   yet" belong to the same request and are not held back by it.
// - Requests whose moment passed more than STALE_AFTER_DAYS ago (an old order synced late, e.g. after
//   install) are skipped rather than sent months late.
// - The reminder is sent once per request, only while no review at all has come back for it.
// - "Not arrived yet" postpones by postponeDays, at most maxPostpones times; a further click stops asking.
// - The merchant's "Send now" skips the send window and the frequency cap for that one email (the merchant
//   asked for it explicitly, for this customer), never the opt-out, the cancelled/refunded-order check or the
//   at-most-once send rule. A merchant's cancel is final for the shopper too: "not arrived yet" no longer
//   schedules a re-ask (merchant-actions.server.ts).
import { DateTime, IANAZone } from "luxon";
import type { RequestTrigger, ShopSettings } from "../../settings";

export type RequestBasis = "fulfillment" | "delivery" | "fallback";

export type RequestTriggerMode = RequestTrigger;

/** The part of a shop's settings the schedule reads (field names and meaning: app/modules/settings). */
export type ScheduleSettings = Pick<
  ShopSettings,
  | "requestTrigger"
  | "daysAfterFulfillment"
  | "daysAfterDelivery"
  | "deliveryFallbackDays"
  | "maxProductsPerRequest"
  | "excludedProductIds"
  | "frequencyCapDays"
  | "sendWindowStartHour"
  | "sendWindowEndHour"
  | "reminderEnabled"
  | "reminderDelayDays"
  | "postponeDays"
  | "maxPostpones"
>;

export interface OrderLineFacts {
  orderLineId?: string | null;
  productShopifyId: string | null;
  title: string;
  quantity: number;
  refundedQuantity: number;
  priceCents: number;
  isGiftCard: boolean;
  imageUrl?: string | null;
}

export interface OrderFacts {
  fulfilledAt: Date | null;
  deliveredAt: Date | null;
  cancelledAt: Date | null;
  /** Shopify's financial status; "refunded" means fully refunded. */
  financialStatus: string | null;
  lines: OrderLineFacts[];
}

export interface CustomerFacts {
  email: string | null;
  optedOut: boolean;
  /** Products (Shopify ids) this customer has already reviewed in this shop. */
  reviewedProductIds: Iterable<string>;
  /** The latest first-email of ANY other request to this customer (the frequency cap looks at it). */
  lastRequestEmailAt: Date | null;
  /**
   * When the customer's other scheduled requests plan their first email. Those planned before this one go
   * first, so the cap holds this one back behind them too: the planned date is the date the email really goes.
   */
  plannedRequestEmailsAt?: Date[];
}

export interface PlannedItem {
  productShopifyId: string;
  orderLineId: string | null;
  title: string;
  imageUrl: string | null;
  position: number;
}

export type CancelReason = "order_cancelled" | "order_refunded" | "not_arrived" | "opted_out";
export type SkipReason = "no_email" | "opted_out" | "nothing_to_review" | "too_late";

/** ReviewRequest.cancelReason when the merchant cancelled the request (or its reminder) in the admin. */
export const MERCHANT_CANCEL_REASON = "cancelled_by_merchant";

export type RequestPlan =
  | { kind: "wait"; reason: "not_fulfilled" }
  | { kind: "keep"; reason: "already_sent" | "already_reviewed" | "already_cancelled" }
  | { kind: "cancel"; reason: CancelReason }
  | { kind: "skip"; reason: SkipReason; sendAt: Date; basis: RequestBasis; items: PlannedItem[] }
  | {
      kind: "schedule";
      sendAt: Date;
      basis: RequestBasis;
      items: PlannedItem[];
      /** What moved sendAt from the basis moment: the frequency cap, the send window, or the moment passed. */
      adjustedBy: Array<"frequency_cap" | "send_window" | "past_due">;
    };

export interface ExistingRequestFacts {
  status: string;
  sentAt: Date | null;
}

export const STALE_AFTER_DAYS = 30;

// Luxon checks a zone by building an Intl formatter, which is most of the cost of planning an order in a batch.
const zoneValidity = new Map<string, boolean>();

export function isValidTimeZone(zone: string | null | undefined): zone is string {
  if (typeof zone !== "string") return false;
  let valid = zoneValidity.get(zone);
  if (valid === undefined) zoneValidity.set(zone, (valid = IANAZone.isValidZone(zone)));
  return valid;
}

function zoneOrUtc(zone: string): string {
  return isValidTimeZone(zone) ? zone : "UTC";
}

/** `at` plus whole calendar days in the shop's zone (keeps the local clock time across DST switches). */
export function addLocalDays(at: Date, days: number, zone: string): Date {
  return DateTime.fromJSDate(at, { zone: zoneOrUtc(zone) })
    .plus({ days })
    .toJSDate();
}

export interface SendWindow {
  startHour: number;
  endHour: number;
  zone: string;
}

export function isInsideSendWindow(at: Date, window: SendWindow): boolean {
  const local = DateTime.fromJSDate(at, { zone: zoneOrUtc(window.zone) });
  return local.hour >= window.startHour && local.hour < window.endHour;
}

/** `at` itself when it falls inside the window, else the next opening (start hour, local time). */
export function nextSendWindowOpening(at: Date, window: SendWindow): Date {
  if (isInsideSendWindow(at, window)) return at;
  const local = DateTime.fromJSDate(at, { zone: zoneOrUtc(window.zone) });
  const day = local.hour < window.startHour ? local : local.plus({ days: 1 });
  // On a spring-forward day a start hour inside the skipped hour resolves to the first valid instant after it.
  return day.set({ hour: window.startHour, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}

function windowOf(settings: ScheduleSettings, zone: string): SendWindow {
  return { startHour: settings.sendWindowStartHour, endHour: settings.sendWindowEndHour, zone };
}

/** Compares product ids whether they are GraphQL gids ("gid://shopify/Product/123") or bare numbers ("123"). */
export function productKey(id: string): string {
  const match = /(\d+)$/.exec(id.trim());
  return match ? match[1] : id.trim();
}

export function isFullyRefunded(order: Pick<OrderFacts, "financialStatus" | "lines">): boolean {
  if (order.financialStatus === "refunded") return true;
  return order.lines.length > 0 && order.lines.every((line) => line.refundedQuantity >= line.quantity);
}

/**
 * The products to ask about: one per product (variants of one product are one review), the most expensive
 * first because their reviews help the next shopper most, without refunded, free, gift-card, excluded or
 * already-reviewed products, up to maxProductsPerRequest.
 */
export function reviewableItems(
  lines: OrderLineFacts[],
  settings: Pick<ScheduleSettings, "maxProductsPerRequest" | "excludedProductIds">,
  reviewedProductIds: Iterable<string>,
): PlannedItem[] {
  const excluded = new Set(settings.excludedProductIds.map(productKey));
  const reviewed = new Set([...reviewedProductIds].map(productKey));
  const byProduct = new Map<string, { line: OrderLineFacts; index: number }>();
  lines.forEach((line, index) => {
    if (!line.productShopifyId) return; // custom line items have no product page to review
    if (line.refundedQuantity >= line.quantity) return;
    if (line.isGiftCard || line.priceCents <= 0) return;
    const key = productKey(line.productShopifyId);
    if (excluded.has(key) || reviewed.has(key)) return;
    const seen = byProduct.get(key);
    if (!seen || line.priceCents > seen.line.priceCents) byProduct.set(key, { line, index: seen?.index ?? index });
  });
  return [...byProduct.values()]
    .sort((a, b) => b.line.priceCents - a.line.priceCents || a.index - b.index)
    .slice(0, Math.max(1, settings.maxProductsPerRequest))
    .map(({ line }, position) => ({
      productShopifyId: line.productShopifyId as string,
      orderLineId: line.orderLineId ?? null,
      title: line.title,
      imageUrl: line.imageUrl ?? null,
      position,
    }));
}

/** The moment the request is due before caps and windows, and why; null while nothing was fulfilled yet. */
export function basisMoment(
  order: Pick<OrderFacts, "fulfilledAt" | "deliveredAt">,
  settings: ScheduleSettings,
  zone: string,
): { at: Date; basis: RequestBasis } | null {
  if (order.deliveredAt)
    return { at: addLocalDays(order.deliveredAt, settings.daysAfterDelivery, zone), basis: "delivery" };
  if (!order.fulfilledAt) return null;
  if (settings.requestTrigger === "delivery") {
    return { at: addLocalDays(order.fulfilledAt, settings.deliveryFallbackDays, zone), basis: "fallback" };
  }
  return { at: addLocalDays(order.fulfilledAt, settings.daysAfterFulfillment, zone), basis: "fulfillment" };
}

export interface PlanInput {
  order: OrderFacts;
  customer: CustomerFacts;
  settings: ScheduleSettings;
  /** The shop's IANA time zone (Shop.timezone). */
  zone: string;
  existing: ExistingRequestFacts | null;
  now: Date;
}

/** What the one request of an order should be, given everything known now. Re-run after every order change. */
export function planReviewRequest(input: PlanInput): RequestPlan {
  const { order, customer, settings, zone, existing, now } = input;
  if (existing?.status === "reviewed") return { kind: "keep", reason: "already_reviewed" };
  if (order.cancelledAt) {
    return existing?.status === "cancelled"
      ? { kind: "keep", reason: "already_cancelled" }
      : { kind: "cancel", reason: "order_cancelled" };
  }
  if (isFullyRefunded(order)) {
    return existing?.status === "cancelled"
      ? { kind: "keep", reason: "already_cancelled" }
      : { kind: "cancel", reason: "order_refunded" };
  }
  // What was emailed stays as it was; later order changes only matter through cancel/refund above.
  if (existing?.sentAt) return { kind: "keep", reason: "already_sent" };
  if (existing?.status === "cancelled") return { kind: "keep", reason: "already_cancelled" };

  const moment = basisMoment(order, settings, zone);
  if (!moment) return { kind: "wait", reason: "not_fulfilled" };
  const items = reviewableItems(order.lines, settings, customer.reviewedProductIds);
  const skip = (reason: SkipReason): RequestPlan => ({
    kind: "skip",
    reason,
    sendAt: moment.at,
    basis: moment.basis,
    items,
  });
  if (items.length === 0) return skip("nothing_to_review");
  if (!customer.email) return skip("no_email");
  if (customer.optedOut) return skip("opted_out");
  if (now.getTime() - moment.at.getTime() > STALE_AFTER_DAYS * 86_400_000) return skip("too_late");

  const adjustedBy: Array<"frequency_cap" | "send_window" | "past_due"> = [];
  let sendAt = moment.at;
  if (sendAt < now) {
    sendAt = now;
    adjustedBy.push("past_due");
  }
  const capAllowsAt = frequencyCapAllowsAt(customer.lastRequestEmailAt, settings, zone);
  if (capAllowsAt && capAllowsAt > sendAt) {
    sendAt = capAllowsAt;
    adjustedBy.push("frequency_cap");
  }
  // Walk the customer's other planned emails in date order: each one that goes before this one moves it to the
  // day the cap allows after it (one customer with orders on 1, 5 and 6 Dec gets emails a cap apart, not three).
  for (const plannedAt of [...(customer.plannedRequestEmailsAt ?? [])].sort((a, b) => a.getTime() - b.getTime())) {
    if (plannedAt > sendAt) break;
    const allows = frequencyCapAllowsAt(plannedAt, settings, zone);
    if (allows && allows > sendAt) {
      sendAt = allows;
      if (!adjustedBy.includes("frequency_cap")) adjustedBy.push("frequency_cap");
    }
  }
  const opening = nextSendWindowOpening(sendAt, windowOf(settings, zone));
  if (opening.getTime() !== sendAt.getTime()) adjustedBy.push("send_window");
  return { kind: "schedule", sendAt: opening, basis: moment.basis, items, adjustedBy };
}

/** The earliest moment the cap lets a new request email go to this customer; null when nothing holds it back. */
export function frequencyCapAllowsAt(
  lastRequestEmailAt: Date | null,
  settings: Pick<ScheduleSettings, "frequencyCapDays">,
  zone: string,
): Date | null {
  if (!lastRequestEmailAt || settings.frequencyCapDays <= 0) return null;
  return addLocalDays(lastRequestEmailAt, settings.frequencyCapDays, zone);
}

// ------------------------------------------------------------------------------------------ dispatch

export interface DueRequestFacts {
  status: string;
  sendAt: Date;
  sentAt: Date | null;
  reminderAt: Date | null;
  remindedAt: Date | null;
  postponeCount: number;
  itemCount: number;
  reviewedItemCount: number;
  /** The merchant's "Send now" (or the demo's "make due now"): the window and the cap do not hold this one back. */
  sendNowRequested: boolean;
}

export type EmailKind = "request" | "reminder";

export type DispatchDecision =
  | { kind: "send"; email: EmailKind }
  | { kind: "reschedule"; email: EmailKind; at: Date; reason: "send_window" | "frequency_cap" }
  | { kind: "cancel"; reason: CancelReason }
  | { kind: "skip"; reason: "opted_out" | "no_email" }
  | { kind: "reviewed" }
  | { kind: "drop_reminder"; reason: "review_received" | "reminders_off" | "opted_out" }
  | { kind: "not_due" };

export interface DispatchInput {
  request: DueRequestFacts;
  order: Pick<OrderFacts, "cancelledAt" | "financialStatus" | "lines">;
  customer: Pick<CustomerFacts, "email" | "optedOut" | "lastRequestEmailAt">;
  settings: ScheduleSettings;
  zone: string;
  now: Date;
}

/** The re-check right before an email goes out: everything may have changed since the request was planned. */
export function decideDispatch(input: DispatchInput): DispatchDecision {
  const { request, order, customer, settings, zone, now } = input;
  const window = windowOf(settings, zone);
  const firstEmailDue = request.status === "scheduled" && request.sendAt <= now;
  const reminderDue =
    request.status === "sent" &&
    request.sentAt !== null &&
    request.remindedAt === null &&
    request.reminderAt !== null &&
    request.reminderAt <= now;
  if (!firstEmailDue && !reminderDue) return { kind: "not_due" };

  if (request.itemCount > 0 && request.reviewedItemCount >= request.itemCount) return { kind: "reviewed" };
  if (order.cancelledAt) return { kind: "cancel", reason: "order_cancelled" };
  if (isFullyRefunded(order)) return { kind: "cancel", reason: "order_refunded" };

  if (reminderDue) {
    if (request.reviewedItemCount > 0) return { kind: "drop_reminder", reason: "review_received" };
    if (!settings.reminderEnabled) return { kind: "drop_reminder", reason: "reminders_off" };
    if (customer.optedOut || !customer.email) return { kind: "drop_reminder", reason: "opted_out" };
    if (!request.sendNowRequested && !isInsideSendWindow(now, window)) {
      return { kind: "reschedule", email: "reminder", at: nextSendWindowOpening(now, window), reason: "send_window" };
    }
    return { kind: "send", email: "reminder" };
  }

  if (!customer.email) return { kind: "skip", reason: "no_email" };
  if (customer.optedOut) {
    return request.sentAt ? { kind: "cancel", reason: "opted_out" } : { kind: "skip", reason: "opted_out" };
  }
  if (!request.sendNowRequested) {
    // Only a request's first email counts against the cap (a re-ask after "not arrived yet" is the same request).
    const capAllowsAt = request.sentAt ? null : frequencyCapAllowsAt(customer.lastRequestEmailAt, settings, zone);
    if (capAllowsAt && capAllowsAt > now) {
      return {
        kind: "reschedule",
        email: "request",
        at: nextSendWindowOpening(capAllowsAt, window),
        reason: "frequency_cap",
      };
    }
    if (!isInsideSendWindow(now, window)) {
      return { kind: "reschedule", email: "request", at: nextSendWindowOpening(now, window), reason: "send_window" };
    }
  }
  return { kind: "send", email: "request" };
}

/** When the single reminder falls due after a request email sent at `sentAt`; null when none will be sent. */
export function reminderDueAt(
  sentAt: Date,
  alreadyReminded: boolean,
  settings: Pick<
    ScheduleSettings,
    "reminderEnabled" | "reminderDelayDays" | "sendWindowStartHour" | "sendWindowEndHour"
  >,
  zone: string,
): Date | null {
  if (!settings.reminderEnabled || alreadyReminded) return null;
  return nextSendWindowOpening(addLocalDays(sentAt, settings.reminderDelayDays, zone), {
    startHour: settings.sendWindowStartHour,
    endHour: settings.sendWindowEndHour,
    zone,
  });
}

// ------------------------------------------------------------------------------------------ "not arrived yet"

export type PostponeDecision =
  | { kind: "postpone"; sendAt: Date; postponeCount: number; remaining: number }
  | { kind: "already_postponed"; sendAt: Date }
  | { kind: "stop" }
  | { kind: "closed"; status: string };

export function decidePostpone(input: {
  request: { status: string; sendAt: Date; sentAt: Date | null; postponeCount: number; cancelReason?: string | null };
  settings: Pick<ScheduleSettings, "postponeDays" | "maxPostpones" | "sendWindowStartHour" | "sendWindowEndHour">;
  zone: string;
  now: Date;
}): PostponeDecision {
  const { request, settings, zone, now } = input;
  if (request.status === "scheduled") {
    // A second click on the same email (or on an older one) before the new date: the same answer, not another postpone.
    return { kind: "already_postponed", sendAt: request.sendAt };
  }
  if (request.status !== "sent" && request.status !== "reminded") return { kind: "closed", status: request.status };
  // The merchant cancelled what was still to be sent: nothing more goes out for this order.
  if (request.cancelReason === MERCHANT_CANCEL_REASON) return { kind: "closed", status: request.status };
  if (request.postponeCount >= settings.maxPostpones) return { kind: "stop" };
  const sendAt = nextSendWindowOpening(addLocalDays(now, settings.postponeDays, zone), {
    startHour: settings.sendWindowStartHour,
    endHour: settings.sendWindowEndHour,
    zone,
  });
  const postponeCount = request.postponeCount + 1;
  return { kind: "postpone", sendAt, postponeCount, remaining: settings.maxPostpones - postponeCount };
}
