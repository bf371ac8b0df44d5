// orders/fulfilled deliveries run many to a transaction (order-batch.server.ts): the rules of the one-at-a-time
// path hold inside a batch that mixes shops, duplicates and out-of-order events, and a delivery that cannot be
// applied fails alone while the rest of its batch is stored.
import db from "~/db.server";
import { jobDefinitions } from "~/jobs.server";
import { drainJobs } from "~/modules/jobs";
import { applyOrderPayload, ShopifyOrderPayloadSchema } from "~/modules/orders";
import { SYNC_ORDER_JOB } from "~/modules/requests";
import { markShopInstalled } from "~/modules/shops";
import { sendToIntake } from "../support/deliver-webhook";
import { OTHER_SHOP, signedWebhookRequest, TEST_SHOP, webhookFixture } from "../support/signed-webhooks";

const ORDER_ID = "5861283119412";
const CANDLE_LINE = "14926537359668";

/** Records a delivery (intake + pump) without running its job, so the next drain sees them all together. */
async function record(topic: string, payload: unknown, options: { shop?: string; webhookId?: string } = {}) {
  const answer = await sendToIntake(signedWebhookRequest(topic, payload, options));
  expect(answer.status).toBe(200);
}

/** A different order of the fixture's customer: its own ids, so it can sit in a batch beside the fixture. */
function anotherOrder(n: number) {
  const order = webhookFixture("orders-fulfilled");
  const id = 7_100_000_000_000 + n;
  return {
    ...order,
    id,
    name: `#${2000 + n}`,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    line_items: order.line_items.map((line: Record<string, unknown>, i: number) => ({ ...line, id: id * 10 + i })),
  };
}

const orderOf = (shop: string, shopifyId: string) =>
  db.order.findUniqueOrThrow({
    where: { shop_shopifyId: { shop, shopifyId } },
    include: { lines: { orderBy: { shopifyLineId: "asc" } } },
  });

beforeEach(async () => {
  for (const table of [
    "job",
    "webhookEvent",
    "pendingOrderEvent",
    "orderRefund",
    "orderLine",
    "order",
    "customer",
    "reviewRequest",
    "shop",
  ] as const) {
    await (db[table] as { deleteMany(): Promise<unknown> }).deleteMany();
  }
  await markShopInstalled(TEST_SHOP);
  await markShopInstalled(OTHER_SHOP);
});

describe("orders/fulfilled in batches", () => {
  it("applies a batch that mixes shops, repeats and out-of-order payloads by the same rules as one at a time", async () => {
    const newer = {
      ...webhookFixture("orders-fulfilled"),
      email: "astrid@example.se",
      updated_at: "2026-10-05T10:00:00+02:00",
    };
    const older = webhookFixture("orders-fulfilled");
    older.line_items[1].quantity = 5;
    // A cancel that arrived before its order waits for it; the batch applies it when the order comes.
    await record("orders/cancelled", webhookFixture("orders-cancelled"), { shop: OTHER_SHOP });
    await drainJobs(jobDefinitions);
    expect(await db.pendingOrderEvent.count({ where: { shop: OTHER_SHOP } })).toBe(1);

    await record("orders/fulfilled", newer);
    await record("orders/fulfilled", older); // out of order: older than what the batch already holds
    await record("orders/fulfilled", newer); // the same payload again under a new webhook id
    await record("orders/fulfilled", webhookFixture("orders-fulfilled"), { shop: OTHER_SHOP }); // same order id, another shop
    await record("orders/fulfilled", anotherOrder(1));
    expect(await drainJobs(jobDefinitions)).toMatchObject({ failed: 0, retried: 0 });

    // One run took all five deliveries.
    const runs = await db.job.findMany({
      where: { type: "orders.order-fulfilled" },
      select: { startedAt: true, status: true },
    });
    expect(runs).toHaveLength(5);
    expect(new Set(runs.map((r) => r.startedAt?.toISOString())).size).toBe(1);
    expect(runs.every((r) => r.status === "succeeded")).toBe(true);

    const ours = await orderOf(TEST_SHOP, ORDER_ID);
    expect(ours.email).toBe("astrid@example.se");
    expect(ours.shopifyUpdatedAt?.toISOString()).toBe("2026-10-05T08:00:00.000Z");
    expect(ours.lines.find((l) => l.shopifyLineId === CANDLE_LINE)?.quantity).toBe(2);
    expect(ours.cancelledAt).toBeNull();
    const theirs = await orderOf(OTHER_SHOP, ORDER_ID);
    expect(theirs.cancelledAt?.toISOString()).toBe("2026-10-05T12:20:00.000Z");
    expect(theirs.email).toBe("astrid.lindqvist@example.se");
    expect(await db.pendingOrderEvent.count()).toBe(0);

    // Each shop keeps its own customer and lines; one request per order; one sync recorded per order state.
    expect(await db.customer.count({ where: { shop: TEST_SHOP } })).toBe(1);
    expect(await db.customer.count({ where: { shop: OTHER_SHOP } })).toBe(1);
    expect(await db.orderLine.count({ where: { orderId: ours.id } })).toBe(3);
    expect(await db.orderLine.count({ where: { orderId: theirs.id } })).toBe(3);
    const requests = await db.reviewRequest.findMany({
      select: { orderId: true, shop: true, status: true, cancelReason: true, email: true },
    });
    expect(requests).toHaveLength(2);
    expect(requests.find((r) => r.orderId === ours.id)).toMatchObject({ shop: TEST_SHOP, email: "astrid@example.se" });
    expect(requests.find((r) => r.orderId === theirs.id)).toBeUndefined(); // cancelled before it was ever planned
    const syncs = await db.job.findMany({ where: { type: SYNC_ORDER_JOB } });
    expect(syncs.map((s) => JSON.parse(s.payload).orderId).sort()).toEqual(
      [ours.id, theirs.id, (await orderOf(TEST_SHOP, String(7_100_000_000_001))).id].sort(),
    );

    // The same deliveries again (Shopify's retries under new ids) change nothing and sync nothing.
    const before = await orderOf(TEST_SHOP, ORDER_ID);
    await record("orders/fulfilled", newer);
    await record("orders/fulfilled", webhookFixture("orders-fulfilled"), { shop: OTHER_SHOP });
    await drainJobs(jobDefinitions);
    expect(await orderOf(TEST_SHOP, ORDER_ID)).toEqual(before);
    expect(await db.job.count({ where: { type: SYNC_ORDER_JOB } })).toBe(3);
  });

  it("stores a shopper once when several workers apply their orders at the same moment", async () => {
    // On PostgreSQL each call is its own transaction on its own connection, as two workers' batches are.
    const outcomes = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((n) => applyOrderPayload(TEST_SHOP, ShopifyOrderPayloadSchema.parse(anotherOrder(n)))),
    );
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
    expect(await db.customer.count({ where: { shop: TEST_SHOP } })).toBe(1);
    expect(await db.order.count({ where: { shop: TEST_SHOP, customerId: { not: null } } })).toBe(5);
  });

  it("fails a delivery that cannot be applied alone and stores the rest of its batch", async () => {
    await record("orders/fulfilled", anotherOrder(1));
    await drainJobs(jobDefinitions);
    // A malformed payload (no currency) and one whose line id another order already holds (it cannot be stored).
    const malformed = { ...anotherOrder(2), currency: undefined };
    const clashing = { ...anotherOrder(3), line_items: anotherOrder(1).line_items };
    await record("orders/fulfilled", anotherOrder(4));
    await record("orders/fulfilled", malformed);
    await record("orders/fulfilled", anotherOrder(5));
    await record("orders/fulfilled", clashing);
    await record("orders/fulfilled", anotherOrder(6));

    const drained = await drainJobs(jobDefinitions);
    expect(drained).toMatchObject({ failed: 1, retried: 1 });

    const stored = await db.order.findMany({ where: { shop: TEST_SHOP }, select: { shopifyId: true } });
    expect(stored.map((o) => o.shopifyId).sort()).toEqual([
      "7100000000001",
      "7100000000004",
      "7100000000005",
      "7100000000006",
    ]);
    expect(await db.reviewRequest.count({ where: { shop: TEST_SHOP } })).toBe(4);
    const events = await db.webhookEvent.findMany({
      where: { shop: TEST_SHOP },
      select: { status: true, error: true, payload: true },
    });
    expect(events.filter((e) => e.status === "processed")).toHaveLength(4);
    expect(events.find((e) => e.status === "failed")?.error).toContain("currency");
    const waiting = events.find((e) => e.status === "enqueued");
    expect(waiting?.error).toBeTruthy();
    expect(waiting?.payload).not.toBeNull(); // kept for the retry
    const retry = await db.job.findFirstOrThrow({ where: { type: "orders.order-fulfilled", status: "queued" } });
    expect(retry.lastError).toContain("Attempt 1");
  });

  it("ignores, inside a batch, the deliveries of a shop the app is not installed in and applies the others", async () => {
    await db.shop.update({ where: { shop: OTHER_SHOP }, data: { uninstalledAt: new Date() } });
    await record("orders/fulfilled", anotherOrder(1));
    await record("orders/fulfilled", anotherOrder(2), { shop: OTHER_SHOP });
    await record("orders/fulfilled", anotherOrder(3));
    await record("orders/fulfilled", webhookFixture("orders-fulfilled"), { shop: "never-installed.myshopify.com" });

    expect(await drainJobs(jobDefinitions)).toMatchObject({ failed: 0, retried: 0 });
    const runs = await db.job.findMany({ where: { type: "orders.order-fulfilled" }, select: { startedAt: true } });
    expect(new Set(runs.map((r) => r.startedAt?.toISOString())).size).toBe(1); // one batch

    expect(
      (await db.order.findMany({ select: { shop: true, shopifyId: true } })).sort((a, b) =>
        a.shopifyId.localeCompare(b.shopifyId),
      ),
    ).toEqual([
      { shop: TEST_SHOP, shopifyId: "7100000000001" },
      { shop: TEST_SHOP, shopifyId: "7100000000003" },
    ]);
    expect(await db.customer.count({ where: { shop: { not: TEST_SHOP } } })).toBe(0);
    expect(await db.reviewRequest.count({ where: { shop: { not: TEST_SHOP } } })).toBe(0);
    expect(await db.shop.count({ where: { shop: "never-installed.myshopify.com" } })).toBe(0);
    const events = await db.webhookEvent.findMany({ select: { shop: true, status: true, payload: true } });
    expect(events.filter((e) => e.shop === TEST_SHOP).map((e) => e.status)).toEqual(["processed", "processed"]);
    const others = events.filter((e) => e.shop !== TEST_SHOP);
    expect(others.map((e) => e.status)).toEqual(["ignored", "ignored"]);
    expect(others.every((e) => e.payload === null)).toBe(true); // the bodies of shops we do not serve are dropped
  });
});
