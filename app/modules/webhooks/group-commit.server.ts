// Group commit for webhook deliveries. Each delivery is still recorded (event + job, durably) before its
// 200 goes out, but deliveries that arrive while a commit is in flight share the next transaction: one
// BEGIN/COMMIT (and one fsync) per batch instead of per webhook. Under a burst (Black Friday) this is
// what keeps the answer fast; at low traffic a batch is one delivery and nothing waits.
import defaultDb, { orderedId, querySql, rawSql, runSql, type Db } from "../../db.server";
import { DEFAULT_MAX_ATTEMPTS, knownJobDefinition } from "../jobs";
import { loggerFor } from "../../logger.server";
import { jobShopFor, WEBHOOK_JOB_TYPES } from "./topics";
import { deliveryBodyText, type WebhookDelivery, type WebhookDeliveryOutcome } from "./delivery";

interface Waiting {
  delivery: WebhookDelivery;
  resolve: (outcome: WebhookDeliveryOutcome) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 500;

/**
 * The intake's store on PostgreSQL (row locks, no file lock): deliveries go straight into WebhookEvent + Job.
 * On SQLite the intake appends to the webhook inbox instead and the pump calls `commitWebhookBatch` below.
 */
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
      const outcomes = await commitWebhookBatch(
        batch.map((w) => w.delivery),
        this.db,
      );
      batch.forEach((w, i) => w.resolve(outcomes[i]));
    } catch (error) {
      loggerFor({ module: "webhooks" }).error(
        { err: error, deliveries: batch.length },
        "Webhook batch could not be recorded",
      );
      batch.forEach((w) => w.reject(error));
    }
  }
}

// Two statements per batch, written as SQL because this is the hottest path of the app: Prisma's query
// compiler costs more per call than the inserts themselves (measured: ~1 ms CPU per model call). The
// event insert skips webhook ids already recorded (ON CONFLICT DO NOTHING, SQLite and PostgreSQL alike)
// and returns the ones it wrote; only those get a job, so moving the same deliveries twice writes nothing the
// second time. Column lists follow prisma/schema.prisma.
export async function commitWebhookBatch(
  deliveries: readonly WebhookDelivery[],
  db: Db = defaultDb,
): Promise<WebhookDeliveryOutcome[]> {
  const now = new Date();
  const planned = new Map<string, { delivery: WebhookDelivery; eventId: string; jobId: string }>();
  for (const delivery of deliveries) {
    const key = `${delivery.shop}\n${delivery.webhookId}`;
    if (!planned.has(key)) planned.set(key, { delivery, eventId: orderedId(), jobId: orderedId() });
  }
  const rows = [...planned.values()];
  const Prisma = rawSql();
  const written = await db.$transaction(async (tx) => {
    const inserted = await querySql<{ id: string }>(
      tx,
      Prisma.sql`
      INSERT INTO "WebhookEvent" ("id", "shop", "topic", "webhookId", "eventId", "apiVersion", "triggeredAt", "receivedAt", "status", "jobId", "payload")
      VALUES ${Prisma.join(
        rows.map(
          ({ delivery, eventId, jobId }) =>
            Prisma.sql`(${eventId}, ${delivery.shop}, ${delivery.topic}, ${delivery.webhookId}, ${delivery.eventId ?? null}, ${delivery.apiVersion ?? null}, ${parseTriggeredAt(delivery.triggeredAt)}, ${delivery.receivedAt ?? now}, 'enqueued', ${jobId}, ${deliveryBodyText(delivery)})`,
        ),
      )}
      ON CONFLICT ("shop", "webhookId") DO NOTHING
      RETURNING "id"`,
    );
    const insertedIds = new Set(inserted.map((r) => r.id));
    const fresh = rows.filter((r) => insertedIds.has(r.eventId));
    if (fresh.length > 0) {
      await runSql(
        tx,
        Prisma.sql`
        INSERT INTO "Job" ("id", "shop", "type", "payload", "status", "priority", "runAt", "attempts", "maxAttempts", "createdAt", "updatedAt")
        VALUES ${Prisma.join(
          fresh.map(({ delivery, eventId, jobId }) => {
            const job = webhookJobRow(delivery, eventId);
            return Prisma.sql`(${jobId}, ${job.shop}, ${job.type}, ${job.payload}, 'queued', 0, ${now}, 0, ${job.maxAttempts}, ${now}, ${now})`;
          }),
        )}`,
      );
    }
    return insertedIds;
  });
  // A delivery is "recorded" by the first copy in the batch whose row was written; every other copy (a retry
  // in the same batch, or one recorded earlier) is a duplicate.
  const firstCopy = new Set<string>();
  return deliveries.map((delivery) => {
    const key = `${delivery.shop}\n${delivery.webhookId}`;
    const plan = planned.get(key)!;
    if (!written.has(plan.eventId) || firstCopy.has(key)) return "duplicate";
    firstCopy.add(key);
    return "recorded";
  });
}

function webhookJobRow(delivery: WebhookDelivery, webhookEventId: string) {
  const type = WEBHOOK_JOB_TYPES[delivery.topic];
  return {
    type,
    shop: jobShopFor(delivery.topic, delivery.shop),
    payload: JSON.stringify({ shop: delivery.shop, webhookEventId }),
    maxAttempts: knownJobDefinition(type)?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  };
}

export function parseTriggeredAt(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
