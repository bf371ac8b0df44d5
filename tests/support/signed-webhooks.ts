// Builds webhook requests exactly as Shopify sends them: the JSON body, its HMAC-SHA256 under the app secret,
// and Shopify's headers (https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-2-validate-the-origin-of-your-webhook).
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { getHmac } from "@shopify/shopify-api/test-helpers";
import { LOCAL_API_SECRET } from "~/config.server";
import { ADMIN_API_VERSION } from "~/shopify.server";
import type { WebhookHttpRequest } from "~/modules/webhooks";

export const TEST_SHOP = "nordic-linen.myshopify.com";
export const OTHER_SHOP = "fjallbacka-home.myshopify.com";

/** A payload from tests/fixtures/webhooks, parsed so a test can change a field before sending it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function webhookFixture(name: string): Record<string, any> {
  return JSON.parse(readFileSync(path.join(process.cwd(), "tests", "fixtures", "webhooks", `${name}.json`), "utf8"));
}

export interface SignedWebhookOptions {
  shop?: string;
  webhookId?: string;
  eventId?: string;
  triggeredAt?: string;
  /** Sign with another secret: what a forger without our secret can do at best. */
  secret?: string;
  /** Post to this address instead of the topic's own (e.g. "/webhooks/orders/fulfilled"). */
  path?: string;
  /** Drop these headers (e.g. to see the answer to an incomplete request). */
  omitHeaders?: string[];
}

export function signedWebhookRequest(topic: string, payload: unknown, options: SignedWebhookOptions = {}): Request {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-Shopify-Topic": topic,
    "X-Shopify-Hmac-Sha256": getHmac(body, options.secret ?? LOCAL_API_SECRET),
    "X-Shopify-Shop-Domain": options.shop ?? TEST_SHOP,
    "X-Shopify-API-Version": ADMIN_API_VERSION,
    "X-Shopify-Webhook-Id": options.webhookId ?? randomUUID(),
    "X-Shopify-Event-Id": options.eventId ?? randomUUID(),
    "X-Shopify-Triggered-At": options.triggeredAt ?? new Date().toISOString(),
  };
  for (const name of options.omitHeaders ?? []) {
    for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
  }
  return new Request(`https://kundrost.example.com${options.path ?? `/webhooks/${topic}`}`, {
    method: "POST",
    headers,
    body,
  });
}

/** The intake's view of a request (app/modules/webhooks/intake.server.ts): what node:http hands it. */
export async function webhookHttpRequest(request: Request): Promise<WebhookHttpRequest> {
  return {
    method: request.method,
    path: new URL(request.url).pathname,
    header: (name) => request.headers.get(name) ?? undefined,
    body: Buffer.from(await request.arrayBuffer()),
  };
}
