// Orders (for shops the app is installed in): Shopify's order, refund, delivery and customer events -> our
// Order, OrderLine and Customer rows, kept right under out-of-order delivery and retries; every change asks the
// requests module to re-sync.
export {
  applyOrderPayload,
  applyOrderCancelled,
  applyRefund,
  applyFulfillmentEvent,
  upsertCustomerFromShopify,
} from "./order-state.server";
export {
  ShopifyOrderPayloadSchema,
  ShopifyRefundPayloadSchema,
  ShopifyFulfillmentEventPayloadSchema,
  ShopifyCustomerPayloadSchema,
} from "./payloads";
export { ordersJobs } from "./jobs.server";
export { LOYALTY_REFUND_JOB, LOYALTY_SIGNUP_JOB } from "./loyalty-handoff";
