// Order, refund, cancel and delivery webhooks through their routes and jobs, in every order Shopify may send them.
import db from "~/db.server";
import { jobDefinitions } from "~/jobs.server";
import { drainJobs } from "~/modules/jobs";
import { SYNC_ORDER_JOB } from "~/modules/requests";
import { markShopInstalled } from "~/modules/shops";
import { deliverWebhook } from "../support/deliver-webhook";
import { TEST_SHOP, webhookFixture } from "../support/signed-webhooks";

const ORDER_ID = "5861283119412";
const CANDLE_LINE = "14926537359668";

async function deliver(topic: string, payload: unknown) {
  await deliverWebhook(topic, payload);
  await drainJobs(jobDefinitions);
}

const theOrder = () =>
  db.order.findUniqueOrThrow({
    where: { shop_shopifyId: { shop: TEST_SHOP, shopifyId: ORDER_ID } },
    include: { lines: { orderBy: { shopifyLineId: "asc" } } },
  });
const syncJobs = () =>
  db.job.findMany({ where: { shop: TEST_SHOP, type: SYNC_ORDER_JOB }, orderBy: { createdAt: "asc" } });

function refundOf(lines: { lineItemId: string; quantity: number }[], refundId: number) {
  const refund = webhookFixture("refunds-create");
  return {
    ...refund,
    id: refundId,
    refund_line_items: lines.map((line, i) => ({
      ...refund.refund_line_items[0],
      id: refundId * 10 + i,
      line_item_id: Number(line.lineItemId),
      quantity: line.quantity,
    })),
  };
}

beforeEach(async () => {
  for (const table of [
    "job",
    "webhookEvent",
    "pendingOrderEvent",
    "orderRefund",
    "orderLine",
    "order",
    "customer",
    "shop",
  ] as const) {
    await (db[table] as { deleteMany(): Promise<unknown> }).deleteMany();
  }
  // Installed by the OAuth grant, as afterAuth does: deliveries for a shop that is not installed are ignored.
  await markShopInstalled(TEST_SHOP);
});

describe("orders/fulfilled", () => {
  it("stores the order, its lines and its customer, and asks the requests module to sync it", async () => {
    await deliver("orders/fulfilled", webhookFixture("orders-fulfilled"));

    const order = await theOrder();
    expect(order).toMatchObject({
      name: "#1042",
      email: "astrid.lindqvist@example.se",
      locale: "sv-SE",
      currency: "SEK",
      totalPriceCents: 119600,
      financialStatus: "paid",
      fulfillmentStatus: "fulfilled",
      cancelledAt: null,
      deliveredAt: null,
      refundedAt: null,
    });
    expect(order.placedAt.toISOString()).toBe("2026-10-02T08:14:36.000Z");
    expect(order.fulfilledAt?.toISOString()).toBe("2026-10-04T07:02:10.000Z");
    expect(order.shopifyUpdatedAt?.toISOString()).toBe("2026-10-04T07:02:11.000Z");
    expect(
      order.lines.map((l) => [l.title, l.productShopifyId, l.quantity, l.priceCents, l.isGiftCard, l.requiresShipping]),
    ).toEqual([
      ["Linnelakan dubbel", "8801234567212", 1, 79900, false, true],
      ["Doftljus Skogsmossa", "8801234567345", 2, 14900, false, true],
      ["Presentkort", "8801234567999", 1, 5000, true, false],
    ]);
    const customer = await db.customer.findUniqueOrThrow({ where: { id: order.customerId ?? "" } });
    expect(customer).toMatchObject({
      shopifyId: "7412093386804",
      email: "astrid.lindqvist@example.se",
      firstName: "Astrid",
      lastName: "Lindqvist",
      phone: "+46701234567",
      city: "Göteborg",
      country: "SE",
      acceptsMarketing: true,
    });
    const jobs = await syncJobs();
    expect(jobs).toHaveLength(1);
    expect(JSON.parse(jobs[0].payload)).toEqual({ shop: TEST_SHOP, orderId: order.id });
  });

  it("records and ignores a delivery for a shop that never installed the app, creating no shop and no customer", async () => {
    await db.shop.deleteMany();
    await deliver("orders/fulfilled", webhookFixture("orders-fulfilled"));
    await deliver("customers/create", webhookFixture("customers-create"));

    expect(await db.shop.count()).toBe(0);
    expect(await db.order.count()).toBe(0);
    expect(await db.customer.count()).toBe(0);
    expect(await db.job.count({ where: { shop: TEST_SHOP, status: { not: "succeeded" } } })).toBe(0);
    const deliveries = await db.webhookEvent.findMany({
      where: { shop: TEST_SHOP },
      select: { status: true, payload: true },
    });
    expect(deliveries).toEqual([
      { status: "ignored", payload: null },
      { status: "ignored", payload: null },
    ]);
  });

  it("changes nothing and queues nothing when the same order payload arrives again", async () => {
    await deliver("orders/fulfilled", webhookFixture("orders-fulfilled"));
    const before = await theOrder();

    await deliver("orders/fulfilled", webhookFixture("orders-fulfilled"));

    expect(await theOrder()).toEqual(before);
    expect(await syncJobs()).toHaveLength(1);
    expect(await db.customer.count()).toBe(1);
  });

  it("does not let an older payload overwrite newer state", async () => {
    const newer = {
      ...webhookFixture("orders-fulfilled"),
      email: "astrid@example.se",
      updated_at: "2026-10-05T10:00:00+02:00",
    };
    const older = webhookFixture("orders-fulfilled");
    older.line_items[1].quantity = 5;

    await deliver("orders/fulfilled", newer);
    await deliver("orders/fulfilled", older);

    const order = await theOrder();
    expect(order.email).toBe("astrid@example.se");
    expect(order.shopifyUpdatedAt?.toISOString()).toBe("2026-10-05T08:00:00.000Z");
    expect(order.lines.find((l) => l.shopifyLineId === CANDLE_LINE)?.quantity).toBe(2);
    expect(await syncJobs()).toHaveLength(1);
  });

  it("takes a newer payload's changes and syncs again", async () => {
    await deliver("orders/fulfilled", webhookFixture("orders-fulfilled"));
    await deliver("orders/fulfilled", {
      ...webhookFixture("orders-fulfilled"),
      email: "astrid@example.se",
      updated_at: "2026-10-05T10:00:00+02:00",
    });

    expect((await theOrder()).email).toBe("astrid@example.se");
    expect(await syncJobs()).toHaveLength(2);
  });
});

describe("orders/cancelled", () => {
  it("marks a known order cancelled", async () => {
    await deliver("orders/fulfilled", webhookFixture("orders-fulfilled"));
    await deliver("orders/cancelled", webhookFixture("orders-cancelled"));

    expect((await theOrder()).cancelledAt?.toISOString()).toBe("2026-10-05T12:20:00.000Z");
    expect(await syncJobs()).toHaveLength(2);
  });

  it("keeps a cancel that arrives before the order and applies it when the order arrives", async () => {
    await deliver("orders/cancelled", webhookFixture("orders-cancelled"));
    expect(await db.order.count()).toBe(0);
    expect(await db.pendingOrderEvent.findMany()).toMatchObject([
      { shop: TEST_SHOP, orderShopifyId: ORDER_ID, kind: "cancelled" },
    ]);

    await deliver("orders/fulfilled", webhookFixture("orders-fulfilled"));

    const order = await theOrder();
    expect(order.cancelledAt?.toISOString()).toBe("2026-10-05T12:20:00.000Z");
    expect(order.fulfilledAt).not.toBeNull();
    expect(await db.pendingOrderEvent.count()).toBe(0);
    expect(await syncJobs()).toHaveLength(1);
  });

  it("a cancel waiting for its order holds no personal data", async () => {
    await deliver("orders/cancelled", webhookFixture("orders-cancelled"));

    const [waiting] = await db.pendingOrderEvent.findMany();
    expect(waiting.payload).not.toContain("astrid");
    expect(waiting.payload).not.toContain("Linnégatan");
  });
});

describe("refunds/create", () => {
  it("records a partial refund per line without marking the order refunded", async () => {
    await deliver("orders/fulfilled", webhookFixture("orders-fulfilled"));
    await deliver("refunds/create", webhookFixture("refunds-create"));

    const order = await theOrder();
    expect(order.lines.map((l) => [l.shopifyLineId, l.refundedQuantity])).toEqual([
      ["14926537326900", 0],
      [CANDLE_LINE, 1],
      ["14926537392436", 0],
    ]);
    expect(order.refundedAt).toBeNull();
    expect(await syncJobs()).toHaveLength(2);
  });

  it("counts a refund delivered twice once", async () => {
    await deliver("orders/fulfilled", webhookFixture("orders-fulfilled"));
    await deliver("refunds/create", webhookFixture("refunds-create"));
    await deliver("refunds/create", webhookFixture("refunds-create"));

    expect((await theOrder()).lines.find((l) => l.shopifyLineId === CANDLE_LINE)?.refundedQuantity).toBe(1);
    expect(await syncJobs()).toHaveLength(2);
  });

  it("counts a refund once when a later order payload lists it again", async () => {
    await deliver("orders/fulfilled", webhookFixture("orders-fulfilled"));
    const refund = webhookFixture("refunds-create");
    await deliver("refunds/create", refund);
    await deliver("orders/fulfilled", {
      ...webhookFixture("orders-fulfilled"),
      updated_at: "2026-10-06T11:31:00+02:00",
      refunds: [refund],
    });

    expect((await theOrder()).lines.find((l) => l.shopifyLineId === CANDLE_LINE)?.refundedQuantity).toBe(1);
  });

  it("marks the order refunded when every unit has been refunded, over several refunds", async () => {
    await deliver("orders/fulfilled", webhookFixture("orders-fulfilled"));
    await deliver("refunds/create", refundOf([{ lineItemId: CANDLE_LINE, quantity: 2 }], 1032887197800));
    expect((await theOrder()).refundedAt).toBeNull();

    await deliver("refunds/create", {
      ...refundOf(
        [
          { lineItemId: "14926537326900", quantity: 1 },
          { lineItemId: "14926537392436", quantity: 1 },
        ],
        1032887197801,
      ),
      processed_at: "2026-10-08T09:00:00+02:00",
    });

    const order = await theOrder();
    expect(order.lines.every((l) => l.refundedQuantity === l.quantity)).toBe(true);
    expect(order.refundedAt?.toISOString()).toBe("2026-10-08T07:00:00.000Z");
  });

  it("keeps a refund that arrives before the order and applies it when the order arrives", async () => {
    await deliver("refunds/create", webhookFixture("refunds-create"));
    await deliver("refunds/create", webhookFixture("refunds-create"));
    expect(await db.pendingOrderEvent.count()).toBe(1);

    await deliver("orders/fulfilled", webhookFixture("orders-fulfilled"));

    expect((await theOrder()).lines.find((l) => l.shopifyLineId === CANDLE_LINE)?.refundedQuantity).toBe(1);
    expect(await db.pendingOrderEvent.count()).toBe(0);
  });

  it("applies a waiting refund on the re-check when the order was written at the same moment", async () => {
    await deliver("refunds/create", webhookFixture("refunds-create"));
    // The order lands through a writer that did not see the waiting refund (a concurrent job on another worker).
    const order = await db.order.create({
      data: { shop: TEST_SHOP, shopifyId: ORDER_ID, name: "#1042", placedAt: new Date("2026-10-02T08:14:36Z") },
    });
    await db.orderLine.create({
      data: {
        shop: TEST_SHOP,
        orderId: order.id,
        shopifyLineId: CANDLE_LINE,
        title: "Doftljus Skogsmossa",
        quantity: 2,
      },
    });

    await drainJobs(jobDefinitions, { now: new Date(Date.now() + 2 * 60_000) });

    expect((await theOrder()).lines[0].refundedQuantity).toBe(1);
    expect(await db.pendingOrderEvent.count()).toBe(0);
  });
});

describe("fulfillment_events/create", () => {
  it("sets deliveredAt when the carrier reports delivered", async () => {
    await deliver("orders/fulfilled", webhookFixture("orders-fulfilled"));
    await deliver("fulfillment_events/create", webhookFixture("fulfillment-events-create"));

    expect((await theOrder()).deliveredAt?.toISOString()).toBe("2026-10-07T11:45:00.000Z");
    expect(await syncJobs()).toHaveLength(2);
  });

  it("ignores carrier updates other than delivered", async () => {
    await deliver("orders/fulfilled", webhookFixture("orders-fulfilled"));
    await deliver("fulfillment_events/create", {
      ...webhookFixture("fulfillment-events-create"),
      id: 21384611409001,
      status: "in_transit",
    });

    expect((await theOrder()).deliveredAt).toBeNull();
    expect(await db.pendingOrderEvent.count()).toBe(0);
    expect(await syncJobs()).toHaveLength(1);
  });

  it("keeps a delivery that arrives before the fulfillment and applies it when the order arrives", async () => {
    await deliver("fulfillment_events/create", webhookFixture("fulfillment-events-create"));
    expect(await db.order.count()).toBe(0);

    await deliver("orders/fulfilled", webhookFixture("orders-fulfilled"));

    const order = await theOrder();
    expect(order.deliveredAt?.toISOString()).toBe("2026-10-07T11:45:00.000Z");
    expect(order.fulfilledAt?.toISOString()).toBe("2026-10-04T07:02:10.000Z");
  });

  it("moves deliveredAt only later: the order has arrived when its last parcel has", async () => {
    const delivered = webhookFixture("fulfillment-events-create");
    await deliver("orders/fulfilled", webhookFixture("orders-fulfilled"));
    await deliver("fulfillment_events/create", {
      ...delivered,
      id: 21384611409100,
      happened_at: "2026-10-09T10:00:00+02:00",
    });
    await deliver("fulfillment_events/create", delivered);

    expect((await theOrder()).deliveredAt?.toISOString()).toBe("2026-10-09T08:00:00.000Z");
  });
});

describe("customers/create", () => {
  it("stores the customer", async () => {
    await deliver("customers/create", webhookFixture("customers-create"));

    expect(await db.customer.findMany({ where: { shop: TEST_SHOP } })).toMatchObject([
      {
        shopifyId: "7412093419572",
        email: "olle.nyberg@example.se",
        firstName: "Olle",
        lastName: "Nyberg",
        city: "Umeå",
        acceptsMarketing: false,
      },
    ]);
  });

  it("is the same customer when their first order arrives", async () => {
    await deliver("customers/create", webhookFixture("customers-create"));
    const order = webhookFixture("orders-fulfilled");
    order.customer = {
      ...order.customer,
      id: 7412093419572,
      email: "olle.nyberg@example.se",
      first_name: "Olle",
      last_name: "Nyberg",
    };

    await deliver("orders/fulfilled", order);

    expect(await db.customer.count()).toBe(1);
    expect((await theOrder()).customerId).toBe((await db.customer.findFirstOrThrow()).id);
  });
});
