import { mkdtempSync, readFileSync, existsSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import db, { createDb, databaseUrl } from "~/db.server";
import { defineJob, drainJobs, enqueueJob, startWorker } from "~/modules/jobs";
import { EFFECT_JOB_TYPE, effectJob, type EffectJobFiles } from "./support/effect-job";
import { spawnWorkerProcess } from "./support/spawn-worker";
import { captureLogs } from "../support/capture-logs";

const SHOP = "worker-test.myshopify.com";
const onPostgres = Boolean(process.env.KUNDROST_TEST_PG);
const minutesLater = (minutes: number) => new Date(Date.now() + minutes * 60_000);

let files: EffectJobFiles;
let tmp: string;
const linesOf = (file: string) => (existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean) : []);

beforeEach(async () => {
  await db.job.deleteMany();
  await db.jobEffect.deleteMany();
  tmp = mkdtempSync(path.join(os.tmpdir(), "kundrost-jobs-"));
  files = { runsFile: path.join(tmp, "runs.log"), effectsFile: path.join(tmp, "effects.log") };
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

// Many jobs at once (one INSERT); enqueueJob itself is covered in queue.db.test.ts.
async function enqueueReceipts(count: number): Promise<void> {
  await db.job.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      type: EFFECT_JOB_TYPE,
      shop: SHOP,
      payload: JSON.stringify({ key: `order-${i}` }),
    })),
  });
}

describe("worker leases", () => {
  it("lets another worker reclaim a job whose worker died (lease expired), and not one still leased", async () => {
    const receipt = effectJob(files, { workerId: "rescuer" });
    const leased = { type: EFFECT_JOB_TYPE, shop: SHOP, status: "running", lockedBy: "worker-that-died", attempts: 1 };
    const dead = await db.job.create({
      data: { ...leased, payload: '{"key":"dead"}', lockedUntil: new Date(Date.now() - 1_000) },
    });
    const alive = await db.job.create({
      data: { ...leased, payload: '{"key":"alive"}', lockedUntil: minutesLater(5) },
    });

    expect(await drainJobs([receipt])).toEqual({ succeeded: 1, failed: 0, retried: 0, cancelled: 0 });
    expect(await db.job.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({
      status: "succeeded",
      attempts: 2,
    });
    expect(await db.job.findUniqueOrThrow({ where: { id: alive.id } })).toMatchObject({
      status: "running",
      lockedBy: "worker-that-died",
    });

    // Once its lease runs out, the second one is taken over too.
    expect(await drainJobs([receipt], { now: minutesLater(6) })).toEqual({
      succeeded: 1,
      failed: 0,
      retried: 0,
      cancelled: 0,
    });
    expect(linesOf(files.effectsFile)).toEqual(["dead", "alive"]);
  });

  it("gives up on a job whose worker died on every attempt", async () => {
    const job = await db.job.create({
      data: {
        type: EFFECT_JOB_TYPE,
        shop: SHOP,
        payload: '{"key":"poison"}',
        status: "running",
        lockedBy: "oom-killed",
        attempts: 3,
        maxAttempts: 3,
        lockedUntil: new Date(Date.now() - 1_000),
      },
    });
    expect(await drainJobs([effectJob(files, { workerId: "w" })])).toEqual({
      succeeded: 0,
      failed: 1,
      retried: 0,
      cancelled: 0,
    });
    const failed = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(failed.status).toBe("failed");
    expect(failed.lastError).toContain("stopped before it finished, 3 times");
    expect(linesOf(files.runsFile)).toEqual([]);
  });

  it("ignores the late result of a worker that lost its lease", async () => {
    let releaseSlowRun!: () => void;
    const firstRunBlocked = new Promise<void>((resolve) => (releaseSlowRun = resolve));
    let firstRunEntered!: () => void;
    const entered = new Promise<void>((resolve) => (firstRunEntered = resolve));
    const job = defineJob({
      type: "test.slow-then-fail",
      schema: z.object({}),
      async run(_payload, ctx) {
        if (ctx.attempt === 1) {
          firstRunEntered();
          await firstRunBlocked;
          throw new Error("the slow first run failed, too late to matter");
        }
      },
    });
    const { id } = await enqueueJob({ type: "test.slow-then-fail", shop: SHOP, payload: {} });
    const slowWorker = startWorker({ definitions: [job], pollIntervalMs: 20, leaseMs: 60_000 });
    await entered;

    // The slow worker looks dead from the future: its lease has expired there, so the job is taken over.
    expect(await drainJobs([job], { now: minutesLater(2) })).toEqual({
      succeeded: 1,
      failed: 0,
      retried: 0,
      cancelled: 0,
    });
    releaseSlowRun();
    await slowWorker.stop();

    expect(await db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "succeeded",
      attempts: 2,
      lastError: null,
    });
  });
});

describe("worker shutdown", () => {
  it("finishes running jobs before stopping", async () => {
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let started = 0;
    const gated = defineJob({
      type: "test.gated",
      schema: z.object({}),
      async run() {
        started += 1;
        await gate;
      },
    });
    for (let i = 0; i < 3; i++) await enqueueJob({ type: "test.gated", shop: SHOP, payload: {} });
    const worker = startWorker({ definitions: [gated], concurrency: 3, pollIntervalMs: 20 });
    while (started < 3) await new Promise((r) => setTimeout(r, 10));

    const stopped = worker.stop();
    openGate();
    await stopped;
    expect(await db.job.count({ where: { status: "succeeded" } })).toBe(3);
  });

  it("hands a job that outlives the grace period back to the queue, without counting the attempt", async () => {
    let entered!: () => void;
    const started = new Promise<void>((resolve) => (entered = resolve));
    const stuck = defineJob({
      type: "test.stuck",
      schema: z.object({}),
      async run() {
        entered();
        await new Promise(() => undefined);
      },
    });
    const { id } = await enqueueJob({ type: "test.stuck", shop: SHOP, payload: {} });
    const worker = startWorker({ definitions: [stuck], pollIntervalMs: 20, shutdownGraceMs: 50 });
    await started;
    await worker.stop();
    expect(await db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "queued",
      attempts: 0,
      lockedBy: null,
    });
  });
});

describe("effects done once", () => {
  it("does not repeat an effect when a job runs again after a later failure", async () => {
    let failNext = true;
    const job = defineJob({
      type: "test.effect-then-fail",
      schema: z.object({ key: z.string() }),
      async run({ key }, ctx) {
        await ctx.once(`receipt:${key}`, async () => linesOfEffects.push(key));
        if (failNext) {
          failNext = false;
          throw new Error("metafield update failed after the email went out");
        }
      },
    });
    const linesOfEffects: string[] = [];
    await enqueueJob({ type: "test.effect-then-fail", shop: SHOP, payload: { key: "o-1" } });
    await drainJobs([job]);
    await drainJobs([job], { now: minutesLater(5) });
    expect(linesOfEffects).toEqual(["o-1"]);
    expect(await db.jobEffect.count({ where: { key: "receipt:o-1" } })).toBe(1);
  });

  it("tries an effect again when it failed cleanly", async () => {
    let smtpUp = false;
    const sent: string[] = [];
    const job = defineJob({
      type: "test.effect-fails",
      schema: z.object({ key: z.string() }),
      async run({ key }, ctx) {
        await ctx.once(`receipt:${key}`, async () => {
          if (!smtpUp) throw new Error("connect ECONNREFUSED 127.0.0.1:25");
          sent.push(key);
        });
      },
    });
    await enqueueJob({ type: "test.effect-fails", shop: SHOP, payload: { key: "o-2" } });
    expect(await drainJobs([job])).toEqual({ succeeded: 0, failed: 0, retried: 1, cancelled: 0 });
    expect(await db.jobEffect.count()).toBe(0);
    smtpUp = true;
    expect(await drainJobs([job], { now: minutesLater(5) })).toEqual({
      succeeded: 1,
      failed: 0,
      retried: 0,
      cancelled: 0,
    });
    expect(sent).toEqual(["o-2"]);
  });

  it("a worker killed mid-job: the job runs again and its effect happens once", async () => {
    const { id } = await enqueueJob({ type: EFFECT_JOB_TYPE, shop: SHOP, payload: { key: "order-1001" } });
    const doomed = spawnWorkerProcess({
      TEST_RUNS_FILE: files.runsFile,
      TEST_EFFECTS_FILE: files.effectsFile,
      TEST_HANG_AFTER_EFFECT: "1",
      TEST_WORKER_ID: "doomed",
    });
    await doomed.waitForLine("ready");
    doomed.go();
    await doomed.waitForLine("effect-done");
    doomed.child.kill("SIGKILL");
    await doomed.exited;
    expect(await db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "running", lockedBy: "doomed" });

    // A second worker, once the dead one's lease has run out.
    const result = await drainJobs([effectJob(files, { workerId: "survivor" })], { now: minutesLater(2) });

    expect(result).toEqual({ succeeded: 1, failed: 0, retried: 0, cancelled: 0 });
    expect(await db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(linesOf(files.runsFile)).toEqual(["order-1001 doomed", "order-1001 survivor"]);
    expect(linesOf(files.effectsFile)).toEqual(["order-1001"]);
    expect(await db.jobEffect.count({ where: { key: "receipt:order-1001" } })).toBe(1);
  });
});

describe("several workers on one queue", () => {
  it("two workers in one process run every job exactly once", async () => {
    const jobCount = 200;
    await enqueueReceipts(jobCount);
    // On PostgreSQL each worker gets its own connection pool, as separate processes would. better-sqlite3 is
    // synchronous, so two SQLite connections in one process would make each wait on the other's lock while
    // blocking the event loop that could release it; SQLite workers in one process share the client.
    const clients = onPostgres ? [createDb(databaseUrl()), createDb(databaseUrl())] : [db, db];
    const workers = clients.map((client, i) =>
      startWorker({
        definitions: [effectJob(files, { workerId: `w${i}` })],
        db: client,
        concurrency: 4,
        pollIntervalMs: 20,
        workerId: `w${i}`,
      }),
    );
    while ((await db.job.count({ where: { status: { in: ["queued", "running"] } } })) > 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await Promise.all(workers.map((w) => w.stop()));
    if (onPostgres) await Promise.all(clients.map((c) => c.$disconnect()));

    const runs = linesOf(files.runsFile);
    const keys = runs.map((line) => line.split(" ")[0]);
    expect(new Set(keys).size).toBe(jobCount);
    expect(keys).toHaveLength(jobCount);
    expect(linesOf(files.effectsFile)).toHaveLength(jobCount);
    expect(await db.job.count({ where: { status: "succeeded" } })).toBe(jobCount);
  });

  // SQLite serialises every write across processes, so it gets fewer jobs to keep the suite quick.
  const processJobCount = onPostgres ? 500 : 150;
  it(`three worker processes share ${processJobCount} jobs and run each exactly once (${onPostgres ? "PostgreSQL, SKIP LOCKED" : "SQLite"})`, async () => {
    const jobCount = processJobCount;
    const processes = ["p1", "p2", "p3"].map((workerId) =>
      spawnWorkerProcess({
        TEST_RUNS_FILE: files.runsFile,
        TEST_EFFECTS_FILE: files.effectsFile,
        TEST_WORKER_ID: workerId,
        TEST_CONCURRENCY: "4",
        TEST_WORK_MS: "2",
      }),
    );
    await Promise.all(processes.map((p) => p.waitForLine("ready")));
    await enqueueReceipts(jobCount);
    for (const p of processes) p.go();
    expect(await Promise.all(processes.map((p) => p.exited))).toEqual([0, 0, 0]);

    const runs = linesOf(files.runsFile).map((line) => line.split(" "));
    expect(new Set(runs.map(([key]) => key)).size).toBe(jobCount);
    expect(runs).toHaveLength(jobCount);
    expect(linesOf(files.effectsFile)).toHaveLength(jobCount);
    expect(await db.job.count({ where: { status: "succeeded", attempts: 1 } })).toBe(jobCount);
    // The queue was really shared, not drained by whichever process started first.
    expect(new Set(runs.map(([, worker]) => worker)).size).toBe(3);
  }, 120_000);
});

describe("what a job's success logs", () => {
  afterEach(() => vi.restoreAllMocks());

  it("a routine clock-driven run logs its success at debug, any other job at info (a demo's terminal stays quiet between minutes)", async () => {
    const ran: string[] = [];
    const routine = defineJob({
      type: "test.routine-tick",
      schema: z.object({}),
      routine: true,
      async run() {
        ran.push("routine");
      },
    });
    const ordinary = defineJob({
      type: "test.ordinary",
      schema: z.object({}),
      async run() {
        ran.push("ordinary");
      },
    });
    await enqueueJob({ type: routine.type, shop: null, payload: {} });
    await enqueueJob({ type: ordinary.type, shop: SHOP, payload: {} });
    const logs = captureLogs("debug");

    expect(await drainJobs([routine, ordinary])).toMatchObject({ succeeded: 2, failed: 0 });

    expect(ran.sort()).toEqual(["ordinary", "routine"]);
    const succeeded = logs.lines
      .filter((line) => line.msg === "job succeeded")
      .map((line) => ({ type: line.type, level: line.level }));
    expect(succeeded).toEqual(
      expect.arrayContaining([
        { type: "test.routine-tick", level: 20 },
        { type: "test.ordinary", level: 30 },
      ]),
    );
    expect(succeeded).toHaveLength(2);
  });

  it("the request dispatch and the digest chains are routine, and the jobs that do a shop's work are not", async () => {
    const { jobDefinitions } = await import("~/jobs.server");
    const routineTypes = jobDefinitions.filter((definition) => definition.routine).map((definition) => definition.type);
    expect(routineTypes.sort()).toEqual(["requests.dispatch-due", "voc.digest-due"].sort());
  });
});
