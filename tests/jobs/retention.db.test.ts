import { randomUUID } from "node:crypto";
import { z } from "zod";
import db from "~/db.server";
import {
  defineJob,
  drainJobs,
  nextPruneAt,
  PRUNE_BATCH_SIZE,
  PRUNE_FINISHED_JOB,
  PRUNE_HOUR_UTC,
  pruneFinishedJob,
  pruneFinishedWork,
  schedulePruneFinished,
  startWorker,
} from "~/modules/jobs";
import { jobDefinitions } from "~/jobs.server";

const SHOP = "retention-test.myshopify.com";
const OTHER_SHOP = "retention-other.myshopify.com";
const DAY = 24 * 60 * 60_000;
const PERIODS = { finishedJobsDays: 7, failedJobsDays: 30, webhookEventsDays: 30 };
const daysAgo = (days: number, from: Date = new Date()) => new Date(from.getTime() - days * DAY);

async function job(
  name: string,
  fields: { status: string; finishedDaysAgo?: number | null; shop?: string | null; uniqueKey?: string },
) {
  const old = daysAgo(90);
  const finishedAt =
    fields.finishedDaysAgo === undefined || fields.finishedDaysAgo === null ? null : daysAgo(fields.finishedDaysAgo);
  const row = await db.job.create({
    data: {
      type: "test.retention",
      shop: fields.shop === undefined ? SHOP : fields.shop,
      payload: JSON.stringify({ name }),
      status: fields.status,
      runAt: old,
      createdAt: old,
      startedAt: fields.status === "queued" ? null : old,
      finishedAt,
      lockedBy: fields.status === "running" ? "worker:elsewhere" : null,
      lockedUntil: fields.status === "running" ? new Date(Date.now() + 60_000) : null,
      uniqueKey: fields.uniqueKey,
    },
  });
  return row.id;
}

async function webhookEvent(
  name: string,
  fields: { status: string; receivedDaysAgo: number; body: boolean; jobId?: string | null; shop?: string },
) {
  const row = await db.webhookEvent.create({
    data: {
      shop: fields.shop ?? SHOP,
      topic: "orders/fulfilled",
      webhookId: `${name}-${randomUUID()}`,
      receivedAt: daysAgo(fields.receivedDaysAgo),
      status: fields.status,
      jobId: fields.jobId ?? null,
      payload: fields.body ? JSON.stringify({ email: "kund@example.se", name }) : null,
      error: fields.status === "failed" ? "customer.email: Required" : null,
    },
  });
  return row.id;
}

async function remainingJobs(): Promise<string[]> {
  const rows = await db.job.findMany({ where: { type: "test.retention" }, select: { payload: true } });
  return rows.map((row) => (JSON.parse(row.payload) as { name: string }).name).sort();
}

async function remainingEvents(): Promise<Record<string, "body" | "no body">> {
  const rows = await db.webhookEvent.findMany({ select: { webhookId: true, payload: true } });
  return Object.fromEntries(
    rows.map((row) => [row.webhookId.slice(0, -37), row.payload === null ? "no body" : "body"]),
  );
}

beforeEach(async () => {
  await db.webhookEvent.deleteMany({});
  await db.jobEffect.deleteMany({});
  await db.job.deleteMany({});
});

describe("pruneFinishedWork", () => {
  it("deletes exactly the finished jobs and processed deliveries past their period, and clears old unprocessed bodies", async () => {
    // Jobs: [name, status, finished days ago]
    const jobTable: [string, string, number | null, string | null][] = [
      ["succeeded-8d", "succeeded", 8, SHOP],
      ["succeeded-8d-other-shop", "succeeded", 8, OTHER_SHOP],
      ["succeeded-8d-no-shop", "succeeded", 8, null],
      ["succeeded-6d", "succeeded", 6, SHOP],
      ["succeeded-7d-minus-an-hour", "succeeded", 7 - 1 / 24, SHOP],
      ["cancelled-8d", "cancelled", 8, SHOP],
      ["cancelled-6d", "cancelled", 6, SHOP],
      ["failed-8d", "failed", 8, SHOP],
      ["failed-29d", "failed", 29, SHOP],
      ["failed-31d", "failed", 31, SHOP],
      ["failed-31d-other-shop", "failed", 31, OTHER_SHOP],
      // Open work is never deleted, however old its timestamps.
      ["queued-old", "queued", null, SHOP],
      ["queued-with-old-finishedAt", "queued", 60, SHOP],
      ["running-with-old-finishedAt", "running", 60, SHOP],
      // A finished row without finishedAt (not written by this code) is left alone rather than guessed at.
      ["succeeded-no-finishedAt", "succeeded", null, SHOP],
    ];
    const ids: Record<string, string> = {};
    for (const [name, status, finishedDaysAgo, shop] of jobTable)
      ids[name] = await job(name, { status, finishedDaysAgo, shop });
    const liveQueued = await job("queued-webhook-retry", { status: "queued" });
    const liveRunning = await job("running-webhook", { status: "running" });
    await db.jobEffect.create({ data: { key: "email:request:r1:first", shop: SHOP, jobId: ids["succeeded-8d"] } });

    // Webhook events: [name, status, received days ago, has body, job]
    const eventTable: [string, string, number, boolean, string | null][] = [
      ["processed-31d", "processed", 31, false, ids["succeeded-8d"]],
      ["processed-29d", "processed", 29, false, null],
      ["ignored-31d", "ignored", 31, false, null],
      ["processed-31d-running-job", "processed", 31, false, liveRunning],
      ["failed-31d", "failed", 31, true, ids["failed-31d"]],
      ["failed-29d", "failed", 29, true, ids["failed-29d"]],
      ["failed-31d-retried", "failed", 31, true, liveQueued],
      ["enqueued-31d-job-gone", "enqueued", 31, true, "job-deleted-long-ago"],
      ["enqueued-31d-cancelled-job", "enqueued", 31, true, ids["cancelled-8d"]],
      ["received-31d-no-job", "received", 31, true, null],
      ["enqueued-2d", "enqueued", 2, true, liveQueued],
    ];
    for (const [name, status, receivedDaysAgo, body, jobId] of eventTable)
      await webhookEvent(name, { status, receivedDaysAgo, body, jobId });

    const result = await pruneFinishedWork({ periods: PERIODS, pauseMs: 0 });

    expect(await remainingJobs()).toEqual(
      [
        "succeeded-6d",
        "succeeded-7d-minus-an-hour",
        "cancelled-6d",
        "failed-8d",
        "failed-29d",
        "queued-old",
        "queued-with-old-finishedAt",
        "running-with-old-finishedAt",
        "succeeded-no-finishedAt",
        "queued-webhook-retry",
        "running-webhook",
      ].sort(),
    );
    expect(await remainingEvents()).toEqual({
      "processed-29d": "no body",
      "processed-31d-running-job": "no body",
      "failed-31d": "no body",
      "failed-29d": "body",
      "failed-31d-retried": "body",
      "enqueued-31d-job-gone": "no body",
      "enqueued-31d-cancelled-job": "no body",
      "received-31d-no-job": "no body",
      "enqueued-2d": "body",
    });
    // The failed delivery keeps its status and error for support; only the body went.
    const failed = await db.webhookEvent.findFirstOrThrow({
      where: { webhookId: { startsWith: "failed-31d-" }, jobId: ids["failed-31d"] },
    });
    expect(failed).toMatchObject({ status: "failed", error: "customer.email: Required", payload: null });
    expect(result).toMatchObject({
      succeededJobsDeleted: 3,
      cancelledJobsDeleted: 1,
      failedJobsDeleted: 2,
      webhookEventsDeleted: 2,
      webhookBodiesCleared: 4,
    });
    // Effects keep their keys: a pruned job's email must still never be sent twice.
    expect(await db.jobEffect.count()).toBe(1);

    // A second run finds nothing more to do.
    expect(await pruneFinishedWork({ periods: PERIODS, pauseMs: 0 })).toMatchObject({
      succeededJobsDeleted: 0,
      cancelledJobsDeleted: 0,
      failedJobsDeleted: 0,
      webhookEventsDeleted: 0,
      webhookBodiesCleared: 0,
      batches: 0,
    });
  });

  it("measures ages from `now` and takes its periods from the options", async () => {
    const now = new Date("2026-03-01T03:00:00Z");
    await db.job.create({
      data: {
        type: "test.retention",
        payload: JSON.stringify({ name: "finished-3d" }),
        status: "succeeded",
        finishedAt: daysAgo(3, now),
      },
    });
    await db.job.create({
      data: {
        type: "test.retention",
        payload: JSON.stringify({ name: "finished-1d" }),
        status: "succeeded",
        finishedAt: daysAgo(1, now),
      },
    });
    await pruneFinishedWork({ now, periods: { ...PERIODS, finishedJobsDays: 2 }, pauseMs: 0 });
    expect(await remainingJobs()).toEqual(["finished-1d"]);
  });

  it("works through more rows than one batch, a statement per batch", async () => {
    const finishedAt = daysAgo(10);
    const rows = (count: number, prefix: string, at: Date) =>
      Array.from({ length: count }, (_, i) => ({
        type: "test.retention",
        shop: SHOP,
        status: "succeeded",
        finishedAt: at,
        payload: JSON.stringify({ name: `${prefix}-${i}` }),
      }));
    await db.job.createMany({ data: rows(2_500, "old", finishedAt) });
    await db.job.createMany({ data: rows(30, "recent", daysAgo(1)) });
    const events = (count: number, prefix: string, days: number) =>
      Array.from({ length: count }, (_, i) => ({
        shop: SHOP,
        topic: "orders/fulfilled",
        webhookId: `${prefix}-${i}`,
        status: "processed",
        receivedAt: daysAgo(days),
      }));
    await db.webhookEvent.createMany({ data: events(1_001, "old", 40) });
    await db.webhookEvent.createMany({ data: events(20, "recent", 3) });

    expect(PRUNE_BATCH_SIZE).toBe(500);
    const result = await pruneFinishedWork({ periods: PERIODS, pauseMs: 0 });

    expect(result.succeededJobsDeleted).toBe(2_500);
    expect(result.webhookEventsDeleted).toBe(1_001);
    // 5 x 500 jobs, then 500 + 500 + 1 events.
    expect(result.batches).toBe(8);
    expect(await db.job.count({ where: { type: "test.retention" } })).toBe(30);
    expect(await db.job.count({ where: { type: "test.retention", finishedAt: { lt: daysAgo(7) } } })).toBe(0);
    expect(await db.webhookEvent.count()).toBe(20);
    expect(await db.webhookEvent.count({ where: { webhookId: { startsWith: "recent-" } } })).toBe(20);
  });

  it("moves past a batch of deliveries it must keep (their job was retried) instead of selecting them again", async () => {
    const retried = await job("queued-retry", { status: "queued" });
    // More kept rows than a batch, and deletable ones behind them.
    for (let i = 0; i < 7; i++)
      await webhookEvent(`kept-${i}`, { status: "processed", receivedDaysAgo: 40, body: false, jobId: retried });
    for (let i = 0; i < 6; i++)
      await webhookEvent(`gone-${i}`, { status: "processed", receivedDaysAgo: 40, body: false });
    for (let i = 0; i < 8; i++)
      await webhookEvent(`body-kept-${i}`, { status: "failed", receivedDaysAgo: 40, body: true, jobId: retried });

    const result = await pruneFinishedWork({ periods: PERIODS, batchSize: 5, pauseMs: 0 });

    expect(result.webhookEventsDeleted).toBe(6);
    expect(result.webhookBodiesCleared).toBe(0);
    const left = await remainingEvents();
    expect(Object.keys(left).filter((name) => name.startsWith("kept-"))).toHaveLength(7);
    expect(Object.keys(left).filter((name) => name.startsWith("gone-"))).toHaveLength(0);
    expect(Object.values(left).filter((body) => body === "body")).toHaveLength(8);
  });

  it("refuses nonsense options with a clear message", async () => {
    await expect(pruneFinishedWork({ periods: { ...PERIODS, failedJobsDays: 0 } })).rejects.toThrow(
      /failedJobsDays must be a whole number of days >= 1/,
    );
    await expect(pruneFinishedWork({ periods: PERIODS, batchSize: 0 })).rejects.toThrow(
      /batchSize must be a whole number from 1 to 900/,
    );
  });
});

describe("jobs.prune-finished, the daily job", () => {
  it("is registered with every module's jobs", () => {
    expect(jobDefinitions.map((definition) => definition.type)).toContain(PRUNE_FINISHED_JOB);
  });

  it("is due once per UTC day at the prune hour, however often it is scheduled", async () => {
    const morning = new Date("2026-03-01T01:00:00Z");
    const first = await schedulePruneFinished(morning);
    expect(first.created).toBe(true);
    expect(first.runAt.toISOString()).toBe(`2026-03-01T0${PRUNE_HOUR_UTC}:00:00.000Z`);
    // More workers starting later the same day: the same job.
    for (const at of ["2026-03-01T01:00:00Z", "2026-03-01T12:00:00Z", "2026-03-01T23:59:59Z"]) {
      const again = await schedulePruneFinished(new Date(at));
      expect(again).toMatchObject({ id: first.id, created: false });
    }
    expect(await db.job.count({ where: { type: PRUNE_FINISHED_JOB } })).toBe(1);

    expect(nextPruneAt(new Date("2026-03-01T01:00:00Z")).toISOString()).toBe("2026-03-01T03:00:00.000Z");
    expect(nextPruneAt(new Date("2026-03-01T03:00:00Z")).toISOString()).toBe("2026-03-02T03:00:00.000Z");
    expect(nextPruneAt(new Date("2026-12-31T22:00:00Z")).toISOString()).toBe("2027-01-01T03:00:00.000Z");
  });

  it("prunes with the periods from the environment, queues tomorrow's run first, and keeps its own row", async () => {
    vi.stubEnv("RETENTION_FINISHED_JOBS_DAYS", "2");
    try {
      await job("succeeded-3d", { status: "succeeded", finishedDaysAgo: 3 });
      await job("succeeded-1d", { status: "succeeded", finishedDaysAgo: 1 });
      await job("failed-3d", { status: "failed", finishedDaysAgo: 3 });
      // Yesterday's run, not run yet (the worker was down): due now.
      const yesterday = await schedulePruneFinished(daysAgo(1));

      const drained = await drainJobs([pruneFinishedJob]);
      expect(drained).toEqual({ succeeded: 1, failed: 0, retried: 0, cancelled: 0 });

      expect(await remainingJobs()).toEqual(["failed-3d", "succeeded-1d"]);
      const own = await db.job.findUniqueOrThrow({ where: { id: yesterday.id } });
      expect(own.status).toBe("succeeded");
      const next = await db.job.findMany({ where: { type: PRUNE_FINISHED_JOB, status: "queued" } });
      expect(next).toHaveLength(1);
      expect(next[0].runAt.getTime()).toBe(nextPruneAt(new Date()).getTime());
      expect(next[0].uniqueKey).toBe(`${PRUNE_FINISHED_JOB}@${next[0].runAt.toISOString().slice(0, 10)}`);
      expect(next[0].shop).toBeNull();
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("fails for good, saying which variable is wrong, when a retention period is misconfigured", async () => {
    vi.stubEnv("RETENTION_WEBHOOK_EVENTS_DAYS", "1");
    try {
      await job("succeeded-30d", { status: "succeeded", finishedDaysAgo: 30 });
      const { id } = await schedulePruneFinished(new Date("2020-01-01T00:00:00Z"));
      await drainJobs([pruneFinishedJob], { now: new Date() });
      const failed = await db.job.findUniqueOrThrow({ where: { id } });
      expect(failed.status).toBe("failed");
      expect(failed.attempts).toBe(1);
      expect(failed.lastError).toContain(
        "RETENTION_WEBHOOK_EVENTS_DAYS: must be a whole number of days from 3 to 3650",
      );
      expect(await remainingJobs()).toEqual(["succeeded-30d"]);
      // Tomorrow's run was queued before the failure: the chain goes on.
      expect(await db.job.count({ where: { type: PRUNE_FINISHED_JOB, status: "queued" } })).toBe(1);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("is scheduled by every worker that has it when the worker starts, once per day however many start", async () => {
    const workers = [0, 1, 2].map((i) =>
      startWorker({ definitions: [pruneFinishedJob], pollIntervalMs: 20, workerId: `retention-w${i}` }),
    );
    try {
      const today = `${PRUNE_FINISHED_JOB}@${new Date().toISOString().slice(0, 10)}`;
      const deadline = Date.now() + 10_000;
      while (!(await db.job.findUnique({ where: { uniqueKey: today } })) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(await db.job.count({ where: { uniqueKey: today } })).toBe(1);
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
    // Today's run (due if the worker started after 03:00 UTC) and at most tomorrow's: never a pile.
    expect(await db.job.count({ where: { type: PRUNE_FINISHED_JOB } })).toBeLessThanOrEqual(2);
  });

  it("a worker calls a definition's onWorkerStart again when it failed", async () => {
    let calls = 0;
    const flaky = defineJob({
      type: "test.start-hook",
      schema: z.object({}),
      async run() {},
      async onWorkerStart() {
        calls += 1;
        if (calls === 1) throw new Error("database not reachable yet");
      },
    });
    const worker = startWorker({ definitions: [flaky], pollIntervalMs: 20 });
    try {
      const deadline = Date.now() + 5_000;
      while (calls < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 100));
      expect(calls).toBe(2);
    } finally {
      await worker.stop();
    }
  });
});
