// The demo's "send a test webhook" control: builds a webhook exactly as Shopify would send it, signs it with
// the app's secret and POSTs it to the app's own webhook intake over HTTP, so verification, recording,
// the worker's move into the job queue and the order pipeline all run for real.
// Headers and signature: https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-2-validate-the-origin-of-your-webhook-to-ensure-its-coming-from-shopify
import { createHmac, randomUUID } from "node:crypto";
import { DEMO_SHOP, shopifyCredentials } from "../../config.server";
import db from "../../db.server";
import { ADMIN_API_VERSION } from "../../shopify.server";
import { DEMO_PRODUCTS } from "./catalog";
import { demoOrderIds, demoOrderLine, generateDemoShop, type DemoOrder } from "./demo-shop";
import { SeededRandom } from "./random";
import { deliveredEventPayload, orderPayload } from "./webhook-payloads";
import { WEBHOOK_PATHS } from "../webhooks";

export const DEMO_WEBHOOK_KINDS = ["orders/fulfilled", "fulfillment_events/create"] as const;
export type DemoWebhookKind = (typeof DEMO_WEBHOOK_KINDS)[number];

export interface DemoWebhookResult {
  topic: DemoWebhookKind;
  /** The HTTP status the app's webhook intake answered. */
  status: number;
  webhookId: string;
  orderName: string;
  orderShopifyId: string;
  customerName: string;
}

export class DemoWebhookUnavailableError extends Error {}

const ROUTES: Record<DemoWebhookKind, string> = {
  "orders/fulfilled": WEBHOOK_PATHS.ORDERS_FULFILLED,
  "fulfillment_events/create": WEBHOOK_PATHS.FULFILLMENT_EVENTS_CREATE,
};

/** Shopify's signature: base64 HMAC-SHA256 of the raw body with the app's client secret. */
export function signWebhookBody(body: string, secret: string = shopifyCredentials().apiSecretKey): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

export async function sendDemoWebhook(options: {
  kind: DemoWebhookKind;
  /** The app's own origin, e.g. http://localhost:3000 (the control takes it from the request it serves). */
  appUrl: string;
  now?: Date;
  /** Picks the customer, products or order; defaults to a fresh random choice. */
  random?: SeededRandom;
}): Promise<DemoWebhookResult> {
  const now = options.now ?? new Date();
  const random = options.random ?? new SeededRandom(Math.floor(Math.random() * 2 ** 32));
  const { order, payload } =
    options.kind === "orders/fulfilled"
      ? await newFulfilledOrder(now, random)
      : await deliveryOfAWaitingOrder(now, random);

  const body = JSON.stringify(payload);
  const webhookId = randomUUID();
  const response = await fetch(new URL(ROUTES[options.kind], options.appUrl), {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": options.kind,
      "X-Shopify-Hmac-Sha256": signWebhookBody(body),
      "X-Shopify-Shop-Domain": DEMO_SHOP,
      "X-Shopify-API-Version": ADMIN_API_VERSION,
      "X-Shopify-Webhook-Id": webhookId,
      "X-Shopify-Event-Id": randomUUID(),
      "X-Shopify-Triggered-At": now.toISOString(),
    },
    body,
  });
  await response.arrayBuffer();
  return {
    topic: options.kind,
    status: response.status,
    webhookId,
    orderName: order.name,
    orderShopifyId: order.shopifyId,
    customerName: `${order.customer.firstName} ${order.customer.lastName}`,
  };
}

// A new order, placed two days ago and fulfilled now, for one of the demo shop's customers.
async function newFulfilledOrder(now: Date, random: SeededRandom) {
  const shop = generateDemoShop({ now });
  const customer = random.pick(shop.customers);
  const number = (await highestDemoOrderNumber()) + 1;
  const products = random.sample(
    DEMO_PRODUCTS.filter((p) => p.kind !== "gift_card"),
    random.weighted([
      [1, 60],
      [2, 30],
      [3, 10],
    ] as const),
  );
  const order: DemoOrder = {
    ...demoOrderIds(number, customer.address.countryCode === "SE"),
    customer,
    placedAt: new Date(now.getTime() - 2 * 86_400_000),
    lines: products.map((product, i) => demoOrderLine(number, i, product, random.pick(product.variants))),
    fulfilledAt: now,
    deliveredAt: null,
    cancelledAt: null,
    refunds: [],
  };
  return { order, payload: orderPayload(order, now) };
}

// The carrier's "delivered" scan for an order that has shipped but not arrived.
async function deliveryOfAWaitingOrder(now: Date, random: SeededRandom) {
  const waiting = await db.order.findMany({
    where: { shop: DEMO_SHOP, fulfilledAt: { not: null }, deliveredAt: null, cancelledAt: null },
    orderBy: { fulfilledAt: "desc" },
    take: 20,
    select: { name: true, shopifyId: true, customerId: true },
  });
  if (waiting.length === 0) {
    throw new DemoWebhookUnavailableError(
      "Every shipped order has been delivered. Send an orders/fulfilled webhook first.",
    );
  }
  const row = random.pick(waiting);
  const number = Number(row.name.replace(/\D/g, ""));
  const buyer = row.customerId
    ? await db.customer.findFirst({ where: { id: row.customerId, shop: DEMO_SHOP }, select: { shopifyId: true } })
    : null;
  const demoShop = generateDemoShop({ now });
  // The event only carries the order and fulfilment ids; the customer gives it a believable delivery city.
  const customer = demoShop.customers.find((c) => c.shopifyId === buyer?.shopifyId) ?? random.pick(demoShop.customers);
  const ids = demoOrderIds(number, customer.address.countryCode === "SE");
  const order: DemoOrder = {
    ...ids,
    shopifyId: row.shopifyId,
    customer,
    placedAt: now,
    lines: [],
    fulfilledAt: now,
    deliveredAt: now,
    cancelledAt: null,
    refunds: [],
  };
  return { order, payload: deliveredEventPayload(order, now) };
}

async function highestDemoOrderNumber(): Promise<number> {
  const rows = await db.order.findMany({ where: { shop: DEMO_SHOP }, select: { name: true } });
  return rows.reduce((max, row) => Math.max(max, Number(row.name.replace(/\D/g, "")) || 0), 1000);
}
