import db from "~/db.server";
import { jobDefinitions } from "~/jobs.server";
import { drainJobs, enqueueJob } from "~/modules/jobs";
import { SYNC_ORDER_JOB, syncReviewRequestForOrder, syncReviewRequestsForOrders } from "~/modules/requests";
import { updateSettings } from "~/modules/settings";
import { GIFT_CARD, LINEN_SHIRT, MUG, createCustomer, createOrder, createShop, timeline } from "./factories";

const t = (iso: string) => new Date(iso);
const NOW = t("2026-05-01T09:00:00Z");

describe("requests.sync-order", () => {
  it("runs from the job queue: a fulfilled order gets one scheduled request listing its products", async () => {
    const shop = await createShop();
    const customer = await createCustomer(shop);
    const fulfilledAt = new Date(Date.now() - 86_400_000);
    const order = await createOrder(shop, { customer, fulfilledAt });

    await enqueueJob({ type: SYNC_ORDER_JOB, shop, payload: { shop, orderId: order.id } });
    const drained = await drainJobs(jobDefinitions);

    expect(drained.failed).toBe(0);
    const request = await db.reviewRequest.findUniqueOrThrow({
      where: { orderId: order.id },
      include: { items: { orderBy: { position: "asc" } } },
    });
    expect(request).toMatchObject({
      shop,
      status: "scheduled",
      basis: "fulfillment",
      email: customer.email,
      orderName: order.name,
      customerId: customer.id,
    });
    expect(request.items.map((i) => i.title)).toEqual(["Linen shirt", "Stoneware mug"]);
    expect(request.items[0].imageUrl).toBe(LINEN_SHIRT.imageUrl);
    const days = (request.sendAt.getTime() - fulfilledAt.getTime()) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(13.9);
    expect(days).toBeLessThan(15.5);
  });

  it("creates at fulfillment + 14 days, moves to delivery + 5 days, and cancels on a cancel, with a timeline", async () => {
    const shop = await createShop();
    const customer = await createCustomer(shop);
    const order = await createOrder(shop, { customer, fulfilledAt: t("2026-05-01T08:00:00Z") });

    expect(await syncReviewRequestForOrder({ shop, orderId: order.id }, { now: NOW })).toMatchObject({
      status: "created",
    });
    let request = await db.reviewRequest.findUniqueOrThrow({ where: { orderId: order.id } });
    expect(request.sendAt.toISOString()).toBe("2026-05-15T08:00:00.000Z"); // 10:00 Stockholm, two weeks later

    await db.order.update({ where: { id: order.id }, data: { deliveredAt: t("2026-05-03T12:00:00Z") } });
    expect(
      await syncReviewRequestForOrder({ shop, orderId: order.id }, { now: t("2026-05-03T12:05:00Z") }),
    ).toMatchObject({ status: "updated" });
    request = await db.reviewRequest.findUniqueOrThrow({ where: { orderId: order.id } });
    expect(request).toMatchObject({ basis: "delivery", status: "scheduled" });
    expect(request.sendAt.toISOString()).toBe("2026-05-08T12:00:00.000Z");

    await db.order.update({ where: { id: order.id }, data: { cancelledAt: t("2026-05-04T10:00:00Z") } });
    await syncReviewRequestForOrder({ shop, orderId: order.id }, { now: t("2026-05-04T10:00:00Z") });
    request = await db.reviewRequest.findUniqueOrThrow({ where: { orderId: order.id } });
    expect(request).toMatchObject({ status: "cancelled", cancelReason: "order_cancelled" });
    expect(await timeline(request.id)).toEqual(["scheduled", "rescheduled", "cancelled"]);
  });

  it("writes nothing when the same order state is synced again (a retried job)", async () => {
    const shop = await createShop();
    const order = await createOrder(shop, {
      customer: await createCustomer(shop),
      fulfilledAt: t("2026-05-01T08:00:00Z"),
    });
    await syncReviewRequestForOrder({ shop, orderId: order.id }, { now: NOW });
    const again = await syncReviewRequestForOrder({ shop, orderId: order.id }, { now: NOW });
    expect(again).toMatchObject({ status: "unchanged" });
    expect(await db.requestEvent.count({ where: { shop } })).toBe(1);
    expect(await db.reviewRequest.count({ where: { shop } })).toBe(1);
  });

  it("a cancel that arrives before the fulfillment never creates a request", async () => {
    const shop = await createShop();
    const order = await createOrder(shop, {
      customer: await createCustomer(shop),
      fulfilledAt: null,
      cancelledAt: t("2026-05-01T08:00:00Z"),
    });
    expect(await syncReviewRequestForOrder({ shop, orderId: order.id }, { now: NOW })).toMatchObject({
      status: "unchanged",
      plan: "cancel",
    });
    await db.order.update({ where: { id: order.id }, data: { fulfilledAt: t("2026-05-01T09:00:00Z") } });
    await syncReviewRequestForOrder({ shop, orderId: order.id }, { now: NOW });
    expect(await db.reviewRequest.count({ where: { shop } })).toBe(0);
  });

  it("lists events written at the same instant in the order they happened", async () => {
    // One sync schedules, the next (same clock) changes the items: both events share \`at\`, and the timeline
    // must still read scheduled, then items_changed, every time (ids of random order made this a coin toss).
    const shop = await createShop();
    for (let round = 0; round < 12; round++) {
      const order = await createOrder(shop, {
        customer: await createCustomer(shop),
        fulfilledAt: t("2026-05-01T08:00:00Z"),
      });
      await syncReviewRequestForOrder({ shop, orderId: order.id }, { now: NOW });
      const shirtLine = order.lines.find((l) => l.productShopifyId === LINEN_SHIRT.shopifyId)!;
      await db.orderLine.update({ where: { id: shirtLine.id }, data: { refundedQuantity: 1 } });
      await syncReviewRequestForOrder({ shop, orderId: order.id }, { now: NOW });
      const request = await db.reviewRequest.findUniqueOrThrow({ where: { orderId: order.id } });
      expect(await timeline(request.id)).toEqual(["scheduled", "items_changed"]);
    }
  });

  it("drops a refunded line on a partial refund and cancels on a full refund", async () => {
    const shop = await createShop();
    const order = await createOrder(shop, {
      customer: await createCustomer(shop),
      fulfilledAt: t("2026-05-01T08:00:00Z"),
    });
    await syncReviewRequestForOrder({ shop, orderId: order.id }, { now: NOW });
    const shirtLine = order.lines.find((l) => l.productShopifyId === LINEN_SHIRT.shopifyId)!;
    await db.orderLine.update({ where: { id: shirtLine.id }, data: { refundedQuantity: 1 } });
    await syncReviewRequestForOrder({ shop, orderId: order.id }, { now: NOW });
    let request = await db.reviewRequest.findUniqueOrThrow({ where: { orderId: order.id }, include: { items: true } });
    expect(request.items.map((i) => i.productShopifyId)).toEqual([MUG.shopifyId]);
    expect(await timeline(request.id)).toEqual(["scheduled", "items_changed"]);

    await db.order.update({ where: { id: order.id }, data: { financialStatus: "refunded" } });
    await syncReviewRequestForOrder({ shop, orderId: order.id }, { now: NOW });
    request = await db.reviewRequest.findUniqueOrThrow({ where: { orderId: order.id }, include: { items: true } });
    expect(request).toMatchObject({ status: "cancelled", cancelReason: "order_refunded" });
  });

  it("leaves out products the customer already reviewed, gift cards and merchant-excluded products", async () => {
    const shop = await createShop();
    const customer = await createCustomer(shop);
    await db.review.create({
      data: {
        shop,
        productShopifyId: MUG.shopifyId,
        customerId: customer.id,
        rating: 5,
        body: "Lovely",
        displayName: "Åsa",
      },
    });
    const EXCLUDED = { shopifyId: "8009", title: "Sample sachet", priceCents: 500 };
    expect(await updateSettings(shop, { excludedProductIds: "8009" })).toMatchObject({ ok: true });
    const order = await createOrder(shop, {
      customer,
      fulfilledAt: t("2026-05-01T08:00:00Z"),
      lines: [MUG, GIFT_CARD, EXCLUDED, LINEN_SHIRT],
    });
    await syncReviewRequestForOrder({ shop, orderId: order.id }, { now: NOW });
    const request = await db.reviewRequest.findUniqueOrThrow({
      where: { orderId: order.id },
      include: { items: true },
    });
    expect(request.items.map((i) => i.title)).toEqual(["Linen shirt"]);
  });

  it("records a skipped request, with the reason, for a customer who unsubscribed", async () => {
    const shop = await createShop();
    const customer = await createCustomer(shop);
    await db.emailSuppression.create({ data: { shop, email: customer.email! } });
    const order = await createOrder(shop, { customer, fulfilledAt: t("2026-05-01T08:00:00Z") });
    expect(await syncReviewRequestForOrder({ shop, orderId: order.id }, { now: NOW })).toMatchObject({
      status: "skipped",
    });
    const request = await db.reviewRequest.findUniqueOrThrow({ where: { orderId: order.id } });
    expect(request).toMatchObject({ status: "skipped", cancelReason: "opted_out" });
  });

  it("defers a second order's request past the customer's frequency cap", async () => {
    const shop = await createShop();
    const customer = await createCustomer(shop);
    const first = await createOrder(shop, { customer, fulfilledAt: t("2026-04-01T08:00:00Z") });
    await syncReviewRequestForOrder({ shop, orderId: first.id }, { now: t("2026-04-01T09:00:00Z") });
    await db.reviewRequest.update({
      where: { orderId: first.id },
      data: { status: "sent", sentAt: t("2026-04-15T08:00:00Z"), lastSentAt: t("2026-04-15T08:00:00Z") },
    });

    const second = await createOrder(shop, { customer, fulfilledAt: t("2026-04-20T08:00:00Z"), lines: [MUG] });
    await syncReviewRequestForOrder({ shop, orderId: second.id }, { now: t("2026-04-20T09:00:00Z") });
    const request = await db.reviewRequest.findUniqueOrThrow({ where: { orderId: second.id } });
    // fulfillment + 14 = 4 May; the cap allows 30 days after 15 April = 15 May, 10:00 Stockholm
    expect(request.sendAt.toISOString()).toBe("2026-05-15T08:00:00.000Z");
    const [event] = await db.requestEvent.findMany({ where: { requestId: request.id } });
    expect(JSON.parse(event.detail!)).toMatchObject({ adjustedBy: ["frequency_cap"] });
  });

  it("plans a customer's requests a cap apart, counting those still scheduled (the date shown is the real one)", async () => {
    const shop = await createShop();
    const customer = await createCustomer(shop);
    const sendDates: string[] = [];
    for (const fulfilledAt of ["2026-05-01T08:00:00Z", "2026-05-06T08:00:00Z", "2026-05-07T08:00:00Z"]) {
      const order = await createOrder(shop, { customer, fulfilledAt: t(fulfilledAt), lines: [MUG] });
      await syncReviewRequestForOrder({ shop, orderId: order.id }, { now: t("2026-05-07T09:00:00Z") });
      sendDates.push((await db.reviewRequest.findUniqueOrThrow({ where: { orderId: order.id } })).sendAt.toISOString());
    }
    // 15 May as planned; 20 May is held by the 30-day cap until 14 June; 21 May until 14 June + 30 days.
    expect(sendDates).toEqual(["2026-05-15T08:00:00.000Z", "2026-06-14T08:00:00.000Z", "2026-07-14T08:00:00.000Z"]);

    // Syncing the first again does not push it behind the later ones (they wait for it, not the reverse).
    const first = await db.reviewRequest.findFirstOrThrow({ where: { shop }, orderBy: { sendAt: "asc" } });
    await db.order.update({ where: { id: first.orderId }, data: { deliveredAt: t("2026-05-03T12:00:00Z") } });
    await syncReviewRequestForOrder({ shop, orderId: first.orderId }, { now: t("2026-05-07T09:00:00Z") });
    expect((await db.reviewRequest.findUniqueOrThrow({ where: { id: first.id } })).sendAt.toISOString()).toBe(
      "2026-05-08T12:00:00.000Z",
    );
  });

  it("plans a batch of one customer's orders a cap apart too, as the one-at-a-time path does", async () => {
    const shop = await createShop();
    const customer = await createCustomer(shop);
    // One already scheduled before the batch, two in the batch (the order webhooks' batch path).
    const earlier = await createOrder(shop, { customer, fulfilledAt: t("2026-05-01T08:00:00Z"), lines: [MUG] });
    await syncReviewRequestForOrder({ shop, orderId: earlier.id }, { now: t("2026-05-07T09:00:00Z") });
    const batch = [];
    for (const fulfilledAt of ["2026-05-06T08:00:00Z", "2026-05-07T08:00:00Z"])
      batch.push(await createOrder(shop, { customer, fulfilledAt: t(fulfilledAt), lines: [MUG] }));
    const rows = await db.order.findMany({ where: { id: { in: batch.map((o) => o.id) } }, include: { lines: true } });
    rows.sort((a, b) => a.fulfilledAt!.getTime() - b.fulfilledAt!.getTime());
    await db.$transaction((tx) => syncReviewRequestsForOrders(tx, rows, t("2026-05-07T09:00:00Z")));
    const sendDates = [];
    for (const order of [earlier, ...batch])
      sendDates.push((await db.reviewRequest.findUniqueOrThrow({ where: { orderId: order.id } })).sendAt.toISOString());
    expect(sendDates).toEqual(["2026-05-15T08:00:00.000Z", "2026-06-14T08:00:00.000Z", "2026-07-14T08:00:00.000Z"]);
  });

  it("speaks the customer's language, then the order's, then the merchant's default (never the shop's own)", async () => {
    const shop = await createShop({ primaryLocale: "sv" });
    const cases: Array<[string | null, string | null, string]> = [
      ["sv-SE", "en", "sv"],
      [null, "en-GB", "en"],
      [null, null, "en"],
      ["de", null, "en"],
      ["nb-NO", "sv", "en"],
    ];
    for (const [customerLocale, orderLocale, expected] of cases) {
      const customer = await createCustomer(shop, { locale: customerLocale });
      const order = await createOrder(shop, { customer, locale: orderLocale, fulfilledAt: t("2026-05-01T08:00:00Z") });
      await syncReviewRequestForOrder({ shop, orderId: order.id }, { now: NOW });
      expect((await db.reviewRequest.findUniqueOrThrow({ where: { orderId: order.id } })).locale).toBe(expected);
    }
  });
});
