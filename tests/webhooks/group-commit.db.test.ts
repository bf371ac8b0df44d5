import db from "~/db.server";
import { commitWebhookBatch, WebhookGroupCommit } from "~/modules/webhooks/group-commit.server";
import type { WebhookDelivery } from "~/modules/webhooks";

function delivery(shop: string, webhookId: string): WebhookDelivery {
  return {
    shop,
    topic: "ORDERS_FULFILLED",
    webhookId,
    eventId: `event-${webhookId}`,
    apiVersion: "2026-07",
    triggeredAt: "2026-11-20T10:00:00.000Z",
    body: JSON.stringify({ id: webhookId }),
  };
}

describe("webhook group commit", () => {
  it("records a burst of concurrent deliveries once each, telling retries in the same batch apart", async () => {
    const intake = new WebhookGroupCommit(db);
    const unique = Array.from({ length: 120 }, (_, i) =>
      delivery(i % 2 ? "a-shop.myshopify.com" : "b-shop.myshopify.com", `wh-${i}`),
    );
    const retries = unique.filter((_, i) => i % 10 === 0);
    const outcomes = await Promise.all([...unique, ...retries].map((d) => intake.record(d)));

    expect(outcomes.filter((o) => o === "recorded")).toHaveLength(120);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(12);
    expect(await db.webhookEvent.count()).toBe(120);
    expect(await db.job.count({ where: { type: { startsWith: "webhooks." } } })).toBe(0);
    expect(await db.job.count()).toBe(120);
    const events = await db.webhookEvent.findMany({ select: { jobId: true } });
    const jobs = new Set((await db.job.findMany({ select: { id: true } })).map((j) => j.id));
    expect(events.every((e) => e.jobId && jobs.has(e.jobId))).toBe(true);
  });

  it("acknowledges a later retry of an already recorded delivery as a duplicate", async () => {
    const intake = new WebhookGroupCommit(db);
    expect(await intake.record(delivery("c-shop.myshopify.com", "wh-late"))).toBe("recorded");
    expect(await intake.record(delivery("c-shop.myshopify.com", "wh-late"))).toBe("duplicate");
    // The same webhook id from another shop is another delivery.
    expect(await intake.record(delivery("d-shop.myshopify.com", "wh-late"))).toBe("recorded");
  });

  it("treats a delivery another web process already recorded as a duplicate, and records the rest of the batch", async () => {
    const intake = new WebhookGroupCommit(db);
    const raced = delivery("e-shop.myshopify.com", "wh-raced");
    // The other process's row (written through another connection in production).
    await db.webhookEvent.create({
      data: { shop: raced.shop, topic: raced.topic, webhookId: raced.webhookId, status: "enqueued" },
    });
    const outcomes = await Promise.all([
      intake.record(raced),
      intake.record(delivery("e-shop.myshopify.com", "wh-other")),
    ]);
    expect(outcomes).toEqual(["duplicate", "recorded"]);
  });

  it("stores each delivery's fields and body exactly, and its job as the worker reads it", async () => {
    const body = JSON.stringify({ id: 1, note: 'quotes " and \\ backslashes, tabs\t, åäö, 😀, </script>' });
    const receivedAt = new Date("2026-11-21T08:30:15.123Z");
    const outcomes = await commitWebhookBatch(
      [
        { ...delivery("f-shop.myshopify.com", "wh-exact"), body, receivedAt },
        {
          ...delivery("f-shop.myshopify.com", "wh-bare"),
          eventId: undefined,
          apiVersion: undefined,
          triggeredAt: "not a date",
        },
      ],
      db,
    );
    expect(outcomes).toEqual(["recorded", "recorded"]);
    const exact = await db.webhookEvent.findFirstOrThrow({ where: { webhookId: "wh-exact" } });
    expect(exact).toMatchObject({
      shop: "f-shop.myshopify.com",
      topic: "ORDERS_FULFILLED",
      eventId: "event-wh-exact",
      apiVersion: "2026-07",
      triggeredAt: new Date("2026-11-20T10:00:00.000Z"),
      receivedAt,
      status: "enqueued",
      payload: body,
    });
    const bare = await db.webhookEvent.findFirstOrThrow({ where: { webhookId: "wh-bare" } });
    expect(bare).toMatchObject({
      eventId: null,
      apiVersion: null,
      triggeredAt: null,
      payload: JSON.stringify({ id: "wh-bare" }),
    });
    const job = await db.job.findUniqueOrThrow({ where: { id: exact.jobId! } });
    expect(job).toMatchObject({
      shop: "f-shop.myshopify.com",
      type: "orders.order-fulfilled",
      status: "queued",
      attempts: 0,
    });
    expect(JSON.parse(job.payload)).toEqual({ shop: "f-shop.myshopify.com", webhookEventId: exact.id });
  });
});
