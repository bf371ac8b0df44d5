// The intake's webhook verification against Shopify's own library: for every case, our verdict (status and the
// fields read from the headers) must be what @shopify/shopify-api's webhooks.validate decides, as
// shopify-app-remix's authenticate.webhook turns it into a status (401 invalid HMAC, 400 anything else invalid).
import "@shopify/shopify-app-remix/adapters/node";
import { randomUUID } from "node:crypto";
import { shopifyApi, LogSeverity, type ApiVersion } from "@shopify/shopify-api";
import { getHmac } from "@shopify/shopify-api/test-helpers";
import { verifyWebhook } from "~/modules/webhooks";
import { ADMIN_API_VERSION } from "~/shopify.server";

const SECRET = "verify-test-secret";
const api = shopifyApi({
  apiKey: "verify-test-key",
  apiSecretKey: SECRET,
  apiVersion: ADMIN_API_VERSION as ApiVersion,
  hostName: "kundrost.example.com",
  isEmbeddedApp: true,
  logger: { level: LogSeverity.Error, log: async () => undefined },
});

const BODY = JSON.stringify({ id: 5861283119412, name: "#1042", line_items: [{ id: 1, title: "Linnelakan" }] });

function classicHeaders(body: string, secret = SECRET): Record<string, string> {
  return {
    "X-Shopify-Topic": "orders/fulfilled",
    "X-Shopify-Hmac-Sha256": getHmac(body, secret),
    "X-Shopify-Shop-Domain": "nordic-linen.myshopify.com",
    "X-Shopify-API-Version": ADMIN_API_VERSION,
    "X-Shopify-Webhook-Id": "b54557e4-8a5f-4bf7-9d70-bcd043a1f001",
    "X-Shopify-Event-Id": "7f2c1d9e-4a3b-4c5d-8e6f-0a1b2c3d4e5f",
    "X-Shopify-Triggered-At": "2026-10-04T07:02:12.513Z",
  };
}

function eventsHeaders(body: string, secret = SECRET): Record<string, string> {
  return {
    "Shopify-Topic": "orders/fulfilled",
    "Shopify-Hmac-Sha256": getHmac(body, secret),
    "Shopify-Shop-Domain": "nordic-linen.myshopify.com",
    "Shopify-API-Version": ADMIN_API_VERSION,
    "Shopify-Webhook-Id": randomUUID(),
    "Shopify-Event-Id": randomUUID(),
    "Shopify-Triggered-At": "2026-10-04T07:02:12.513Z",
  };
}

function without(headers: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== name.toLowerCase()));
}

interface Case {
  name: string;
  body: string;
  headers: Record<string, string>;
  expected: number;
}

const cases: Case[] = [
  { name: "a correctly signed classic delivery", body: BODY, headers: classicHeaders(BODY), expected: 200 },
  { name: "a correctly signed events delivery", body: BODY, headers: eventsHeaders(BODY), expected: 200 },
  {
    name: "a delivery without the optional triggered-at and event id",
    body: BODY,
    headers: without(without(classicHeaders(BODY), "X-Shopify-Triggered-At"), "X-Shopify-Event-Id"),
    expected: 200,
  },
  {
    name: "a topic with a dot",
    body: BODY,
    headers: { ...classicHeaders(BODY), "X-Shopify-Topic": "app_subscriptions.update" },
    expected: 200,
  },
  { name: "another secret's signature", body: BODY, headers: classicHeaders(BODY, "not-our-secret"), expected: 401 },
  {
    name: "a body changed after signing",
    body: BODY.replace("1042", "1043"),
    headers: classicHeaders(BODY),
    expected: 401,
  },
  {
    name: "a signature that is not base64",
    body: BODY,
    headers: { ...classicHeaders(BODY), "X-Shopify-Hmac-Sha256": "not base64 at all!" },
    expected: 401,
  },
  {
    name: "the signature in hex instead of base64",
    body: BODY,
    headers: {
      ...classicHeaders(BODY),
      "X-Shopify-Hmac-Sha256": Buffer.from(getHmac(BODY, SECRET), "base64").toString("hex"),
    },
    expected: 401,
  },
  { name: "an empty body", body: "", headers: classicHeaders(""), expected: 400 },
  ...[
    "X-Shopify-Hmac-Sha256",
    "X-Shopify-Topic",
    "X-Shopify-Shop-Domain",
    "X-Shopify-API-Version",
    "X-Shopify-Webhook-Id",
  ].map((header) => ({
    name: `no ${header}`,
    body: BODY,
    headers: without(classicHeaders(BODY), header),
    expected: 400,
  })),
  ...["Shopify-Topic", "Shopify-Shop-Domain", "Shopify-API-Version", "Shopify-Webhook-Id", "Shopify-Event-Id"].map(
    (header) => ({
      name: `an events delivery without ${header}`,
      body: BODY,
      headers: without(eventsHeaders(BODY), header),
      expected: 400,
    }),
  ),
];

describe("webhook verification agrees with @shopify/shopify-api", () => {
  it.each(cases)("$name → $expected", async ({ body, headers, expected }) => {
    const request = new Request("https://kundrost.example.com/webhooks/orders/fulfilled", {
      method: "POST",
      headers,
      body,
    });
    const library = await api.webhooks.validate({ rawBody: body, rawRequest: request });
    const ours = verifyWebhook(
      "POST",
      (name) => request.headers.get(name) ?? undefined,
      Buffer.from(body, "utf8"),
      SECRET,
    );

    const libraryStatus = library.valid ? 200 : library.reason === "invalid_hmac" ? 401 : 400;
    expect(libraryStatus).toBe(expected);
    expect(ours.ok ? 200 : ours.status).toBe(expected);
    if (library.valid && ours.ok) {
      expect(ours.webhook).toEqual({
        topic: library.topic,
        shop: library.domain,
        apiVersion: library.apiVersion,
        webhookId: library.webhookId,
        eventId: library.eventId ?? null,
        triggeredAt: ("triggeredAt" in library ? library.triggeredAt : undefined) ?? null,
      });
    }
  });

  it("answers 405 to anything but POST, before reading the signature", () => {
    expect(verifyWebhook("GET", () => undefined, Buffer.alloc(0), SECRET)).toMatchObject({ ok: false, status: 405 });
  });

  it("signs the raw bytes: a body with non-ASCII text verifies only as sent", () => {
    const body = JSON.stringify({ note: "Tröjan är för liten – byt gärna" });
    const headers = classicHeaders(body);
    const header = (name: string) => Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
    expect(verifyWebhook("POST", header, Buffer.from(body, "utf8"), SECRET).ok).toBe(true);
    expect(verifyWebhook("POST", header, Buffer.from(body, "latin1"), SECRET)).toMatchObject({
      ok: false,
      status: 401,
    });
  });
});
