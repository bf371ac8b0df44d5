// Taking due jobs off the queue under a lease. A job is due when it is queued and its runAt has come, or
// when it is running but its lease expired (the worker that held it died): that is how work survives a crash.
// One statement claims: it picks the due rows and marks them ours, so no other worker can take them between.
import type { Job } from ".prisma/client-sqlite";
import type { Db } from "../../db.server";

export type JobRow = Job;

export interface ClaimOptions {
  workerId: string;
  now: Date;
  leaseMs: number;
  limit: number;
  provider: "sqlite" | "postgresql";
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
function claimWithSkipLocked(client: Db, { workerId, now, leaseMs, limit }: ClaimOptions) {
  const lockedUntil = new Date(now.getTime() + leaseMs);
  return client.$queryRaw<Record<string, unknown>[]>`
    WITH due AS (
      SELECT "id", "priority", "runAt" FROM "Job"
       WHERE "status" = 'queued' AND "runAt" <= ${now}
       ORDER BY "priority" DESC, "runAt" ASC
       LIMIT ${limit}
       FOR UPDATE SKIP LOCKED
    ), expired AS (
      SELECT "id", "priority", "runAt" FROM "Job"
       WHERE "status" = 'running' AND "lockedUntil" < ${now}
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
function claimOnSqlite(client: Db, { workerId, now, leaseMs, limit }: ClaimOptions) {
  const lockedUntil = new Date(now.getTime() + leaseMs);
  return client.$queryRaw<Record<string, unknown>[]>`
    UPDATE "Job"
       SET "status" = 'running', "lockedBy" = ${workerId}, "lockedUntil" = ${lockedUntil},
           "attempts" = "attempts" + 1, "startedAt" = ${now}, "updatedAt" = ${now}
     WHERE "id" IN (
       SELECT "id" FROM (
         SELECT "id", "priority", "runAt" FROM (
           SELECT "id", "priority", "runAt" FROM "Job"
            WHERE "status" = 'queued' AND "runAt" <= ${now}
            ORDER BY "priority" DESC, "runAt" ASC
            LIMIT ${limit})
         UNION ALL
         SELECT "id", "priority", "runAt" FROM (
           SELECT "id", "priority", "runAt" FROM "Job"
            WHERE "status" = 'running' AND "lockedUntil" < ${now}
            ORDER BY "lockedUntil" ASC
            LIMIT ${limit})
       )
       ORDER BY "priority" DESC, "runAt" ASC
       LIMIT ${limit}
     )
    RETURNING *`;
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
