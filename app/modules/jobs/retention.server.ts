// Retention: the queue's finished rows and the webhook deliveries behind them are deleted once nobody needs
// them, by one daily job, `jobs.prune-finished`.
//
//   succeeded, cancelled jobs   RETENTION_FINISHED_JOBS_DAYS (7) after they finished
//   failed jobs                 RETENTION_FAILED_JOBS_DAYS (30) after they failed: the merchant (admin home) and
//                               support need the error and the Retry for a while
//   processed webhook events    RETENTION_WEBHOOK_EVENTS_DAYS (30) after they were received. The row is the
//                               dedupe of Shopify's retries (unique shop + webhook id); Shopify retries a
//                               delivery 8 times over 4 hours (48 hours before 2024), so 30 days is far beyond
//                               any retry and leaves a month of delivery history to debug with
//   unprocessed webhook events  same age: the body is cleared (it is personal data: customers, addresses) and
//                               the row is kept with its status and error, so support can still see what
//                               failed. That is every event not processed: failed on its payload, or still
//                               "enqueued" because its job failed for good or was cancelled by an uninstall
//
// Only finished work is touched: a job that is queued or running is never deleted, nor is a webhook event
// whose job is queued or running (a merchant's Retry put it back; it still needs the body).
//
// SQLite has one writer: every delete is one short statement over at most `batchSize` ids, and the sweep
// pauses between statements so the worker's claims and the web process's writes get the lock in between.
// DELETE ... LIMIT is not portable, so each batch selects ids first and deletes by id, repeating its filter
// (a row that changed since it was selected is left alone). This is operators' maintenance: it works across
// all shops by age and status, and returns counts only.
//
// Deleting a job frees its uniqueKey: enqueuing that key again makes a new job. Every key in use is fine with
// that after a day: keys per minute or per day are never enqueued again, keys of one order state or event
// name work that was done, and the once-per-engine-version insights catch-up, when started again, finds every
// review analysed already. Effects recorded by ctx.once (JobEffect) are not touched: they must stay unique.
import { z } from "zod";
import { retentionPeriods, type RetentionPeriods } from "../../config.server";
import defaultDb, { type Db, type Prisma } from "../../db.server";
import { loggerFor } from "../../logger.server";
import { defineJob } from "./definitions";
import { TerminalJobError } from "./errors";
import { enqueueJob } from "./queue.server";

export const PRUNE_FINISHED_JOB = "jobs.prune-finished";
/** The daily run is due at this hour (UTC): night in Europe, evening in the Americas. */
export const PRUNE_HOUR_UTC = 3;
/** Rows per statement. Each id is a bound value, and Prisma binds at most 999 values per SQLite statement. */
export const PRUNE_BATCH_SIZE = 500;
const MAX_BATCH_SIZE = 900;
/** Long enough for a writer waiting on SQLite's busy timeout (it polls every few ms, at most 100 ms) to get in. */
export const PRUNE_PAUSE_MS = 50;

const DAY_MS = 24 * 60 * 60_000;
const OPEN_JOB_STATUSES = ["queued", "running"];
const FINISHED_WEBHOOK_STATUSES = ["processed", "ignored"];

export interface PruneOptions {
  /** The reference time for the ages; default now. */
  now?: Date;
  /** Default: from the environment (RETENTION_*_DAYS). */
  periods?: RetentionPeriods;
  batchSize?: number;
  /** Pause between two statements; default PRUNE_PAUSE_MS. */
  pauseMs?: number;
  db?: Db;
}

export interface PruneResult {
  succeededJobsDeleted: number;
  cancelledJobsDeleted: number;
  failedJobsDeleted: number;
  webhookEventsDeleted: number;
  webhookBodiesCleared: number;
  /** Statements that deleted or cleared rows. */
  batches: number;
}

/** Deletes (and clears) what the retention periods say is old enough, in bounded batches, across all shops. */
export async function pruneFinishedWork(options: PruneOptions = {}): Promise<PruneResult> {
  const client = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  const periods = options.periods ?? retentionPeriods();
  const batchSize = options.batchSize ?? PRUNE_BATCH_SIZE;
  const pauseMs = options.pauseMs ?? PRUNE_PAUSE_MS;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new Error(`batchSize must be a whole number from 1 to ${MAX_BATCH_SIZE}, got ${batchSize}.`);
  }
  for (const [name, days] of Object.entries(periods)) {
    if (!Number.isInteger(days) || days < 1)
      throw new Error(`Retention period ${name} must be a whole number of days >= 1, got ${days}.`);
  }
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const result: PruneResult = {
    succeededJobsDeleted: 0,
    cancelledJobsDeleted: 0,
    failedJobsDeleted: 0,
    webhookEventsDeleted: 0,
    webhookBodiesCleared: 0,
    batches: 0,
  };
  let statements = 0;
  const pause = async () => {
    if (statements++ > 0 && pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  };

  // Jobs. Status is in the filter, so a job that is queued or running (this one included) never matches.
  const jobRules = [
    { status: "succeeded", finishedBefore: before(periods.finishedJobsDays), counter: "succeededJobsDeleted" },
    { status: "cancelled", finishedBefore: before(periods.finishedJobsDays), counter: "cancelledJobsDeleted" },
    { status: "failed", finishedBefore: before(periods.failedJobsDays), counter: "failedJobsDeleted" },
  ] as const;
  for (const rule of jobRules) {
    const where = { status: rule.status, finishedAt: { lt: rule.finishedBefore } };
    for (;;) {
      await pause();
      const ids = (await client.job.findMany({ where, select: { id: true }, take: batchSize })).map((row) => row.id);
      if (ids.length === 0) break;
      const { count } = await client.job.deleteMany({ where: { ...where, id: { in: ids } } });
      result[rule.counter] += count;
      result.batches += 1;
      // Fewer than a batch: nothing older is left. None deleted: every row changed under us; stop, tomorrow retries.
      if (ids.length < batchSize || count === 0) break;
    }
  }

  // Webhook events. One whose job is open again (a Retry) is skipped.
  const receivedBefore = before(periods.webhookEventsDays);
  // Bodies first (any status: a body older than the period is personal data nobody will process), then the
  // processed rows, which now include any whose body was just cleared.
  const webhookRules: {
    where: Prisma.WebhookEventWhereInput;
    apply(where: Prisma.WebhookEventWhereInput): Promise<number>;
  }[] = [
    {
      where: { payload: { not: null }, receivedAt: { lt: receivedBefore } },
      apply: async (where) => {
        const { count } = await client.webhookEvent.updateMany({ where, data: { payload: null } });
        result.webhookBodiesCleared += count;
        return count;
      },
    },
    {
      where: { status: { in: FINISHED_WEBHOOK_STATUSES }, payload: null, receivedAt: { lt: receivedBefore } },
      apply: async (where) => {
        const { count } = await client.webhookEvent.deleteMany({ where });
        result.webhookEventsDeleted += count;
        return count;
      },
    },
  ];
  for (const rule of webhookRules) {
    // In id order from where the last batch ended, so rows skipped once are not selected again.
    let after: string | undefined;
    for (;;) {
      await pause();
      const candidates = await client.webhookEvent.findMany({
        where: { ...rule.where, ...(after === undefined ? {} : { id: { gt: after } }) },
        select: { id: true, jobId: true },
        orderBy: { id: "asc" },
        take: batchSize,
      });
      if (candidates.length === 0) break;
      after = candidates[candidates.length - 1].id;
      const jobIds = candidates.flatMap((event) => (event.jobId ? [event.jobId] : []));
      const open = new Set(
        jobIds.length === 0
          ? []
          : (
              await client.job.findMany({
                where: { id: { in: jobIds }, status: { in: OPEN_JOB_STATUSES } },
                select: { id: true },
              })
            ).map((job) => job.id),
      );
      const ids = candidates.filter((event) => !(event.jobId && open.has(event.jobId))).map((event) => event.id);
      if (ids.length > 0) {
        await rule.apply({ ...rule.where, id: { in: ids } });
        result.batches += 1;
      }
      if (candidates.length < batchSize) break;
    }
  }
  return result;
}

/** The daily run's time on the UTC day of `at` (may be earlier than `at`). */
function slotOfDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), PRUNE_HOUR_UTC));
}

/** The first daily run's time strictly after `at`. */
export function nextPruneAt(at: Date): Date {
  const today = slotOfDay(at);
  return today.getTime() > at.getTime() ? today : new Date(today.getTime() + DAY_MS);
}

function pruneKey(runAt: Date): string {
  return `${PRUNE_FINISHED_JOB}@${runAt.toISOString().slice(0, 10)}`;
}

/**
 * Makes sure today's run exists: due at PRUNE_HOUR_UTC today, so at once when a worker starts later in the day.
 * One per UTC day whoever calls it (uniqueKey per day); every worker calls it when it starts.
 */
export async function schedulePruneFinished(
  now: Date = new Date(),
  client: Db = defaultDb,
): Promise<{ id: string; created: boolean; runAt: Date }> {
  const runAt = slotOfDay(now);
  const job = await enqueueJob(
    { type: PRUNE_FINISHED_JOB, shop: null, payload: {}, runAt, uniqueKey: pruneKey(runAt), priority: -1 },
    client,
  );
  return { ...job, runAt };
}

export const pruneFinishedJob = defineJob({
  type: PRUNE_FINISHED_JOB,
  schema: z.object({}).strict(),
  // Tomorrow's run is already queued; a sweep that keeps failing waits for it.
  maxAttempts: 3,
  async run(_payload, ctx) {
    // Tomorrow's run first, so a run that fails or crashes never ends the chain.
    const next = nextPruneAt(new Date());
    await enqueueJob({
      type: PRUNE_FINISHED_JOB,
      shop: null,
      payload: {},
      runAt: next,
      uniqueKey: pruneKey(next),
      priority: -1,
    });
    let periods: RetentionPeriods;
    try {
      periods = retentionPeriods();
    } catch (error) {
      throw new TerminalJobError(`Retention periods are misconfigured: ${(error as Error).message}`);
    }
    const result = await pruneFinishedWork({ periods });
    ctx.log.info({ ...result, periods }, "finished jobs and old webhook deliveries pruned");
  },
  onWorkerStart: async () => {
    const { created, runAt } = await schedulePruneFinished();
    if (created) loggerFor({ module: "jobs" }).info({ runAt }, "daily prune of finished jobs scheduled");
  },
});

export const jobsMaintenanceJobs = [pruneFinishedJob];
