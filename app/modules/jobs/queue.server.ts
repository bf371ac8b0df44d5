// Putting work on the queue and looking at it: enqueue (deduplicated, optionally inside the caller's
// transaction), cancel a shop's pending work, counts for the admin home, and a merchant-triggered retry.
import { z } from "zod";
import defaultDb, { dbProvider, type DbClient } from "../../db.server";
import { DEFAULT_MAX_ATTEMPTS, JOB_STATUSES, knownJobDefinition, parsePayload, type JobStatus } from "./definitions";

const EnqueueInputSchema = z.object({
  type: z.string().min(1).max(100),
  shop: z.string().min(1).nullish(),
  payload: z.unknown(),
  runAt: z.date().optional(),
  uniqueKey: z.string().min(1).max(500).optional(),
  maxAttempts: z.number().int().min(1).max(100).optional(),
  priority: z.number().int().min(-1000).max(1000).optional(),
});

export interface EnqueueJobInput {
  type: string;
  shop?: string | null;
  payload: unknown;
  /** Not before this time; default now. */
  runAt?: Date;
  /** Enqueue at most once per key, ever: a second enqueue returns the first job with created:false. */
  uniqueKey?: string;
  maxAttempts?: number;
  /** Higher runs first among due jobs; default 0. */
  priority?: number;
}

/**
 * Adds a job. The payload must survive JSON (it is stored as JSON and parsed again at run); when this process
 * has loaded the job's definition, the payload is validated against its schema here too and an invalid one
 * throws InvalidJobPayloadError to the caller. Pass a transaction client to commit the job with your own writes.
 */
export async function enqueueJob(
  input: EnqueueJobInput,
  client: DbClient = defaultDb,
): Promise<{ id: string; created: boolean }> {
  const valid = EnqueueInputSchema.parse(input);
  if (valid.payload === undefined) throw new Error(`Job "${valid.type}": payload is required (use {} for none).`);
  const json = JSON.stringify(valid.payload);
  const definition = knownJobDefinition(valid.type);
  // Validate what the worker will actually see: the payload after a JSON round trip (Dates become strings).
  if (definition) parsePayload(definition, JSON.parse(json));

  const data = {
    type: valid.type,
    shop: valid.shop ?? null,
    payload: json,
    runAt: valid.runAt ?? new Date(),
    priority: valid.priority ?? 0,
    maxAttempts: valid.maxAttempts ?? definition?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    uniqueKey: valid.uniqueKey ?? null,
  };

  if (!data.uniqueKey) {
    const job = await client.job.create({ data, select: { id: true } });
    return { id: job.id, created: true };
  }
  return enqueueUnique(client, data, data.uniqueKey);
}

async function enqueueUnique(
  client: DbClient,
  data: Parameters<DbClient["job"]["create"]>[0]["data"],
  uniqueKey: string,
): Promise<{ id: string; created: boolean }> {
  if (dbProvider() === "postgresql") {
    // ON CONFLICT DO NOTHING: a failed INSERT would abort the caller's PostgreSQL transaction.
    const created = await (client.job.createManyAndReturn as unknown as (args: unknown) => Promise<{ id: string }[]>)({
      data: [data],
      skipDuplicates: true,
      select: { id: true },
    });
    if (created.length > 0) return { id: created[0].id, created: true };
  } else {
    const existing = await client.job.findUnique({ where: { uniqueKey }, select: { id: true } });
    if (existing) return { id: existing.id, created: false };
    try {
      const job = await client.job.create({ data, select: { id: true } });
      return { id: job.id, created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  const existing = await client.job.findUniqueOrThrow({ where: { uniqueKey }, select: { id: true } });
  return { id: existing.id, created: false };
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/** The lastError of a job cancelled by cancelPendingJobs; resumeCancelledJobs looks for it. */
export const PENDING_WORK_STOPPED = "Cancelled: the shop's pending work was stopped.";

/** Stops a shop's work that has not started (app/uninstalled). Running jobs finish; returns how many were cancelled. */
export async function cancelPendingJobs(shop: string, client: DbClient = defaultDb): Promise<number> {
  const result = await client.job.updateMany({
    where: { shop, status: "queued" },
    data: { status: "cancelled", finishedAt: new Date(), lastError: PENDING_WORK_STOPPED },
  });
  return result.count;
}

/**
 * The reverse of cancelPendingJobs (a reinstall): the shop's jobs it cancelled at or after `since` are queued
 * again as they were (same runAt, attempts and payload). Jobs cancelled for any other reason, or before
 * `since`, stay cancelled. Returns how many were queued again.
 */
export async function resumeCancelledJobs(shop: string, since: Date, client: DbClient = defaultDb): Promise<number> {
  const result = await client.job.updateMany({
    where: { shop, status: "cancelled", lastError: PENDING_WORK_STOPPED, finishedAt: { gte: since } },
    data: { status: "queued", finishedAt: null, lastError: null, lockedBy: null, lockedUntil: null },
  });
  return result.count;
}

export type JobQueueStats = Record<JobStatus, number>;

/** Jobs by status, for one shop or (operators) for all. */
export async function jobQueueStats(shop?: string, client: DbClient = defaultDb): Promise<JobQueueStats> {
  const groups = await client.job.groupBy({
    by: ["status"],
    where: shop === undefined ? {} : { shop },
    _count: { _all: true },
  });
  const stats = Object.fromEntries(JOB_STATUSES.map((status) => [status, 0])) as JobQueueStats;
  for (const group of groups) {
    if ((JOB_STATUSES as readonly string[]).includes(group.status))
      stats[group.status as JobStatus] = group._count._all;
  }
  return stats;
}

/**
 * Gives a failed or cancelled job of this shop a fresh set of attempts, due now. The last error stays visible
 * until the next run replaces it. Returns false when there is no such job in a retryable state.
 */
export async function retryJob(shop: string, jobId: string, client: DbClient = defaultDb): Promise<boolean> {
  const result = await client.job.updateMany({
    where: { id: jobId, shop, status: { in: ["failed", "cancelled"] } },
    data: { status: "queued", attempts: 0, runAt: new Date(), finishedAt: null, lockedBy: null, lockedUntil: null },
  });
  return result.count === 1;
}
