// The orders module's background work: one job per webhook topic it owns, plus the re-check of waiting events.
import { z } from "zod";
import { defineJob } from "../jobs";
import { defineWebhookJob, type WebhookJobContext } from "../webhooks";
import {
  APPLY_PENDING_EVENTS_JOB_TYPE,
  applyFulfillmentEvent,
  applyOrderCancelled,
  applyOrderPayload,
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
import { isShopInstalled, requireInstalledShop } from "../shops";

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

export const orderFulfilledJob = defineWebhookJob({
  topic: "ORDERS_FULFILLED",
  payloadSchema: ShopifyOrderPayloadSchema,
  async handle(order, ctx) {
    if (await ignoredUnlessInstalled(ctx)) return "ignored";
    const outcome = await applyOrderPayload(ctx.shop, order);
    ctx.log.debug({ orderShopifyId: order.id, outcome }, "orders/fulfilled applied");
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
