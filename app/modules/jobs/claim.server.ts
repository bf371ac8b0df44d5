// Taking due jobs off the queue under a lease. A job is due when it is queued and its runAt has come, or
// when it is running but its lease expired (the worker that held it died): that is how work survives a crash.
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
  return options.provider === "postgresql" ? claimWithSkipLocked(client, options) : claimWithCompareAndSet(client, options);
}

// PostgreSQL: several workers run this at once. FOR UPDATE SKIP LOCKED makes each one pass over rows another
// worker's statement has locked instead of waiting for them, so concurrent claims never return the same job.
async function claimWithSkipLocked(client: Db, { workerId, now, leaseMs, limit }: ClaimOptions): Promise<JobRow[]> {
  const lockedUntil = new Date(now.getTime() + leaseMs);
  const claimed = await client.$queryRaw<{ id: string }[]>`
    UPDATE "Job"
       SET "status" = 'running', "lockedBy" = ${workerId}, "lockedUntil" = ${lockedUntil},
           "attempts" = "attempts" + 1, "startedAt" = ${now}, "updatedAt" = ${now}
     WHERE "id" IN (
       SELECT "id" FROM "Job"
        WHERE ("status" = 'queued' AND "runAt" <= ${now})
           OR ("status" = 'running' AND "lockedUntil" < ${now})
        ORDER BY "priority" DESC, "runAt" ASC
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
     )
    RETURNING "id"`;
  if (claimed.length === 0) return [];
  const rows = await client.job.findMany({ where: { id: { in: claimed.map((c) => c.id) } } });
  return rows.sort((a, b) => b.priority - a.priority || a.runAt.getTime() - b.runAt.getTime());
}

// SQLite serialises writers, so a conditional UPDATE is atomic: it only matches while the row is still
// claimable, and exactly one of several racing workers sees count === 1.
async function claimWithCompareAndSet(client: Db, { workerId, now, leaseMs, limit }: ClaimOptions): Promise<JobRow[]> {
  const claimable = {
    OR: [
      { status: "queued", runAt: { lte: now } },
      { status: "running", lockedUntil: { lt: now } },
    ],
  };
  const candidates = await client.job.findMany({
    where: claimable,
    orderBy: [{ priority: "desc" }, { runAt: "asc" }],
    select: { id: true },
    // A few spares: another worker may win some of them between our read and our update.
    take: limit + 4,
  });
  const claimedIds: string[] = [];
  for (const candidate of candidates) {
    if (claimedIds.length >= limit) break;
    const won = await client.job.updateMany({
      where: { id: candidate.id, ...claimable },
      data: {
        status: "running",
        lockedBy: workerId,
        lockedUntil: new Date(now.getTime() + leaseMs),
        attempts: { increment: 1 },
        startedAt: now,
      },
    });
    if (won.count === 1) claimedIds.push(candidate.id);
  }
  if (claimedIds.length === 0) return [];
  const rows = await client.job.findMany({ where: { id: { in: claimedIds } } });
  return claimedIds.map((id) => rows.find((r) => r.id === id)).filter((r): r is JobRow => r !== undefined);
}
