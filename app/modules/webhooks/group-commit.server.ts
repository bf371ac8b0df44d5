// Group commit for webhook deliveries. Each delivery is still recorded (event + job, durably) before its
// 200 goes out, but deliveries that arrive while a commit is in flight share the next transaction: one
// BEGIN/COMMIT (and one fsync) per batch instead of per webhook. Under a burst (Black Friday) this is
// what keeps the answer fast; at low traffic a batch is one delivery and nothing waits.
import pg from "pg";
import defaultDb, { orderedId, querySql, rawSql, runSql, type Db } from "../../db.server";
import { pgConfigFromUrl } from "../../db-url.server";
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
  private inFlight = 0;
  private readonly maxInFlight: number;

  /**
   * With `pool`, batches go through the pg driver (`commitWebhookBatchPg`) instead of Prisma, up to
   * INTAKE_CONNECTIONS at once: a batch starts while the previous one waits for its commit to be flushed, and
   * PostgreSQL flushes concurrent commits together. Through Prisma one batch at a time, as before.
   */
  constructor(
    private readonly db: Db = defaultDb,
    private readonly pool?: pg.Pool,
  ) {
    this.maxInFlight = pool ? INTAKE_CONNECTIONS : 1;
  }

  record(delivery: WebhookDelivery): Promise<WebhookDeliveryOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ delivery, resolve, reject });
      this.commitNext();
    });
  }

  private commitNext(): void {
    if (this.waiting.length === 0 || this.inFlight >= this.maxInFlight) return;
    this.inFlight += 1;
    const batch = this.waiting.splice(0, MAX_BATCH);
    void this.commit(batch).finally(() => {
      this.inFlight -= 1;
      this.commitNext();
    });
  }

  private async commit(batch: Waiting[]): Promise<void> {
    try {
      const deliveries = batch.map((w) => w.delivery);
      const outcomes = this.pool
        ? await commitWebhookBatchPg(deliveries, this.pool)
        : await commitWebhookBatch(deliveries, this.db);
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
  const planned = planBatch(deliveries);
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
  return outcomesOf(deliveries, planned, written);
}

interface PlannedRow {
  delivery: WebhookDelivery;
  eventId: string;
  jobId: string;
}

/** One event and job id per distinct (shop, webhook id) of the batch, keyed by both. */
function planBatch(deliveries: readonly WebhookDelivery[]): Map<string, PlannedRow> {
  const planned = new Map<string, PlannedRow>();
  for (const delivery of deliveries) {
    const key = `${delivery.shop}\n${delivery.webhookId}`;
    if (!planned.has(key)) planned.set(key, { delivery, eventId: orderedId(), jobId: orderedId() });
  }
  return planned;
}

// A delivery is "recorded" by the first copy in the batch whose row was written; every other copy (a retry in
// the same batch, or one recorded earlier) is a duplicate.
function outcomesOf(
  deliveries: readonly WebhookDelivery[],
  planned: Map<string, PlannedRow>,
  written: Set<string>,
): WebhookDeliveryOutcome[] {
  const firstCopy = new Set<string>();
  return deliveries.map((delivery) => {
    const key = `${delivery.shop}\n${delivery.webhookId}`;
    const plan = planned.get(key)!;
    if (!written.has(plan.eventId) || firstCopy.has(key)) return "duplicate";
    firstCopy.add(key);
    return "recorded";
  });
}

/**
 * `commitWebhookBatch` on PostgreSQL through the pg driver, for the web process's intake: the same two statements
 * and outcomes, each column's values as one array parameter (`unnest`), so a batch binds 10 values whatever its
 * size. Through Prisma each delivery's 11 values, its ~7 KB body among them, passed the driver adapter's layers:
 * ~0.3 ms of the web process's CPU a delivery, the PostgreSQL intake's ceiling (decision 009, session 8).
 * Timestamps go as ISO text and are stored as UTC, as Prisma stores them (TIMESTAMP(3) without time zone).
 */
export async function commitWebhookBatchPg(
  deliveries: readonly WebhookDelivery[],
  pool: pg.Pool,
): Promise<WebhookDeliveryOutcome[]> {
  const now = new Date().toISOString();
  const planned = planBatch(deliveries);
  const rows = [...planned.values()];
  const client = await pool.connect();
  let written: Set<string>;
  try {
    await client.query("BEGIN");
    try {
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO "WebhookEvent" ("id", "shop", "topic", "webhookId", "eventId", "apiVersion", "triggeredAt", "receivedAt", "status", "jobId", "payload")
         SELECT t.id, t.shop, t.topic, t."webhookId", t."eventId", t."apiVersion",
                (t."triggeredAt"::timestamptz AT TIME ZONE 'UTC'), (t."receivedAt"::timestamptz AT TIME ZONE 'UTC'),
                'enqueued', t."jobId", t.payload
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
           AS t(id, shop, topic, "webhookId", "eventId", "apiVersion", "triggeredAt", "receivedAt", "jobId", payload)
         ON CONFLICT ("shop", "webhookId") DO NOTHING
         RETURNING "id"`,
        [
          rows.map((r) => r.eventId),
          rows.map((r) => r.delivery.shop),
          rows.map((r) => r.delivery.topic),
          rows.map((r) => r.delivery.webhookId),
          rows.map((r) => r.delivery.eventId ?? null),
          rows.map((r) => r.delivery.apiVersion ?? null),
          rows.map((r) => parseTriggeredAt(r.delivery.triggeredAt)?.toISOString() ?? null),
          rows.map((r) => (r.delivery.receivedAt ?? new Date(now)).toISOString()),
          rows.map((r) => r.jobId),
          rows.map((r) => deliveryBodyText(r.delivery)),
        ],
      );
      written = new Set(inserted.rows.map((r) => r.id));
      const fresh = rows.filter((r) => written.has(r.eventId));
      if (fresh.length > 0) {
        const jobs = fresh.map(({ delivery, eventId, jobId }) => ({ jobId, ...webhookJobRow(delivery, eventId) }));
        await client.query(
          `INSERT INTO "Job" ("id", "shop", "type", "payload", "status", "priority", "runAt", "attempts", "maxAttempts", "createdAt", "updatedAt")
           SELECT t.id, t.shop, t.type, t.payload, 'queued', 0, n.at, 0, t."maxAttempts", n.at, n.at
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[]) AS t(id, shop, type, payload, "maxAttempts"),
                (SELECT ($6::timestamptz AT TIME ZONE 'UTC') AS at) AS n`,
          [
            jobs.map((j) => j.jobId),
            jobs.map((j) => j.shop),
            jobs.map((j) => j.type),
            jobs.map((j) => j.payload),
            jobs.map((j) => j.maxAttempts),
            now,
          ],
        );
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  } finally {
    client.release();
  }
  return outcomesOf(deliveries, planned, written);
}

/** Batches the PostgreSQL intake commits at once (the deliveries that arrive meanwhile form the next). */
const INTAKE_CONNECTIONS = 2;

/** The web process's connections for the intake on PostgreSQL (the URL's server and schema). */
export function createIntakePool(url: string): pg.Pool {
  const { connectionString, options } = pgConfigFromUrl(url);
  return new pg.Pool({ connectionString, options, max: INTAKE_CONNECTIONS });
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
