// Group commit for webhook deliveries. Each delivery is still recorded (event + job, durably) before its
// 200 goes out, but deliveries that arrive while a commit is in flight share the next transaction: one
// BEGIN/COMMIT (and one fsync) per batch instead of per webhook. Under a burst (Black Friday) this is
// what keeps the answer fast; at low traffic a batch is one delivery and nothing waits.
import { randomUUID } from "node:crypto";
import defaultDb, { type Db } from "../../db.server";
import { enqueueJobs } from "../jobs";
import { loggerFor } from "../../logger.server";
import { jobShopFor, WEBHOOK_JOB_TYPES } from "./topics";
import { recordWebhookDelivery, type WebhookDelivery, type WebhookDeliveryOutcome } from "./receive.server";

interface Waiting {
  delivery: WebhookDelivery;
  resolve: (outcome: WebhookDeliveryOutcome) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 500;

export class WebhookGroupCommit {
  private waiting: Waiting[] = [];
  private committing = false;

  constructor(private readonly db: Db = defaultDb) {}

  record(delivery: WebhookDelivery): Promise<WebhookDeliveryOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ delivery, resolve, reject });
      if (!this.committing) this.commitNext();
    });
  }

  private commitNext(): void {
    if (this.waiting.length === 0) {
      this.committing = false;
      return;
    }
    this.committing = true;
    const batch = this.waiting.splice(0, MAX_BATCH);
    void this.commit(batch).finally(() => this.commitNext());
  }

  private async commit(batch: Waiting[]): Promise<void> {
    try {
      const outcomes = await commitBatch(batch.map((w) => w.delivery), this.db);
      batch.forEach((w, i) => w.resolve(outcomes[i]));
    } catch (error) {
      // Another process recorded one of these webhook ids between our read and our insert: settle each
      // delivery on its own so the duplicates are told apart exactly.
      if (isUniqueViolation(error)) {
        for (const w of batch) {
          await recordWebhookDelivery(w.delivery, this.db).then(w.resolve, w.reject);
        }
        return;
      }
      loggerFor({ module: "webhooks" }).error({ err: error, deliveries: batch.length }, "Webhook batch could not be recorded");
      batch.forEach((w) => w.reject(error));
    }
  }
}

async function commitBatch(deliveries: WebhookDelivery[], db: Db): Promise<WebhookDeliveryOutcome[]> {
  const keyOf = (d: WebhookDelivery) => `${d.shop}\n${d.webhookId}`;
  const idsByShop = new Map<string, string[]>();
  for (const d of deliveries) idsByShop.set(d.shop, [...(idsByShop.get(d.shop) ?? []), d.webhookId]);

  return db.$transaction(async (tx) => {
    const known = await tx.webhookEvent.findMany({
      where: { OR: [...idsByShop].map(([shop, ids]) => ({ shop, webhookId: { in: ids } })) },
      select: { shop: true, webhookId: true },
    });
    const seen = new Set(known.map((k) => `${k.shop}\n${k.webhookId}`));
    const outcomes: WebhookDeliveryOutcome[] = [];
    const fresh: { delivery: WebhookDelivery; eventId: string; jobId: string }[] = [];
    for (const delivery of deliveries) {
      const key = keyOf(delivery);
      if (seen.has(key)) {
        outcomes.push("duplicate");
        continue;
      }
      seen.add(key);
      fresh.push({ delivery, eventId: randomUUID(), jobId: randomUUID() });
      outcomes.push("recorded");
    }
    if (fresh.length > 0) {
      await enqueueJobs(
        fresh.map(({ delivery, eventId, jobId }) => ({
          id: jobId,
          type: WEBHOOK_JOB_TYPES[delivery.topic],
          shop: jobShopFor(delivery.topic, delivery.shop),
          payload: { shop: delivery.shop, webhookEventId: eventId },
        })),
        tx,
      );
      await tx.webhookEvent.createMany({
        data: fresh.map(({ delivery, eventId, jobId }) => ({
          id: eventId,
          shop: delivery.shop,
          topic: delivery.topic,
          webhookId: delivery.webhookId,
          eventId: delivery.eventId ?? null,
          apiVersion: delivery.apiVersion ?? null,
          triggeredAt: parseTriggeredAt(delivery.triggeredAt),
          status: "enqueued",
          jobId,
          payload: delivery.body,
        })),
      });
    }
    return outcomes;
  });
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

export function parseTriggeredAt(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

let processIntake: WebhookGroupCommit | undefined;

/** The process's intake (one writer per process keeps SQLite's single write lock busy with whole batches). */
export function webhookIntake(): WebhookGroupCommit {
  return (processIntake ??= new WebhookGroupCommit());
}
