import { z } from "zod";
import db from "~/db.server";
import {
  cancelPendingJobs,
  defineJob,
  drainJobs,
  enqueueJob,
  InvalidJobPayloadError,
  jobQueueStats,
  retryJob,
  TerminalJobError,
} from "~/modules/jobs";

const SHOP = "queue-test.myshopify.com";
const minutesLater = (minutes: number) => new Date(Date.now() + minutes * 60_000);

// A job whose behaviour each test scripts: fail the first N runs, then succeed, recording every run.
const runs: { key: string; attempt: number }[] = [];
const failuresLeft = new Map<string, number>();
const flakyJob = defineJob({
  type: "test.flaky",
  schema: z.object({ key: z.string() }),
  maxAttempts: 3,
  async run({ key }, ctx) {
    runs.push({ key, attempt: ctx.attempt });
    const left = failuresLeft.get(key) ?? 0;
    if (left > 0) {
      failuresLeft.set(key, left - 1);
      throw new Error(`SMTP is down (${key})`);
    }
  },
});
const terminalJob = defineJob({
  type: "test.terminal",
  schema: z.object({ status: z.number() }),
  async run({ status }) {
    if (status === 0) throw new TerminalJobError("The review request no longer exists.");
    // Shaped like @shopify/shopify-api's HttpResponseError.
    throw Object.assign(new Error(`Received an error response (${status}) from Shopify`), {
      name: "HttpResponseError",
      response: { code: status, statusText: "Unauthorized" },
    });
  },
});
const definitions = [flakyJob, terminalJob];

beforeEach(async () => {
  runs.length = 0;
  failuresLeft.clear();
  await db.job.deleteMany();
});

describe("job queue", () => {
  it("retries a failing job with growing backoff and then succeeds", async () => {
    failuresLeft.set("a", 2);
    const { id } = await enqueueJob({ type: "test.flaky", shop: SHOP, payload: { key: "a" } });

    expect(await drainJobs(definitions)).toEqual({ succeeded: 0, failed: 0, retried: 1, cancelled: 0 });
    const afterFirst = await db.job.findUniqueOrThrow({ where: { id } });
    expect(afterFirst.status).toBe("queued");
    expect(afterFirst.lastError).toContain("SMTP is down");
    const firstDelay = afterFirst.runAt.getTime() - Date.now();
    expect(firstDelay).toBeGreaterThan(7_000);

    // Not due yet: running the queue again now does nothing.
    expect(await drainJobs(definitions)).toEqual({ succeeded: 0, failed: 0, retried: 0, cancelled: 0 });

    const later = minutesLater(1);
    expect(await drainJobs(definitions, { now: later })).toEqual({ succeeded: 0, failed: 0, retried: 1, cancelled: 0 });
    const afterSecond = await db.job.findUniqueOrThrow({ where: { id } });
    expect(afterSecond.runAt.getTime() - later.getTime()).toBeGreaterThanOrEqual(15_000);

    expect(await drainJobs(definitions, { now: minutesLater(2) })).toEqual({
      succeeded: 1,
      failed: 0,
      retried: 0,
      cancelled: 0,
    });
    const done = await db.job.findUniqueOrThrow({ where: { id } });
    expect(done).toMatchObject({ status: "succeeded", attempts: 3, lastError: null, lockedBy: null });
    expect(runs.map((r) => r.attempt)).toEqual([1, 2, 3]);
  });

  it("gives up after maxAttempts and keeps the last error", async () => {
    failuresLeft.set("b", 99);
    const { id } = await enqueueJob({ type: "test.flaky", shop: SHOP, payload: { key: "b" } });
    for (let minutes = 0; minutes < 10; minutes += 2) await drainJobs(definitions, { now: minutesLater(minutes) });

    const job = await db.job.findUniqueOrThrow({ where: { id } });
    expect(job).toMatchObject({ status: "failed", attempts: 3, maxAttempts: 3 });
    expect(job.lastError).toContain("Gave up after 3 attempts");
    expect(job.lastError).toContain("SMTP is down (b)");
    expect(runs).toHaveLength(3);
  });

  it.each([
    ["TerminalJobError", 0, "The review request no longer exists."],
    ["Shopify 401 (app uninstalled)", 401, "(401)"],
    ["Shopify 402 (shop frozen)", 402, "(402)"],
    ["Shopify 423 (shop locked)", 423, "(423)"],
  ])("fails at once without retrying on %s", async (_name, status, message) => {
    const { id } = await enqueueJob({ type: "test.terminal", shop: SHOP, payload: { status } });
    expect(await drainJobs(definitions)).toEqual({ succeeded: 0, failed: 1, retried: 0, cancelled: 0 });
    const job = await db.job.findUniqueOrThrow({ where: { id } });
    expect(job).toMatchObject({ status: "failed", attempts: 1 });
    expect(job.lastError).toContain("Terminal error, not retried");
    expect(job.lastError).toContain(message);
  });

  it("enqueues once per uniqueKey", async () => {
    const first = await enqueueJob({ type: "test.flaky", shop: SHOP, payload: { key: "c" }, uniqueKey: "webhook:123" });
    const second = await enqueueJob({
      type: "test.flaky",
      shop: SHOP,
      payload: { key: "c" },
      uniqueKey: "webhook:123",
    });
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    expect(await db.job.count()).toBe(1);
  });

  it("dedupes inside the caller's transaction without breaking it", async () => {
    await enqueueJob({ type: "test.flaky", shop: SHOP, payload: { key: "d" }, uniqueKey: "webhook:456" });
    const outcome = await db.$transaction(async (tx) => {
      const again = await enqueueJob(
        { type: "test.flaky", shop: SHOP, payload: { key: "d" }, uniqueKey: "webhook:456" },
        tx,
      );
      const other = await enqueueJob(
        { type: "test.flaky", shop: SHOP, payload: { key: "e" }, uniqueKey: "webhook:789" },
        tx,
      );
      return { again, other };
    });
    expect(outcome.again.created).toBe(false);
    expect(outcome.other.created).toBe(true);
    expect(await db.job.count()).toBe(2);
  });

  it("rolls the job back with the caller's transaction", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await enqueueJob({ type: "test.flaky", shop: SHOP, payload: { key: "f" } }, tx);
        throw new Error("the webhook record failed");
      }),
    ).rejects.toThrow("the webhook record failed");
    expect(await db.job.count()).toBe(0);
  });

  it("rejects an invalid payload at enqueue", async () => {
    await expect(enqueueJob({ type: "test.flaky", shop: SHOP, payload: { key: 42 } })).rejects.toBeInstanceOf(
      InvalidJobPayloadError,
    );
    expect(await db.job.count()).toBe(0);
  });

  it("fails a stored job with an invalid payload terminally, with a clear error", async () => {
    const job = await db.job.create({
      data: { type: "test.flaky", shop: SHOP, payload: JSON.stringify({ kee: "x" }) },
    });
    expect(await drainJobs(definitions)).toEqual({ succeeded: 0, failed: 1, retried: 0, cancelled: 0 });
    const failed = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(failed.status).toBe("failed");
    expect(failed.lastError).toContain('Invalid payload for job "test.flaky": key: Required');
  });

  it("fails a job whose type this worker does not know", async () => {
    const { id } = await enqueueJob({ type: "reviews.retired-job", shop: SHOP, payload: {} });
    expect(await drainJobs(definitions)).toEqual({ succeeded: 0, failed: 1, retried: 0, cancelled: 0 });
    const job = await db.job.findUniqueOrThrow({ where: { id } });
    expect(job.lastError).toContain('No job definition for type "reviews.retired-job"');
  });

  it("runs higher priority first, and nothing before its runAt", async () => {
    await enqueueJob({ type: "test.flaky", shop: SHOP, payload: { key: "low" } });
    await enqueueJob({ type: "test.flaky", shop: SHOP, payload: { key: "high" }, priority: 10 });
    await enqueueJob({ type: "test.flaky", shop: SHOP, payload: { key: "tomorrow" }, runAt: minutesLater(24 * 60) });
    await drainJobs(definitions);
    expect(runs.map((r) => r.key)).toEqual(["high", "low"]);
  });

  it("cancels a shop's pending jobs only, counts by status and retries a failed job", async () => {
    await enqueueJob({ type: "test.flaky", shop: SHOP, payload: { key: "g" } });
    await enqueueJob({ type: "test.flaky", shop: SHOP, payload: { key: "h" } });
    await enqueueJob({ type: "test.flaky", shop: "other.myshopify.com", payload: { key: "i" } });
    expect(await cancelPendingJobs(SHOP)).toBe(2);
    expect(await cancelPendingJobs(SHOP)).toBe(0);
    expect(await jobQueueStats(SHOP)).toEqual({ queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 2 });
    expect((await jobQueueStats()).queued).toBe(1);

    const failed = await enqueueJob({ type: "test.terminal", shop: SHOP, payload: { status: 403 } });
    await drainJobs(definitions);
    expect(await retryJob("other.myshopify.com", failed.id)).toBe(false);
    expect(await retryJob(SHOP, failed.id)).toBe(true);
    expect(await db.job.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({
      status: "queued",
      attempts: 0,
    });
  });
});
