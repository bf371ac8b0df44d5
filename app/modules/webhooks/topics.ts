// Which job handles each webhook topic we subscribe to (shopify.app.toml). Topics are written the way
// shopify-app-remix hands them over (`topicForStorage`: "orders/fulfilled" -> "ORDERS_FULFILLED").
// The job types are defined by the modules that own the work (orders, loyalty, privacy); only their names live here,
// so the intake does not import the modules it feeds.
export const WEBHOOK_JOB_TYPES = {
  ORDERS_FULFILLED: "orders.order-fulfilled",
  ORDERS_PAID: "loyalty.order-paid",
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

// The address of each subscription in shopify.app.toml (a test holds the two together). Written out because
// the topic alone does not say where its slash goes ("APP_SCOPES_UPDATE" is app/scopes_update).
export const WEBHOOK_PATHS: Record<WebhookTopic, string> = {
  ORDERS_FULFILLED: "/webhooks/orders/fulfilled",
  ORDERS_PAID: "/webhooks/orders/paid",
  ORDERS_CANCELLED: "/webhooks/orders/cancelled",
  REFUNDS_CREATE: "/webhooks/refunds/create",
  FULFILLMENT_EVENTS_CREATE: "/webhooks/fulfillment_events/create",
  CUSTOMERS_CREATE: "/webhooks/customers/create",
  APP_UNINSTALLED: "/webhooks/app/uninstalled",
  APP_SCOPES_UPDATE: "/webhooks/app/scopes_update",
  CUSTOMERS_DATA_REQUEST: "/webhooks/customers/data_request",
  CUSTOMERS_REDACT: "/webhooks/customers/redact",
  SHOP_REDACT: "/webhooks/shop/redact",
};

export const WEBHOOK_PATH_PREFIX = "/webhooks/";

const TOPIC_BY_PATH = new Map(Object.entries(WEBHOOK_PATHS).map(([topic, path]) => [path, topic as WebhookTopic]));

export function webhookTopicForPath(path: string): WebhookTopic | undefined {
  return TOPIC_BY_PATH.get(path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path);
}
export type WebhookJobType = (typeof WEBHOOK_JOB_TYPES)[WebhookTopic];

// Privacy requests are legal obligations that outlive the installation: their jobs are queued without a
// shop, so uninstalling (which cancels the shop's pending jobs) or shop/redact (which deletes them) cannot
// drop a data request or a redaction that is still waiting.
const OUTLIVES_INSTALLATION: ReadonlySet<WebhookTopic> = new Set([
  "CUSTOMERS_DATA_REQUEST",
  "CUSTOMERS_REDACT",
  "SHOP_REDACT",
]);

export function jobShopFor(topic: WebhookTopic, shop: string): string | null {
  return OUTLIVES_INSTALLATION.has(topic) ? null : shop;
}
