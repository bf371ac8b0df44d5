// The demo as a person runs it: the built app behind the real server, in demo mode, with the local SMTP
// capture and the in-process worker. A signed webhook sent by the demo control goes through the app's own
// webhook intake, and the admin home and the outbox render in Chromium.
import path from "node:path";
import type { Browser } from "playwright-core";
import { SCREENSHOTS, startDemoInBrowser, stopAppInBrowser } from "../support/browser";
import db from "~/db.server";
import { DEMO_SHOP } from "~/config.server";
import { captureEmailDuringTests } from "../support/smtp";
import type { AppServer } from "../../scripts/server";

let server: AppServer;
let browser: Browser;

async function control(fields: Record<string, string>): Promise<{ status: number; html: string }> {
  // `?index` addresses the index route's action rather than the /demo layout's (Remix's rule for index routes).
  const response = await fetch(`${server.url}/demo?index`, { method: "POST", body: new URLSearchParams(fields) });
  return { status: response.status, html: await response.text() };
}

async function until<T>(probe: () => Promise<T | null | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

captureEmailDuringTests();

beforeAll(async () => {
  ({ server, browser } = await startDemoInBrowser({ customers: 12, orders: 10 }));
}, 600_000);

afterAll(() => stopAppInBrowser({ server, browser }));

describe("npm run demo, end to end", () => {
  it("answers health checks once the database is reachable", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("keeps a request id a load balancer already gave the request", async () => {
    const response = await fetch(`${server.url}/healthz`, { headers: { "X-Request-Id": "lb-1234" } });
    expect(response.headers.get("x-request-id")).toBe("lb-1234");
  });

  it("opens the admin home without Shopify", async () => {
    const response = await fetch(`${server.url}/app`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
  });

  it("serves the fingerprinted build assets with a long cache lifetime", async () => {
    const html = await (await fetch(`${server.url}/demo`)).text();
    const asset = /\/build\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    const response = await fetch(`${server.url}${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("immutable");
  });

  it("sends a correctly signed orders/fulfilled webhook through the app's own route, which records it and creates the order", async () => {
    const ordersBefore = await db.order.count({ where: { shop: DEMO_SHOP } });
    const sent = await control({ intent: "send-webhook", kind: "orders/fulfilled" });
    expect(sent.status).toBe(200);
    expect(sent.html).toContain("was accepted by /webhooks (200)");
    const orderName = /order (#\d+)/.exec(sent.html)?.[1];
    expect(orderName).toBeDefined();

    const ran = await control({ intent: "run-jobs" });
    expect(ran.status).toBe(200);
    // Recorded in the webhook inbox before the 200; in the database once the pump (or "run jobs") moved it.
    const event = await until(
      () =>
        db.webhookEvent.findFirst({
          where: { shop: DEMO_SHOP, topic: "ORDERS_FULFILLED" },
          orderBy: { receivedAt: "desc" },
        }),
      "the webhook event",
    );
    // The in-process worker may have taken the job first; either way the order arrives.
    const order = await until(
      () => db.order.findFirst({ where: { shop: DEMO_SHOP, name: orderName } }),
      `order ${orderName}`,
    );
    expect(order.fulfilledAt).not.toBeNull();
    expect(await db.order.count({ where: { shop: DEMO_SHOP } })).toBe(ordersBefore + 1);
    await until(
      () => db.webhookEvent.findFirst({ where: { id: event!.id, status: "processed" } }),
      "the webhook to be processed",
    );
  });

  it("sends a signed delivery event for a shipped order, which marks it delivered", async () => {
    const sent = await control({ intent: "send-webhook", kind: "fulfillment_events/create" });
    expect(sent.status).toBe(200);
    const orderName = /order (#\d+)/.exec(sent.html)?.[1];
    await control({ intent: "run-jobs" });
    const order = await until(
      () => db.order.findFirst({ where: { shop: DEMO_SHOP, name: orderName, deliveredAt: { not: null } } }),
      `order ${orderName} delivered`,
    );
    expect(order.deliveredAt).not.toBeNull();
  });

  it("makes scheduled review requests due now and the email lands in the outbox", async () => {
    const made = await control({ intent: "make-due" });
    expect(made.status).toBe(200);
    expect(made.html).toMatch(/made due; [1-9]\d* email\(s\) sent to the outbox/);
    const email = await db.capturedEmail.findFirstOrThrow({
      where: { shop: DEMO_SHOP },
      orderBy: { receivedAt: "desc" },
    });
    expect(email.html).toContain("/r/");
  });

  it("renders the admin home, the demo controls and the outbox in Chromium", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    for (const [url, name] of [
      ["/app", "e2e-demo-admin-home"],
      ["/demo", "e2e-demo-controls"],
    ] as const) {
      const response = await page.goto(`${server.url}${url}`, { waitUntil: "networkidle" });
      expect(response?.status()).toBe(200);
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    }
    const email = await db.capturedEmail.findFirstOrThrow({ orderBy: { receivedAt: "desc" } });
    await page.goto(`${server.url}/demo/outbox/${email.id}`, { waitUntil: "networkidle" });
    await expect(page.getByRole("heading", { level: 2, name: email.subject }).isVisible()).resolves.toBe(true);
    // The email's own HTML, inside the sandboxed frame, with its one-tap star links.
    const frame = page.frameLocator("iframe");
    await expect(frame.locator('a[href*="/r/"]').count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, "e2e-demo-outbox.png"), fullPage: true });
    await page.close();
  });
});
