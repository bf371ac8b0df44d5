// Verifies a webhook delivery the way Shopify specifies it
// (https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-2-validate-the-origin-of-your-webhook):
// the base64 HMAC-SHA256 of the raw body under the app's secret, compared in constant time, plus the headers
// every delivery carries. The answers match shopify-app-remix's `authenticate.webhook` (405 not a POST,
// 401 a forged or altered body, 400 a missing body or header) and the reading of the headers matches
// @shopify/shopify-api's `webhooks.validate`, both for classic webhooks (X-Shopify-*) and for the newer
// events deliveries (Shopify-*); tests/webhooks/verify.test.ts holds the two side by side.
// It is written out here, synchronously, because it runs for every delivery on the intake's hot path:
// node:crypto's HMAC costs a few microseconds where the library's Web Crypto round trip costs tens.
import { createHmac, timingSafeEqual } from "node:crypto";

/** A header reader that is case-insensitive, as node:http's lower-cased headers and WHATWG Headers both are. */
export type HeaderReader = (lowerCaseName: string) => string | undefined;

export interface VerifiedWebhook {
  /** Shopify's topic as the library stores it: "orders/fulfilled" -> "ORDERS_FULFILLED". */
  topic: string;
  shop: string;
  apiVersion: string;
  webhookId: string;
  eventId: string | null;
  triggeredAt: string | null;
}

export type WebhookVerdict =
  | { ok: true; webhook: VerifiedWebhook }
  | {
      ok: false;
      status: 400 | 401 | 405;
      reason: "method_not_allowed" | "missing_body" | "missing_hmac" | "invalid_hmac" | "missing_headers";
      missingHeaders?: string[];
    };

const CLASSIC = {
  hmac: "x-shopify-hmac-sha256",
  topic: "x-shopify-topic",
  shop: "x-shopify-shop-domain",
  apiVersion: "x-shopify-api-version",
  webhookId: "x-shopify-webhook-id",
  eventId: "x-shopify-event-id",
  triggeredAt: "x-shopify-triggered-at",
} as const;

const EVENTS = {
  hmac: "shopify-hmac-sha256",
  topic: "shopify-topic",
  shop: "shopify-shop-domain",
  apiVersion: "shopify-api-version",
  webhookId: "shopify-webhook-id",
  eventId: "shopify-event-id",
  triggeredAt: "shopify-triggered-at",
} as const;

export function topicForStorage(topic: string): string {
  return topic.toUpperCase().replace(/\/|\./g, "_");
}

export function verifyWebhook(method: string, header: HeaderReader, body: Buffer, secret: string): WebhookVerdict {
  if (method !== "POST") return { ok: false, status: 405, reason: "method_not_allowed" };
  const names = header(EVENTS.hmac) ? EVENTS : CLASSIC;
  if (body.length === 0) return { ok: false, status: 400, reason: "missing_body" };
  const given = header(names.hmac);
  if (!given) return { ok: false, status: 400, reason: "missing_hmac" };
  if (!hmacMatches(given, body, secret)) return { ok: false, status: 401, reason: "invalid_hmac" };

  const required = [
    names.topic,
    names.shop,
    names.apiVersion,
    names.webhookId,
    ...(names === EVENTS ? [EVENTS.eventId] : []),
  ];
  const missingHeaders = required.filter((name) => !header(name));
  if (missingHeaders.length > 0) return { ok: false, status: 400, reason: "missing_headers", missingHeaders };

  return {
    ok: true,
    webhook: {
      topic: topicForStorage(header(names.topic)!),
      shop: header(names.shop)!,
      apiVersion: header(names.apiVersion)!,
      webhookId: header(names.webhookId)!,
      eventId: header(names.eventId) || null,
      triggeredAt: header(names.triggeredAt) || null,
    },
  };
}

function hmacMatches(given: string, body: Buffer, secret: string): boolean {
  // Compared as the base64 text Shopify sends, byte for byte (as the library does): no lenient decoding.
  const expected = Buffer.from(createHmac("sha256", secret).update(body).digest("base64"), "latin1");
  const received = Buffer.from(given, "latin1");
  return received.length === expected.length && timingSafeEqual(received, expected);
}
