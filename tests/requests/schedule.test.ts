import {
  addLocalDays,
  decideDispatch,
  decidePostpone,
  nextSendWindowOpening,
  planReviewRequest,
  reminderDueAt,
  reviewableItems,
  type CustomerFacts,
  type DueRequestFacts,
  type OrderFacts,
  type OrderLineFacts,
  type PlanInput,
  type ScheduleSettings,
} from "~/modules/requests/scheduling/schedule";
import { DEFAULT_SETTINGS } from "~/modules/settings";

const t = (iso: string) => new Date(iso);
const settings: ScheduleSettings = { ...DEFAULT_SETTINGS };
const STOCKHOLM = "Europe/Stockholm";

describe("calendar days in the shop's time zone", () => {
  it.each([
    // zone, from, days, expected: the local clock time is kept across daylight-saving switches
    [STOCKHOLM, "2026-03-20T09:30:00Z", 14, "2026-04-03T08:30:00.000Z"], // 10:30 CET -> 10:30 CEST (March switch)
    [STOCKHOLM, "2026-10-15T07:00:00Z", 14, "2026-10-29T08:00:00.000Z"], // 09:00 CEST -> 09:00 CET (October switch)
    ["America/New_York", "2026-03-01T20:00:00Z", 14, "2026-03-15T19:00:00.000Z"], // 15:00 EST -> 15:00 EDT
    ["America/New_York", "2026-10-25T14:00:00Z", 14, "2026-11-08T15:00:00.000Z"], // 10:00 EDT -> 10:00 EST
    ["Asia/Tokyo", "2026-03-20T01:00:00Z", 14, "2026-04-03T01:00:00.000Z"], // no daylight saving: 24h days
    ["Not/AZone", "2026-03-20T01:00:00Z", 1, "2026-03-21T01:00:00.000Z"], // an unknown zone counts in UTC
  ])("%s: %s + %i days = %s", (zone, from, days, expected) => {
    expect(addLocalDays(t(from), days, zone).toISOString()).toBe(expected);
  });
});

describe("the send window (09:00-17:00 shop time by default)", () => {
  it.each([
    [
      "inside: 12:00 CEST on a Saturday (weekends are fine)",
      STOCKHOLM,
      "2026-05-09T10:00:00Z",
      "2026-05-09T10:00:00.000Z",
    ],
    ["exactly at opening, 09:00 CEST", STOCKHOLM, "2026-05-10T07:00:00Z", "2026-05-10T07:00:00.000Z"],
    ["before: 06:00 CEST waits for 09:00 the same day", STOCKHOLM, "2026-05-10T04:00:00Z", "2026-05-10T07:00:00.000Z"],
    ["after: 18:00 CEST waits for 09:00 the next day", STOCKHOLM, "2026-05-10T16:00:00Z", "2026-05-11T07:00:00.000Z"],
    ["at closing, 17:00 CEST, is already outside", STOCKHOLM, "2026-05-10T15:00:00Z", "2026-05-11T07:00:00.000Z"],
    [
      "21:00 CET the night before the March switch opens at 09:00 CEST",
      STOCKHOLM,
      "2026-03-28T20:00:00Z",
      "2026-03-29T07:00:00.000Z",
    ],
    [
      "20:00 CEST the night before the October switch opens at 09:00 CET",
      STOCKHOLM,
      "2026-10-24T18:00:00Z",
      "2026-10-25T08:00:00.000Z",
    ],
    [
      "New York 23:00 EDT before the November switch opens at 09:00 EST",
      "America/New_York",
      "2026-11-01T03:00:00Z",
      "2026-11-01T14:00:00.000Z",
    ],
    [
      "New York 08:00 EST on the March switch day opens at 09:00 EDT",
      "America/New_York",
      "2026-03-08T13:00:00Z",
      "2026-03-08T13:00:00.000Z",
    ],
    ["Tokyo 19:00 JST opens at 09:00 JST next day", "Asia/Tokyo", "2026-06-01T10:00:00Z", "2026-06-02T00:00:00.000Z"],
  ])("%s", (_case, zone, at, expected) => {
    expect(nextSendWindowOpening(t(at), { startHour: 9, endHour: 17, zone }).toISOString()).toBe(expected);
  });
});

const shirt: OrderLineFacts = {
  productShopifyId: "gid://shopify/Product/1001",
  title: "Linen shirt",
  quantity: 1,
  refundedQuantity: 0,
  priceCents: 49900,
  isGiftCard: false,
};
const mug: OrderLineFacts = {
  productShopifyId: "gid://shopify/Product/1002",
  title: "Stoneware mug",
  quantity: 2,
  refundedQuantity: 0,
  priceCents: 12900,
  isGiftCard: false,
};
const giftCard: OrderLineFacts = {
  productShopifyId: "gid://shopify/Product/1003",
  title: "Gift card",
  quantity: 1,
  refundedQuantity: 0,
  priceCents: 50000,
  isGiftCard: true,
};
const freeTote: OrderLineFacts = {
  productShopifyId: "gid://shopify/Product/1004",
  title: "Free tote",
  quantity: 1,
  refundedQuantity: 0,
  priceCents: 0,
  isGiftCard: false,
};
const throwBlanket: OrderLineFacts = {
  productShopifyId: "gid://shopify/Product/1005",
  title: "Wool throw",
  quantity: 1,
  refundedQuantity: 0,
  priceCents: 89900,
  isGiftCard: false,
};

const fulfilledOrder: OrderFacts = {
  fulfilledAt: t("2026-05-01T08:00:00Z"),
  deliveredAt: null,
  cancelledAt: null,
  financialStatus: "paid",
  lines: [shirt, mug],
};
const customer: CustomerFacts = {
  email: "anna@example.se",
  optedOut: false,
  reviewedProductIds: [],
  lastRequestEmailAt: null,
};

function plan(overrides: {
  order?: Partial<OrderFacts>;
  customer?: Partial<CustomerFacts>;
  settings?: Partial<ScheduleSettings>;
  existing?: PlanInput["existing"];
  now?: string;
  zone?: string;
}) {
  return planReviewRequest({
    order: { ...fulfilledOrder, ...overrides.order },
    customer: { ...customer, ...overrides.customer },
    settings: { ...settings, ...overrides.settings },
    zone: overrides.zone ?? STOCKHOLM,
    existing: overrides.existing ?? null,
    now: t(overrides.now ?? "2026-05-01T09:00:00Z"),
  });
}

describe("planning the one request of an order", () => {
  it.each([
    [
      "fulfilled: fulfillment + 14 days at the same local time",
      {},
      { kind: "schedule", basis: "fulfillment", sendAt: "2026-05-15T08:00:00.000Z" },
    ],
    [
      "delivered: moved to delivery + 5 days",
      { order: { deliveredAt: t("2026-05-03T12:00:00Z") } },
      { kind: "schedule", basis: "delivery", sendAt: "2026-05-08T12:00:00.000Z" },
    ],
    [
      "delivered event arrives before the fulfillment",
      { order: { fulfilledAt: null, deliveredAt: t("2026-05-03T12:00:00Z") } },
      { kind: "schedule", basis: "delivery", sendAt: "2026-05-08T12:00:00.000Z" },
    ],
    [
      "late delivery still wins over fulfillment + 14",
      { order: { deliveredAt: t("2026-05-13T12:00:00Z") } },
      { kind: "schedule", basis: "delivery", sendAt: "2026-05-18T12:00:00.000Z" },
    ],
    ["not fulfilled yet: nothing to plan", { order: { fulfilledAt: null } }, { kind: "wait", reason: "not_fulfilled" }],
    [
      "delivery-only without a delivery: falls back to fulfillment + 30 days",
      { settings: { requestTrigger: "delivery" as const } },
      { kind: "schedule", basis: "fallback", sendAt: "2026-05-31T08:00:00.000Z" },
    ],
    [
      "delivery-only with a delivery: delivery + 5 days",
      { settings: { requestTrigger: "delivery" as const }, order: { deliveredAt: t("2026-05-03T12:00:00Z") } },
      { kind: "schedule", basis: "delivery", sendAt: "2026-05-08T12:00:00.000Z" },
    ],
    [
      "delivery-only, nothing fulfilled",
      { settings: { requestTrigger: "delivery" as const }, order: { fulfilledAt: null } },
      { kind: "wait", reason: "not_fulfilled" },
    ],
    [
      "cancelled after fulfillment",
      { order: { cancelledAt: t("2026-05-02T08:00:00Z") } },
      { kind: "cancel", reason: "order_cancelled" },
    ],
    [
      "cancel arrives before the fulfillment",
      { order: { fulfilledAt: null, cancelledAt: t("2026-05-02T08:00:00Z") } },
      { kind: "cancel", reason: "order_cancelled" },
    ],
    [
      "cancel arrives again for a cancelled request",
      { order: { cancelledAt: t("2026-05-02T08:00:00Z") }, existing: { status: "cancelled", sentAt: null } },
      { kind: "keep", reason: "already_cancelled" },
    ],
    [
      "fulfil arrives after the cancel",
      { existing: { status: "cancelled", sentAt: null } },
      { kind: "keep", reason: "already_cancelled" },
    ],
    [
      "fully refunded (financial status)",
      { order: { financialStatus: "refunded" } },
      { kind: "cancel", reason: "order_refunded" },
    ],
    [
      "fully refunded (every line)",
      {
        order: {
          lines: [
            { ...shirt, refundedQuantity: 1 },
            { ...mug, refundedQuantity: 2 },
          ],
        },
      },
      { kind: "cancel", reason: "order_refunded" },
    ],
    [
      "cancelled after the email went out (stops the reminder)",
      {
        order: { cancelledAt: t("2026-05-20T08:00:00Z") },
        existing: { status: "sent", sentAt: t("2026-05-15T08:00:00Z") },
      },
      { kind: "cancel", reason: "order_cancelled" },
    ],
    [
      "a partial refund after the email changes nothing",
      {
        order: { lines: [{ ...shirt, refundedQuantity: 1 }, mug] },
        existing: { status: "sent", sentAt: t("2026-05-15T08:00:00Z") },
      },
      { kind: "keep", reason: "already_sent" },
    ],
    [
      "a cancel after the review changes nothing",
      {
        order: { cancelledAt: t("2026-05-20T08:00:00Z") },
        existing: { status: "reviewed", sentAt: t("2026-05-15T08:00:00Z") },
      },
      { kind: "keep", reason: "already_reviewed" },
    ],
    ["no email address", { customer: { email: null } }, { kind: "skip", reason: "no_email" }],
    ["customer opted out", { customer: { optedOut: true } }, { kind: "skip", reason: "opted_out" }],
    [
      "only a gift card and a free item",
      { order: { lines: [giftCard, freeTote] } },
      { kind: "skip", reason: "nothing_to_review" },
    ],
    [
      "an old order synced months later",
      { order: { fulfilledAt: t("2026-01-01T08:00:00Z") } },
      { kind: "skip", reason: "too_late" },
    ],
  ])("%s", (_case, overrides, expected) => {
    const result = plan(overrides as Parameters<typeof plan>[0]);
    const { sendAt, ...rest } = expected as { sendAt?: string };
    expect(result).toMatchObject(rest);
    if (sendAt) expect(result.kind === "schedule" && result.sendAt.toISOString()).toBe(sendAt);
  });

  it.each([
    [
      "another request 10 days ago defers this one to 30 days after it",
      "2026-05-10T08:00:00Z",
      "2026-06-09T08:00:00.000Z",
      ["frequency_cap"],
    ],
    [
      "the cap ends at 19:00 CEST: deferred to 09:00 the next morning",
      "2026-05-10T17:00:00Z",
      "2026-06-10T07:00:00.000Z",
      ["frequency_cap", "send_window"],
    ],
    ["a request 40 days ago does not hold it back", "2026-03-22T08:00:00Z", "2026-05-15T08:00:00.000Z", []],
  ])("frequency cap: %s", (_case, lastRequestEmailAt, expected, adjustedBy) => {
    const result = plan({ customer: { lastRequestEmailAt: t(lastRequestEmailAt) } });
    expect(result).toMatchObject({ kind: "schedule", adjustedBy });
    expect(result.kind === "schedule" && result.sendAt.toISOString()).toBe(expected);
  });

  it("a cap of 0 days never holds a request back", () => {
    const result = plan({
      customer: { lastRequestEmailAt: t("2026-05-14T08:00:00Z") },
      settings: { frequencyCapDays: 0 },
    });
    expect(result.kind === "schedule" && result.sendAt.toISOString()).toBe("2026-05-15T08:00:00.000Z");
  });

  it("a moment already past (but recent) sends at the next window opening from now", () => {
    const result = plan({ order: { fulfilledAt: t("2026-04-10T08:00:00Z") }, now: "2026-05-01T17:30:00Z" });
    expect(result).toMatchObject({ kind: "schedule", adjustedBy: ["past_due", "send_window"] });
    expect(result.kind === "schedule" && result.sendAt.toISOString()).toBe("2026-05-02T07:00:00.000Z");
  });

  it("fulfilment at 20:00 in Tokyo is asked at 09:00 JST fourteen days later", () => {
    const result = plan({
      zone: "Asia/Tokyo",
      order: { fulfilledAt: t("2026-06-01T11:00:00Z") },
      now: "2026-06-01T12:00:00Z",
    });
    expect(result.kind === "schedule" && result.sendAt.toISOString()).toBe("2026-06-16T00:00:00.000Z");
  });
});

describe("which products the email lists", () => {
  const ids = (items: { productShopifyId: string }[]) => items.map((i) => i.productShopifyId);
  it.each([
    ["most expensive first", [mug, shirt], {}, [], [shirt, mug]],
    ["gift cards and free items are left out", [giftCard, freeTote, mug], {}, [], [mug]],
    [
      "merchant-excluded products are left out (gid or bare id)",
      [shirt, mug],
      { excludedProductIds: ["1001"] },
      [],
      [mug],
    ],
    ["products this customer already reviewed are left out", [shirt, mug], {}, ["gid://shopify/Product/1002"], [shirt]],
    ["refunded lines are dropped on a partial refund", [{ ...shirt, refundedQuantity: 1 }, mug], {}, [], [mug]],
    ["a line partly refunded is still asked about", [shirt, { ...mug, refundedQuantity: 1 }], {}, [], [shirt, mug]],
    [
      "two variants of one product are one item",
      [shirt, { ...shirt, title: "Linen shirt - XL", priceCents: 52900 }],
      {},
      [],
      [shirt],
    ],
    ["custom items without a product are left out", [{ ...mug, productShopifyId: null }, shirt], {}, [], [shirt]],
    [
      "up to maxProductsPerRequest",
      [mug, shirt, throwBlanket],
      { maxProductsPerRequest: 2 },
      [],
      [throwBlanket, shirt],
    ],
  ])("%s", (_case, lines, overrides, reviewed, expected) => {
    const items = reviewableItems(lines, { ...settings, ...overrides }, reviewed);
    expect(ids(items)).toEqual(ids(expected as { productShopifyId: string }[]));
    expect(items.map((i) => i.position)).toEqual(expected.map((_, i) => i));
  });
});

describe("the re-check right before sending", () => {
  const due: DueRequestFacts = {
    status: "scheduled",
    sendAt: t("2026-05-15T08:00:00Z"),
    sentAt: null,
    reminderAt: null,
    remindedAt: null,
    postponeCount: 0,
    itemCount: 2,
    reviewedItemCount: 0,
    sendNowRequested: false,
  };
  const sent: DueRequestFacts = {
    ...due,
    status: "sent",
    sentAt: t("2026-05-15T08:00:00Z"),
    reminderAt: t("2026-05-22T08:00:00Z"),
  };

  it.each([
    ["due and inside the window: send", due, {}, "2026-05-15T08:05:00Z", { kind: "send", email: "request" }],
    ["not due yet", due, {}, "2026-05-15T07:59:00Z", { kind: "not_due" }],
    [
      "due at 18:00 CEST: wait for the next window",
      due,
      {},
      "2026-05-15T16:00:00Z",
      { kind: "reschedule", email: "request", reason: "send_window", at: "2026-05-16T07:00:00.000Z" },
    ],
    [
      "'make due now' ignores the window",
      { ...due, sendNowRequested: true },
      {},
      "2026-05-15T22:00:00Z",
      { kind: "send", email: "request" },
    ],
    [
      "another request went out 3 days ago: deferred by the cap",
      due,
      { lastRequestEmailAt: t("2026-05-12T08:00:00Z") },
      "2026-05-15T08:05:00Z",
      { kind: "reschedule", reason: "frequency_cap", at: "2026-06-11T08:00:00.000Z" },
    ],
    [
      "a re-ask after 'not arrived yet' is not held back by the cap",
      { ...due, sentAt: t("2026-05-01T08:00:00Z"), postponeCount: 1 },
      { lastRequestEmailAt: t("2026-05-12T08:00:00Z") },
      "2026-05-15T08:05:00Z",
      { kind: "send", email: "request" },
    ],
    [
      "opted out before the first email",
      due,
      { optedOut: true },
      "2026-05-15T08:05:00Z",
      { kind: "skip", reason: "opted_out" },
    ],
    [
      "opted out before a re-ask",
      { ...due, sentAt: t("2026-05-01T08:00:00Z") },
      { optedOut: true },
      "2026-05-15T08:05:00Z",
      { kind: "cancel", reason: "opted_out" },
    ],
    [
      "every product already reviewed (on the storefront)",
      { ...due, reviewedItemCount: 2 },
      {},
      "2026-05-15T08:05:00Z",
      { kind: "reviewed" },
    ],
    ["reminder due and nothing came back", sent, {}, "2026-05-22T08:05:00Z", { kind: "send", email: "reminder" }],
    [
      "reminder suppressed by a review of one product",
      { ...sent, reviewedItemCount: 1 },
      {},
      "2026-05-22T08:05:00Z",
      { kind: "drop_reminder", reason: "review_received" },
    ],
    [
      "reminder suppressed when the customer opted out",
      sent,
      { optedOut: true },
      "2026-05-22T08:05:00Z",
      { kind: "drop_reminder", reason: "opted_out" },
    ],
    [
      "reminder due at night: next window",
      sent,
      {},
      "2026-05-22T20:00:00Z",
      { kind: "reschedule", email: "reminder", reason: "send_window", at: "2026-05-23T07:00:00.000Z" },
    ],
    [
      "only one reminder",
      { ...sent, status: "reminded", remindedAt: t("2026-05-22T08:05:00Z") },
      {},
      "2026-05-30T08:05:00Z",
      { kind: "not_due" },
    ],
  ])("%s", (_case, request, customerOverrides, now, expected) => {
    const decision = decideDispatch({
      request,
      order: fulfilledOrder,
      customer: { ...customer, ...customerOverrides },
      settings,
      zone: STOCKHOLM,
      now: t(now),
    });
    const { at, ...rest } = expected as { at?: string };
    expect(decision).toMatchObject(rest);
    if (at) expect(decision.kind === "reschedule" && decision.at.toISOString()).toBe(at);
  });

  it("a cancelled order is not asked even when due", () => {
    const decision = decideDispatch({
      request: due,
      order: { ...fulfilledOrder, cancelledAt: t("2026-05-14T08:00:00Z") },
      customer,
      settings,
      zone: STOCKHOLM,
      now: t("2026-05-15T08:05:00Z"),
    });
    expect(decision).toEqual({ kind: "cancel", reason: "order_cancelled" });
  });

  it("reminders switched off in settings drop a due reminder", () => {
    const decision = decideDispatch({
      request: sent,
      order: fulfilledOrder,
      customer,
      settings: { ...settings, reminderEnabled: false },
      zone: STOCKHOLM,
      now: t("2026-05-22T08:05:00Z"),
    });
    expect(decision).toEqual({ kind: "drop_reminder", reason: "reminders_off" });
  });
});

describe("the reminder date", () => {
  it.each([
    ["7 days after the email, inside the window", settings, false, "2026-05-22T08:00:00.000Z"],
    ["none when reminders are off", { ...settings, reminderEnabled: false }, false, null],
    ["none when already reminded", settings, true, null],
  ])("%s", (_case, s, reminded, expected) => {
    expect(reminderDueAt(t("2026-05-15T08:00:00Z"), reminded, s, STOCKHOLM)?.toISOString() ?? null).toBe(expected);
  });
});

describe("'not arrived yet' postpones by 7 days, at most twice", () => {
  const clickedAt = t("2026-05-16T15:30:00Z"); // 17:30 CEST: 7 days later is outside the window
  const request = {
    status: "sent",
    sendAt: t("2026-05-15T08:00:00Z"),
    sentAt: t("2026-05-15T08:00:00Z"),
    postponeCount: 0,
  };
  it.each([
    ["first click", request, { kind: "postpone", postponeCount: 1, remaining: 1, sendAt: "2026-05-24T07:00:00.000Z" }],
    [
      "second click (after the re-ask)",
      { ...request, status: "reminded", postponeCount: 1 },
      { kind: "postpone", postponeCount: 2, remaining: 0 },
    ],
    ["third click: stop asking", { ...request, postponeCount: 2 }, { kind: "stop" }],
    [
      "clicking again before the new date changes nothing",
      { ...request, status: "scheduled", sendAt: t("2026-05-24T07:00:00Z"), postponeCount: 1 },
      { kind: "already_postponed", sendAt: "2026-05-24T07:00:00.000Z" },
    ],
    [
      "after a review there is nothing to postpone",
      { ...request, status: "reviewed" },
      { kind: "closed", status: "reviewed" },
    ],
    [
      "a cancelled request stays cancelled",
      { ...request, status: "cancelled" },
      { kind: "closed", status: "cancelled" },
    ],
  ])("%s", (_case, req, expected) => {
    const decision = decidePostpone({ request: req, settings, zone: STOCKHOLM, now: clickedAt });
    const { sendAt, ...rest } = expected as { sendAt?: string };
    expect(decision).toMatchObject(rest);
    if (sendAt) expect("sendAt" in decision && decision.sendAt.toISOString()).toBe(sendAt);
  });
});
