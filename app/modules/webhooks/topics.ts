// Which job handles each webhook topic we subscribe to (shopify.app.toml). Topics are written the way
// shopify-app-remix hands them over (`topicForStorage`: "orders/fulfilled" -> "ORDERS_FULFILLED").
// The job types are defined by the modules that own the work (orders, privacy); only their names live here,
// so the intake does not import the modules it feeds.
export const WEBHOOK_JOB_TYPES = {
  ORDERS_FULFILLED: "orders.order-fulfilled",
  ORDERS_CANCELLED: "orders.order-cancelled",
  REFUNDS_CREATE: "orders.refund-created",
  FULFILLMENT_EVENTS_CREATE: "orders.fulfillment-event-created",
  CUSTOMERS_CREATE: "orders.customer-created",
  APP_UNINSTALLED: "privacy.app-uninstalled",
  APP_SCOPES_UPDATE: "privacy.app-scopes-updated",
  CUSTOMERS_DATA_REQUEST: "privacy.customer-data-requested",
  CUSTOMERS_REDACT: "privacy.customer-redact",
  SHOP_REDACT: "privacy.shop-redact",
} as const;

export type WebhookTopic = keyof typeof WEBHOOK_JOB_TYPES;
export type WebhookJobType = (typeof WEBHOOK_JOB_TYPES)[WebhookTopic];

// Privacy requests are legal obligations that outlive the installation: their jobs are queued without a
// shop, so uninstalling (which cancels the shop's pending jobs) or shop/redact (which deletes them) cannot
// drop a data request or a redaction that is still waiting.
const OUTLIVES_INSTALLATION: ReadonlySet<WebhookTopic> = new Set(["CUSTOMERS_DATA_REQUEST", "CUSTOMERS_REDACT", "SHOP_REDACT"]);

export function jobShopFor(topic: WebhookTopic, shop: string): string | null {
  return OUTLIVES_INSTALLATION.has(topic) ? null : shop;
}
