// The orders module's background work: one job per webhook topic it owns, plus the re-check of waiting events.
import { z } from "zod";
import { defineJob } from "../jobs";
import { defineWebhookBatchJob, defineWebhookJob, type WebhookJobContext } from "../webhooks";
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
import { installedShopsAmong, isShopInstalled, requireInstalledShop } from "../shops";

/**
 * Orders, refunds and customers are kept only for a shop the app is installed in now. A delivery for any other
 * shop (never installed, uninstalled, or redacted: a late or retried delivery after shop/redact) is recorded
 * as ignored and its body dropped; it creates no Shop row, no customer and no review request.
 */
async function ignoredUnlessInstalled(ctx: WebhookJobContext): Promise<"ignored" | null> {
  if (await isShopInstalled(ctx.shop)) return null;
  ctx.log.info(
    { shop: ctx.shop, topic: ctx.webhook.topic, webhookId: ctx.webhook.webhookId },
    "webhook ignored: the app is not installed in the shop",
  );
  return "ignored";
}

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
  payloadSchema: ShopifyOrderPayloadSchema,
  size: ORDER_BATCH_SIZE,
  async handleBatch(deliveries, tx, log) {
    // One look at the shops of the batch, however many of its orders it holds: a delivery for a shop the app is
    // not installed in now is ignored, as the one-at-a-time jobs do (ignoredUnlessInstalled).
    const shops = [...new Set(deliveries.map((d) => d.shop))];
    const installed = await installedShopsAmong(shops, tx);
    const ignored = new Set<string>();
    for (const d of deliveries) {
      if (installed.has(d.shop)) continue;
      ignored.add(d.jobId);
      log.info(
        { shop: d.shop, topic: d.webhook.topic, webhookId: d.webhook.webhookId },
        "webhook ignored: the app is not installed in the shop",
      );
    }
    const applied = deliveries.filter((d) => !ignored.has(d.jobId));
    const outcomes = await applyOrderBatch(
      tx,
      applied.map((d) => ({ shop: d.shop, order: d.payload })),
    );
    log.debug(
      { orders: applied.length, changed: outcomes.filter((o) => o.status === "changed").length },
      "orders/fulfilled batch applied",
    );
    return ignored;
  },
});

export const orderCancelledJob = defineWebhookJob({
  topic: "ORDERS_CANCELLED",
  payloadSchema: ShopifyOrderPayloadSchema,
  async handle(order, ctx) {
    if (await ignoredUnlessInstalled(ctx)) return "ignored";
    const outcome = await applyOrderCancelled(ctx.shop, order);
    ctx.log.debug({ orderShopifyId: order.id, outcome }, "orders/cancelled applied");
  },
});

export const refundCreatedJob = defineWebhookJob({
  topic: "REFUNDS_CREATE",
  payloadSchema: ShopifyRefundPayloadSchema,
  async handle(refund, ctx) {
    if (await ignoredUnlessInstalled(ctx)) return "ignored";
    const outcome = await applyRefund(ctx.shop, refund);
    ctx.log.debug({ orderShopifyId: refund.order_id, refundId: refund.id, outcome }, "refunds/create applied");
  },
});

export const fulfillmentEventCreatedJob = defineWebhookJob({
  topic: "FULFILLMENT_EVENTS_CREATE",
  payloadSchema: ShopifyFulfillmentEventPayloadSchema,
  async handle(event, ctx) {
    if (await ignoredUnlessInstalled(ctx)) return "ignored";
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
    if (await ignoredUnlessInstalled(ctx)) return "ignored";
    await upsertCustomerFromShopify(ctx.shop, customer);
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
