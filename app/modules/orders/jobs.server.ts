// The orders module's background work: one job per webhook topic it owns, plus the re-check of waiting events.
import { z } from "zod";
import { defineJob } from "../jobs";
import { defineWebhookJob } from "../webhooks";
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
import { ensureShopRecorded } from "./shop-record.server";

export const orderFulfilledJob = defineWebhookJob({
  topic: "ORDERS_FULFILLED",
  payloadSchema: ShopifyOrderPayloadSchema,
  async handle(order, ctx) {
    await ensureShopRecorded(ctx.shop);
    const outcome = await applyOrderPayload(ctx.shop, order);
    ctx.log.debug({ orderShopifyId: order.id, outcome }, "orders/fulfilled applied");
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
