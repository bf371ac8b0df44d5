// The webhook intake through real HMAC verification, on both stores: the inbox + pump (SQLite) and the direct
// group commit (PostgreSQL). `callIntake` answers as the intake does, then pumps as the worker would.
import { readFileSync } from "node:fs";
import path from "node:path";
import db from "~/db.server";
import { jobDefinitions } from "~/jobs.server";
import { drainJobs } from "~/modules/jobs";
import { markShopInstalled } from "~/modules/shops";
import { WEBHOOK_JOB_TYPES, WEBHOOK_PATHS } from "~/modules/webhooks";
import { WEBHOOK_BODY_EXCERPT_CHARS } from "~/modules/webhooks/delivery-job.server";
import { sendToIntake } from "../support/deliver-webhook";
import { signedWebhookRequest, TEST_SHOP, webhookFixture } from "../support/signed-webhooks";

const callIntake = sendToIntake;

async function rowsWritten() {
  const [events, jobs] = await Promise.all([db.webhookEvent.count(), db.job.count()]);
  return { events, jobs };
}

beforeEach(async () => {
  await db.job.deleteMany();
  await db.webhookEvent.deleteMany();
});

describe("webhook intake", () => {
  it("answers 200 to a correctly signed delivery, records it once and queues one job", async () => {
    const order = webhookFixture("orders-fulfilled");
    const request = signedWebhookRequest("orders/fulfilled", order, {
      webhookId: "b54557e4-8a5f-4bf7-9d70-bcd043a1f001",
      eventId: "7f2c1d9e-4a3b-4c5d-8e6f-0a1b2c3d4e5f",
      triggeredAt: "2026-10-04T07:02:12.513Z",
    });

    const response = await callIntake(request);

    expect(response.status).toBe(200);
    const events = await db.webhookEvent.findMany();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      shop: TEST_SHOP,
      topic: "ORDERS_FULFILLED",
      webhookId: "b54557e4-8a5f-4bf7-9d70-bcd043a1f001",
      eventId: "7f2c1d9e-4a3b-4c5d-8e6f-0a1b2c3d4e5f",
      status: "enqueued",
    });
    expect(events[0].triggeredAt?.toISOString()).toBe("2026-10-04T07:02:12.513Z");
    expect(JSON.parse(events[0].payload ?? "null")).toEqual(order);
    const jobs = await db.job.findMany();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      id: events[0].jobId,
      type: "orders.order-fulfilled",
      shop: TEST_SHOP,
      status: "queued",
    });
    expect(JSON.parse(jobs[0].payload)).toEqual({ shop: TEST_SHOP, webhookEventId: events[0].id });
  });

  it("refuses a forged HMAC with 401 and writes nothing", async () => {
    const request = signedWebhookRequest("orders/fulfilled", webhookFixture("orders-fulfilled"), {
      secret: "not-our-secret",
    });

    const response = await callIntake(request);

    expect(response.status).toBe(401);
    expect(await rowsWritten()).toEqual({ events: 0, jobs: 0 });
  });

  it("refuses a body changed after signing with 401", async () => {
    const signed = signedWebhookRequest("orders/fulfilled", webhookFixture("orders-fulfilled"));
    const tampered = new Request(signed.url, {
      method: "POST",
      headers: signed.headers,
      body: JSON.stringify({ ...webhookFixture("orders-fulfilled"), total_price: "0.00" }),
    });

    expect((await callIntake(tampered)).status).toBe(401);
    expect(await rowsWritten()).toEqual({ events: 0, jobs: 0 });
  });

  it.each([
    "X-Shopify-Webhook-Id",
    "X-Shopify-Topic",
    "X-Shopify-Shop-Domain",
    "X-Shopify-API-Version",
    "X-Shopify-Hmac-Sha256",
  ])("answers 400 when %s is missing and writes nothing", async (header) => {
    const request = signedWebhookRequest("orders/fulfilled", webhookFixture("orders-fulfilled"), {
      omitHeaders: [header],
    });

    expect((await callIntake(request)).status).toBe(400);
    expect(await rowsWritten()).toEqual({ events: 0, jobs: 0 });
  });

  it("answers 400 to an empty body", async () => {
    const request = signedWebhookRequest("orders/fulfilled", "");
    expect((await callIntake(request)).status).toBe(400);
    expect(await rowsWritten()).toEqual({ events: 0, jobs: 0 });
  });

  it("acknowledges Shopify's retry of the same delivery with 200 and queues no second job", async () => {
    const order = webhookFixture("orders-fulfilled");
    const webhookId = "b54557e4-8a5f-4bf7-9d70-bcd043a1f002";

    const first = await callIntake(signedWebhookRequest("orders/fulfilled", order, { webhookId }));
    const retry = await callIntake(signedWebhookRequest("orders/fulfilled", order, { webhookId }));

    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(await rowsWritten()).toEqual({ events: 1, jobs: 1 });
  });

  it("records the same delivery once even when both copies arrive at the same moment", async () => {
    const order = webhookFixture("orders-fulfilled");
    const webhookId = "b54557e4-8a5f-4bf7-9d70-bcd043a1f003";

    const answers = await Promise.all(
      Array.from({ length: 5 }, () => callIntake(signedWebhookRequest("orders/fulfilled", order, { webhookId }))),
    );

    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await rowsWritten()).toEqual({ events: 1, jobs: 1 });
  });

  it("keeps deliveries of different shops apart even with the same webhook id", async () => {
    const order = webhookFixture("orders-fulfilled");
    const webhookId = "b54557e4-8a5f-4bf7-9d70-bcd043a1f004";

    await callIntake(signedWebhookRequest("orders/fulfilled", order, { webhookId }));
    await callIntake(
      signedWebhookRequest("orders/fulfilled", order, { webhookId, shop: "fjallbacka-home.myshopify.com" }),
    );

    expect(await rowsWritten()).toEqual({ events: 2, jobs: 2 });
  });

  it("answers 400 to a topic sent to another topic's address", async () => {
    const request = signedWebhookRequest("orders/cancelled", webhookFixture("orders-cancelled"), {
      path: "/webhooks/orders/fulfilled",
    });
    expect((await callIntake(request)).status).toBe(400);
    expect(await rowsWritten()).toEqual({ events: 0, jobs: 0 });
  });

  it("processes the delivery in its job and then drops the stored body", async () => {
    await markShopInstalled(TEST_SHOP);
    await callIntake(signedWebhookRequest("orders/fulfilled", webhookFixture("orders-fulfilled")));

    await drainJobs(jobDefinitions);

    const event = await db.webhookEvent.findFirstOrThrow();
    expect(event).toMatchObject({ status: "processed", payload: null, error: null });
    expect(event.processedAt).toBeInstanceOf(Date);
    expect(await db.order.count({ where: { shop: TEST_SHOP, shopifyId: "5861283119412" } })).toBe(1);
    expect(await db.job.findFirstOrThrow({ where: { id: event.jobId ?? "" } })).toMatchObject({ status: "succeeded" });
  });

  it("fails the job for good, with the reason, when a signed payload lacks the fields Shopify documents", async () => {
    const { line_items: _dropped, ...withoutLines } = webhookFixture("orders-fulfilled");
    await callIntake(signedWebhookRequest("orders/fulfilled", withoutLines));

    await drainJobs(jobDefinitions);

    const event = await db.webhookEvent.findFirstOrThrow();
    expect(event.status).toBe("failed");
    expect(event.error).toContain("line_items");
    expect(await db.job.findFirstOrThrow({ where: { id: event.jobId ?? "" } })).toMatchObject({
      status: "failed",
      attempts: 1,
    });
  });

  it("keeps only a short excerpt of a signed body that fails validation, however large it was", async () => {
    const huge = { ...webhookFixture("orders-fulfilled"), line_items: "not a list", note: "x".repeat(200_000) };
    await callIntake(signedWebhookRequest("orders/fulfilled", huge));
    const notJson = signedWebhookRequest("orders/fulfilled", `{"id": 1, ${"y".repeat(50_000)}`, {
      webhookId: "not-json",
    });
    expect((await callIntake(notJson)).status).toBe(200);

    await drainJobs(jobDefinitions);

    const events = await db.webhookEvent.findMany({ orderBy: { receivedAt: "asc" } });
    expect(events).toHaveLength(2);
    for (const event of events) {
      expect(event).toMatchObject({ status: "failed", payload: null });
      expect(event.bodyExcerpt!.length).toBeLessThan(WEBHOOK_BODY_EXCERPT_CHARS + 60);
      expect(event.error!.length).toBeLessThanOrEqual(500);
      expect(event.error).not.toMatch(/\n| {4}at /);
    }
    expect(events[0].error).toContain("line_items");
    expect(events[0].bodyExcerpt).toContain('"id":');
    expect(events[0].bodyExcerpt).toMatch(/characters in all\)$/);
    expect(events.find((e) => e.webhookId === "not-json")!.error).toContain("not JSON");
  });
});

describe("one address per subscribed topic", () => {
  const toml = readFileSync(path.join(process.cwd(), "shopify.app.toml"), "utf8");
  const subscriptions = [...toml.matchAll(/(?:compliance_)?topics = \["([^"]+)"\]\s*\n\s*uri = "([^"]+)"/g)].map(
    ([, topic, uri]) => ({ topic, uri }),
  );
  const fixtureFor: Record<string, string> = {
    "orders/paid": "orders-paid",
    "app/uninstalled": "app-uninstalled",
    "app/scopes_update": "app-scopes-update",
    "orders/fulfilled": "orders-fulfilled",
    "orders/cancelled": "orders-cancelled",
    "refunds/create": "refunds-create",
    "fulfillment_events/create": "fulfillment-events-create",
    "customers/create": "customers-create",
    "customers/data_request": "customers-data-request",
    "customers/redact": "customers-redact",
    "shop/redact": "shop-redact",
  };

  it("reads every subscription from shopify.app.toml", () => {
    expect(subscriptions.map((s) => s.topic).sort()).toEqual(Object.keys(fixtureFor).sort());
    expect(Object.keys(WEBHOOK_PATHS)).toHaveLength(subscriptions.length);
  });

  it.each(Object.keys(fixtureFor))("%s: its address accepts its topic and queues its job", async (topic) => {
    const { uri } = subscriptions.find((s) => s.topic === topic)!;
    const storedTopic = topic.toUpperCase().replace(/\//g, "_") as keyof typeof WEBHOOK_JOB_TYPES;
    expect(WEBHOOK_PATHS[storedTopic]).toBe(uri);

    const response = await callIntake(signedWebhookRequest(topic, webhookFixture(fixtureFor[topic])));

    expect(response.status).toBe(200);
    const event = await db.webhookEvent.findFirstOrThrow({ where: { topic: storedTopic } });
    const job = await db.job.findUniqueOrThrow({ where: { id: event.jobId ?? "" } });
    expect(job.type).toBe(WEBHOOK_JOB_TYPES[storedTopic]);
    expect(jobDefinitions.map((d) => d.type)).toContain(job.type);
  });
});
