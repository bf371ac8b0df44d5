// Taking due jobs off the queue under a lease. A job is due when it is queued and its runAt has come, or
// when it is running but its lease expired (the worker that held it died): that is how work survives a crash.
// One statement claims: it picks the due rows and marks them ours, so no other worker can take them between.
import type { Job } from ".prisma/client-sqlite";
import { querySql, rawSql, type Db } from "../../db.server";

export type JobRow = Job;

export interface ClaimOptions {
  workerId: string;
  now: Date;
  leaseMs: number;
  limit: number;
  provider: "sqlite" | "postgresql";
  /** Only jobs of this type (the fair claim takes each type's share with its own statement). */
  type?: string;
}

export async function claimDueJobs(client: Db, options: ClaimOptions): Promise<JobRow[]> {
  if (options.limit < 1) return [];
  const claimed =
    options.provider === "postgresql"
      ? await claimWithSkipLocked(client, options)
      : await claimOnSqlite(client, options);
  return claimed.map(asJobRow).sort((a, b) => b.priority - a.priority || a.runAt.getTime() - b.runAt.getTime());
}

// PostgreSQL: several workers run this at once. FOR UPDATE SKIP LOCKED makes each one pass over rows another
// worker's statement has locked instead of waiting for them, so concurrent claims never return the same job
// and never queue up behind each other. https://www.postgresql.org/docs/current/sql-select.html#SQL-FOR-UPDATE-SHARE
// As on SQLite, queued jobs and expired leases are two index walks (a locking clause cannot sit on a UNION,
// hence two CTEs); a row one of them locked but the final LIMIT leaves out is free again when the statement ends.
function claimWithSkipLocked(client: Db, { workerId, now, leaseMs, limit, type }: ClaimOptions) {
  const lockedUntil = new Date(now.getTime() + leaseMs);
  const ofType = typeFilter(type);
  return client.$queryRaw<Record<string, unknown>[]>`
    WITH due AS (
      SELECT "id", "priority", "runAt" FROM "Job"
       WHERE "status" = 'queued' AND "runAt" <= ${now} ${ofType}
       ORDER BY "priority" DESC, "runAt" ASC
       LIMIT ${limit}
       FOR UPDATE SKIP LOCKED
    ), expired AS (
      SELECT "id", "priority", "runAt" FROM "Job"
       WHERE "status" = 'running' AND "lockedUntil" < ${now} ${ofType}
       ORDER BY "lockedUntil" ASC
       LIMIT ${limit}
       FOR UPDATE SKIP LOCKED
    ), picked AS (
      SELECT "id" FROM (SELECT * FROM due UNION ALL SELECT * FROM expired) AS candidates
       ORDER BY "priority" DESC, "runAt" ASC
       LIMIT ${limit}
    )
    UPDATE "Job"
       SET "status" = 'running', "lockedBy" = ${workerId}, "lockedUntil" = ${lockedUntil},
           "attempts" = "attempts" + 1, "startedAt" = ${now}, "updatedAt" = ${now}
     WHERE "id" IN (SELECT "id" FROM picked)
    RETURNING *`;
}

// SQLite has one writer at a time: the statement runs under the database's write lock, so the rows it picks
// cannot be picked by anyone else before it marks them. Dates are compared as the ISO text Prisma stores.
// Queued jobs and expired leases are picked by two small queries rather than one OR: each walks its own
// index in order (Job_status_priority_runAt_idx, then the few running rows) and stops after `limit` rows,
// where the OR made SQLite sort every queued job on every claim (13 ms a claim at a 30k-job backlog).
function claimOnSqlite(client: Db, { workerId, now, leaseMs, limit, type }: ClaimOptions) {
  const lockedUntil = new Date(now.getTime() + leaseMs);
  const ofType = typeFilter(type);
  return querySql(
    client,
    rawSql().sql`
    UPDATE "Job"
       SET "status" = 'running', "lockedBy" = ${workerId}, "lockedUntil" = ${lockedUntil},
           "attempts" = "attempts" + 1, "startedAt" = ${now}, "updatedAt" = ${now}
     WHERE "id" IN (
       SELECT "id" FROM (
         SELECT "id", "priority", "runAt" FROM (
           SELECT "id", "priority", "runAt" FROM "Job"
            WHERE "status" = 'queued' AND "runAt" <= ${now} ${ofType}
            ORDER BY "priority" DESC, "runAt" ASC
            LIMIT ${limit})
         UNION ALL
         SELECT "id", "priority", "runAt" FROM (
           SELECT "id", "priority", "runAt" FROM "Job"
            WHERE "status" = 'running' AND "lockedUntil" < ${now} ${ofType}
            ORDER BY "lockedUntil" ASC
            LIMIT ${limit})
       )
       ORDER BY "priority" DESC, "runAt" ASC
       LIMIT ${limit}
     )
    RETURNING *`,
  );
}

function typeFilter(type: string | undefined) {
  const { sql } = rawSql();
  return type === undefined ? sql`` : sql`AND "type" = ${type}`;
}

export interface FairClaimOptions extends Omit<ClaimOptions, "limit" | "type"> {
  /** Runs this worker can start now (its free concurrency). */
  slots: number;
  /** How many jobs of a type one run takes: 1, or the batch size of a type that runs in batches. */
  runSize(type: string): number;
  /** When each type was last served by this worker (a counter it keeps); the least recently served go first. */
  served: Map<string, number>;
}

/**
 * Fair claiming: the job types with due work share the free slots, least recently served first (priority
 * breaks ties), so a burst of one type (a sale's orders) never holds back the others (the dispatch of due
 * emails, insights, metafields) for more than one run. Within a type, jobs go by priority, then oldest runAt.
 * One statement lists the types with due work (a loose walk of Job(status, type, priority, runAt): one index
 * probe per type, however large a backlog is) and one claims each chosen type's share. Returns the runs: a
 * batch type's jobs in groups of its run size, every other job alone.
 */
export async function claimRuns(client: Db, options: FairClaimOptions): Promise<JobRow[][]> {
  if (options.slots < 1) return [];
  const types = await typesWithDueWork(client, options.now);
  if (types.length === 0) return [];
  const order = [...types].sort(
    (a, b) =>
      (options.served.get(a.type) ?? -1) - (options.served.get(b.type) ?? -1) ||
      b.priority - a.priority ||
      (a.type < b.type ? -1 : 1),
  );
  const runsOf = new Map<string, number>();
  for (let slot = 0; slot < options.slots; slot++) {
    const { type } = order[slot % order.length];
    runsOf.set(type, (runsOf.get(type) ?? 0) + 1);
  }
  const runs: JobRow[][] = [];
  let counter = Math.max(0, ...options.served.values()) + 1;
  for (const { type } of order) {
    const wanted = runsOf.get(type);
    if (!wanted) continue;
    options.served.set(type, counter++);
    const size = Math.max(1, options.runSize(type));
    const claimed = await claimDueJobs(client, { ...options, type, limit: wanted * size });
    for (let i = 0; i < claimed.length; i += size) runs.push(claimed.slice(i, i + size));
  }
  return runs;
}

async function typesWithDueWork(client: Db, now: Date): Promise<{ type: string; priority: number }[]> {
  // The recursive part steps from one type to the next in the index (a loose index scan, SQLite and
  // PostgreSQL alike); each type's head says whether it has due work and at which priority. Types with an
  // expired lease (a worker died) are listed too, ahead of the rest.
  const rows = await querySql<{ type: string; priority: number | bigint | null }>(
    client,
    rawSql().sql`
    WITH RECURSIVE queued("type") AS (
      SELECT MIN("type") FROM "Job" WHERE "status" = 'queued'
      UNION ALL
      SELECT (SELECT MIN(j."type") FROM "Job" j WHERE j."status" = 'queued' AND j."type" > queued."type")
        FROM queued WHERE queued."type" IS NOT NULL
    )
    SELECT q."type" AS "type",
           (SELECT j."priority" FROM "Job" j
             WHERE j."status" = 'queued' AND j."type" = q."type" AND j."runAt" <= ${now}
             ORDER BY j."priority" DESC, j."runAt" ASC LIMIT 1) AS "priority"
      FROM queued q WHERE q."type" IS NOT NULL
    UNION ALL
    SELECT DISTINCT e."type", 1000 FROM "Job" e WHERE e."status" = 'running' AND e."lockedUntil" < ${now}`,
  );
  const byType = new Map<string, number>();
  for (const row of rows) {
    if (row.priority === null) continue;
    byType.set(row.type, Math.max(byType.get(row.type) ?? -Infinity, Number(row.priority)));
  }
  return [...byType].map(([type, priority]) => ({ type, priority }));
}

// Raw rows come back with the driver's types; make them the model's.
function asJobRow(raw: Record<string, unknown>): JobRow {
  const date = (value: unknown) =>
    value === null || value === undefined ? null : value instanceof Date ? value : new Date(String(value));
  return {
    id: String(raw.id),
    shop: raw.shop === null ? null : String(raw.shop),
    type: String(raw.type),
    payload: String(raw.payload),
    status: String(raw.status),
    priority: Number(raw.priority),
    runAt: date(raw.runAt)!,
    attempts: Number(raw.attempts),
    maxAttempts: Number(raw.maxAttempts),
    lockedBy: raw.lockedBy === null ? null : String(raw.lockedBy),
    lockedUntil: date(raw.lockedUntil),
    lastError: raw.lastError === null ? null : String(raw.lastError),
    uniqueKey: raw.uniqueKey === null ? null : String(raw.uniqueKey),
    createdAt: date(raw.createdAt)!,
    updatedAt: date(raw.updatedAt)!,
    startedAt: date(raw.startedAt),
    finishedAt: date(raw.finishedAt),
  };
}
