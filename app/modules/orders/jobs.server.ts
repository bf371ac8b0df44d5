// The orders module's background work: one job per webhook topic it owns, plus the re-check of waiting events.
import { z } from "zod";
import { defineJob } from "../jobs";
import { defineWebhookBatchJob, defineWebhookJob } from "../webhooks";
import { applyOrderBatch, lockOrders } from "./order-batch.server";
import {
  APPLY_PENDING_EVENTS_JOB_TYPE,
  applyFulfillmentEvent,
  applyOrderCancelled,
  applyPendingEvents,
  applyRefund,
  upsertCustomerFromShopify,
} from "./order-state.server";
import {
  ShopifyCustomerPayloadSchema,
  ShopifyFulfillmentEventPayloadSchema,
  ShopifyOrderPayloadSchema,
  ShopifyRefundPayloadSchema,
} from "./payloads";
import { ensureShopRecorded } from "./shop-record.server";

/**
 * How many orders/fulfilled deliveries one run takes (one transaction). Chosen, not tuned: at ~3 ms of CPU per
 * order a batch holds SQLite's write lock well under a second on a free core, and it bounds how long a burst
 * can hold back the other job types (fair claiming, decision 008).
 */
export const ORDER_BATCH_SIZE = 200;

// The burst topic of a sale: deliveries are applied many at a time (order-batch.server.ts), and each changed
// order's review request is planned in the same transaction.
export const orderFulfilledJob = defineWebhookBatchJob({
  topic: "ORDERS_FULFILLED",
  payloadSchema: ShopifyOrderPayloadSchema,
  size: ORDER_BATCH_SIZE,
  async handleBatch(deliveries, tx, log) {
    // One look at each shop of the batch, however many of its orders the batch holds (locked first, so two
    // workers' batches never both try to create a shop's row inside their transactions). A rule about the shop
    // (is it installed?) belongs here, once per shop; its deliveries are returned as ignored.
    const shops = [...new Set(deliveries.map((d) => d.shop))];
    await lockOrders(
      tx,
      shops.map((shop) => `shop:${shop}`),
    );
    for (const shop of shops) await ensureShopRecorded(shop, tx);
    const outcomes = await applyOrderBatch(
      tx,
      deliveries.map((d) => ({ shop: d.shop, order: d.payload })),
    );
    log.debug(
      { orders: deliveries.length, changed: outcomes.filter((o) => o.status === "changed").length },
      "orders/fulfilled batch applied",
    );
    return new Set();
  },
});

export const orderCancelledJob = defineWebhookJob({
  topic: "ORDERS_CANCELLED",
  payloadSchema: ShopifyOrderPayloadSchema,
  async handle(order, ctx) {
    await ensureShopRecorded(ctx.shop);
    const outcome = await applyOrderCancelled(ctx.shop, order);
    ctx.log.debug({ orderShopifyId: order.id, outcome }, "orders/cancelled applied");
  },
});

export const refundCreatedJob = defineWebhookJob({
  topic: "REFUNDS_CREATE",
  payloadSchema: ShopifyRefundPayloadSchema,
  async handle(refund, ctx) {
    await ensureShopRecorded(ctx.shop);
    const outcome = await applyRefund(ctx.shop, refund);
    ctx.log.debug({ orderShopifyId: refund.order_id, refundId: refund.id, outcome }, "refunds/create applied");
  },
});

export const fulfillmentEventCreatedJob = defineWebhookJob({
  topic: "FULFILLMENT_EVENTS_CREATE",
  payloadSchema: ShopifyFulfillmentEventPayloadSchema,
  async handle(event, ctx) {
    await ensureShopRecorded(ctx.shop);
    const outcome = await applyFulfillmentEvent(ctx.shop, event);
    ctx.log.debug(
      { orderShopifyId: event.order_id, status: event.status, outcome },
      "fulfillment_events/create applied",
    );
  },
});

export const customerCreatedJob = defineWebhookJob({
  topic: "CUSTOMERS_CREATE",
  payloadSchema: ShopifyCustomerPayloadSchema,
  async handle(customer, ctx) {
    await ensureShopRecorded(ctx.shop);
    await upsertCustomerFromShopify(ctx.shop, customer);
  },
});

export const applyPendingEventsJob = defineJob({
  type: APPLY_PENDING_EVENTS_JOB_TYPE,
  schema: z.object({ orderShopifyId: z.string().regex(/^\d+$/) }),
  async run({ orderShopifyId }, ctx) {
    if (!ctx.shop) return;
    const outcome = await applyPendingEvents(ctx.shop, orderShopifyId);
    ctx.log.debug({ orderShopifyId, outcome }, "waiting order events re-checked");
  },
});

export const ordersJobs = [
  orderFulfilledJob,
  orderCancelledJob,
  refundCreatedJob,
  fulfillmentEventCreatedJob,
  customerCreatedJob,
  applyPendingEventsJob,
];
