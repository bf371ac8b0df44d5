// The orders module's background work: one job per webhook topic it owns, plus the re-check of waiting events.
// Orders, refunds and customers are kept only for a shop the app is installed in now (installedShopsOnly).
import { z } from "zod";
import { defineJob, enqueueJob } from "../jobs";
import { defineWebhookBatchJob, defineWebhookJob } from "../webhooks";
import { applyOrderBatch } from "./order-batch.server";
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
import { requireInstalledShop } from "../shops";
import { loyaltyRefundJob, loyaltySignupJob } from "./loyalty-handoff";

/**
 * How many orders/fulfilled deliveries one run takes (one transaction). Chosen, not tuned: at ~3 ms of CPU per
 * order a batch holds SQLite's write lock well under a second on a free core, and it bounds how long a burst
 * can hold back the other job types (fair claiming, decision 009).
 */
export const ORDER_BATCH_SIZE = 200;

// The burst topic of a sale: deliveries are applied many at a time (order-batch.server.ts), and each changed
// order's review request is planned in the same transaction.
export const orderFulfilledJob = defineWebhookBatchJob({
  topic: "ORDERS_FULFILLED",
  installedShopsOnly: true,
  payloadSchema: ShopifyOrderPayloadSchema,
  size: ORDER_BATCH_SIZE,
  async handleBatch(deliveries, tx, log) {
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
  installedShopsOnly: true,
  payloadSchema: ShopifyOrderPayloadSchema,
  async handle(order, ctx) {
    const outcome = await applyOrderCancelled(ctx.shop, order);
    ctx.log.debug({ orderShopifyId: order.id, outcome }, "orders/cancelled applied");
  },
});

export const refundCreatedJob = defineWebhookJob({
  topic: "REFUNDS_CREATE",
  installedShopsOnly: true,
  payloadSchema: ShopifyRefundPayloadSchema,
  async handle(refund, ctx) {
    const outcome = await applyRefund(ctx.shop, refund);
    await enqueueJob(loyaltyRefundJob(ctx.shop, refund));
    ctx.log.debug({ orderShopifyId: refund.order_id, refundId: refund.id, outcome }, "refunds/create applied");
  },
});

export const fulfillmentEventCreatedJob = defineWebhookJob({
  topic: "FULFILLMENT_EVENTS_CREATE",
  installedShopsOnly: true,
  payloadSchema: ShopifyFulfillmentEventPayloadSchema,
  async handle(event, ctx) {
    const outcome = await applyFulfillmentEvent(ctx.shop, event);
    ctx.log.debug(
      { orderShopifyId: event.order_id, status: event.status, outcome },
      "fulfillment_events/create applied",
    );
  },
});

export const customerCreatedJob = defineWebhookJob({
  topic: "CUSTOMERS_CREATE",
  installedShopsOnly: true,
  payloadSchema: ShopifyCustomerPayloadSchema,
  async handle(customer, ctx) {
    await upsertCustomerFromShopify(ctx.shop, customer);
    await enqueueJob(loyaltySignupJob(ctx.shop, customer));
  },
});

export const applyPendingEventsJob = defineJob({
  type: APPLY_PENDING_EVENTS_JOB_TYPE,
  schema: z.object({ orderShopifyId: z.string().regex(/^\d+$/) }),
  async run({ orderShopifyId }, ctx) {
    if (!ctx.shop) return;
    await requireInstalledShop(ctx.shop);
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
