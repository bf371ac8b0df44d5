// The intake's node:http handler (what scripts/server.ts mounts ahead of express and Remix), over real HTTP.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import db from "~/db.server";
import { shopifyCredentials } from "~/config.server";
import { createWebhookRequestHandler, pumpWebhookInbox, type WebhookStore } from "~/modules/webhooks";
import { WebhookInbox } from "~/modules/webhooks/inbox.server";
import { InboxGroupCommit } from "~/modules/webhooks/intake.server";
import { signedWebhookRequest, TEST_SHOP, webhookFixture } from "../support/signed-webhooks";

const secret = shopifyCredentials().apiSecretKey;
const scratch = mkdtempSync(path.join(os.tmpdir(), "kundrost-http-intake-"));

async function serve(
  options: { store?: WebhookStore; maxBodyBytes?: number } = {},
): Promise<{ url: string; server: Server }> {
  const server = createServer(createWebhookRequestHandler({ secret, ...options }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

let app: { url: string; server: Server };
beforeAll(async () => {
  app = await serve({ maxBodyBytes: 64 * 1024 });
});
afterAll(async () => {
  await new Promise((resolve) => app.server.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
});

/** Sends a request built by signedWebhookRequest to the test server instead of its example URL. */
function send(request: Request, base = app.url): Promise<Response> {
  const url = new URL(request.url);
  return fetch(`${base}${url.pathname}${url.search}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    duplex: "half",
  } as RequestInit);
}

describe("webhook intake over HTTP", () => {
  it("answers 200 with an empty body once the delivery is recorded", async () => {
    const response = await send(
      signedWebhookRequest("orders/fulfilled", webhookFixture("orders-fulfilled"), { webhookId: "http-1" }),
    );

    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    await pumpWebhookInbox();
    expect(
      await db.webhookEvent.findFirst({ where: { shop: TEST_SHOP, webhookId: "http-1" }, select: { topic: true } }),
    ).toEqual({ topic: "ORDERS_FULFILLED" });
  });

  it("ignores a query string on the address", async () => {
    const signed = signedWebhookRequest("orders/fulfilled", webhookFixture("orders-fulfilled"), {
      path: "/webhooks/orders/fulfilled?source=shopify",
    });
    expect((await send(signed)).status).toBe(200);
  });

  it("refuses a forged delivery with 401", async () => {
    const response = await send(
      signedWebhookRequest("orders/fulfilled", webhookFixture("orders-fulfilled"), { secret: "not-our-secret" }),
    );
    expect(response.status).toBe(401);
  });

  it("answers 405 with Allow: POST to other methods", async () => {
    const response = await fetch(`${app.url}/webhooks/orders/fulfilled`);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("answers 404 at an address no subscription uses", async () => {
    const response = await send(
      signedWebhookRequest("orders/fulfilled", webhookFixture("orders-fulfilled"), {
        path: "/webhooks/orders/updated",
      }),
    );
    expect(response.status).toBe(404);
  });

  it("refuses a body larger than the limit with 413, declared or streamed", async () => {
    const big = { ...webhookFixture("orders-fulfilled"), note: "x".repeat(100 * 1024) };
    expect((await send(signedWebhookRequest("orders/fulfilled", big))).status).toBe(413);

    // Without a Content-Length (chunked), the limit applies while reading.
    const body = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 100; i++) controller.enqueue(new TextEncoder().encode("x".repeat(1024)));
        controller.close();
      },
    });
    const signed = signedWebhookRequest("orders/fulfilled", webhookFixture("orders-fulfilled"));
    const answer = await fetch(`${app.url}/webhooks/orders/fulfilled`, {
      method: "POST",
      headers: signed.headers,
      body,
      duplex: "half",
    } as RequestInit).then(
      (r) => r.status,
      () => "connection closed",
    );
    expect([413, "connection closed"]).toContain(answer);
  });

  it("answers 503 (Shopify retries) when the delivery cannot be recorded, and not 200", async () => {
    const broken = new WebhookInbox(path.join(scratch, "broken.sqlite"));
    broken.close();
    const failing = await serve({ store: new InboxGroupCommit(broken) });
    try {
      const response = await send(
        signedWebhookRequest("orders/fulfilled", webhookFixture("orders-fulfilled")),
        failing.url,
      );
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
    } finally {
      await new Promise((resolve) => failing.server.close(resolve));
    }
  });
});
