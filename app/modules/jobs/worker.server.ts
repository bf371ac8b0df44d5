// Running jobs: one claimed job at a time through runClaimedJob (lease renewal, effects, retry or give up),
// looped by drainJobs (inline, for tests and demo controls) and by startWorker (the long-running worker).
import { hostname } from "node:os";
import type pino from "pino";
import { randomBytes } from "node:crypto";
import defaultDb, { dbProvider, inList, rawSql, runSql, type Db } from "../../db.server";
import { loggerFor } from "../../logger.server";
import { retryDelayMs } from "./backoff";
import { claimRuns, type JobRow } from "./claim.server";
import {
  parsePayload,
  providedJobAdminApi,
  type JobAdminApi,
  type JobBatchItem,
  type JobContext,
  type JobDefinition,
} from "./definitions";
import { describeFailure, isTerminalError, JobCancelledError, retryAfterMs, TerminalJobError } from "./errors";
import { isUniqueViolation, PENDING_WORK_STOPPED } from "./queue.server";

export const DEFAULT_LEASE_MS = 60_000;

type Outcome = "succeeded" | "retried" | "failed" | "cancelled" | "lost";

interface RunnerOptions {
  client: Db;
  workerId: string;
  leaseMs: number;
  clock: () => Date;
  definitions: Map<string, JobDefinition<unknown>>;
  adminApi?: JobAdminApi;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function byType(definitions: JobDefinition<any>[]): Map<string, JobDefinition<unknown>> {
  const map = new Map<string, JobDefinition<unknown>>();
  for (const definition of definitions) {
    if (map.has(definition.type) && map.get(definition.type) !== definition) {
      throw new Error(`Two job definitions share the type "${definition.type}".`);
    }
    map.set(definition.type, definition);
  }
  return map;
}

export function newWorkerId(prefix = "worker"): string {
  return `${prefix}:${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

class LeaseLostError extends Error {
  constructor(jobId: string) {
    super(`Job ${jobId}: this worker's lease ran out and another worker may have taken the job; stopping its effects.`);
    this.name = "LeaseLostError";
  }
}

/** How one claimed job's run is recorded: every write is fenced by the claim (see runClaimedJob). */
function settlement(job: JobRow, options: RunnerOptions, log: pino.Logger) {
  const { client, workerId, clock } = options;
  const ourClaim = { id: job.id, status: "running", lockedBy: workerId, attempts: job.attempts };
  const finish = async (data: Parameters<Db["job"]["updateMany"]>[0]["data"]): Promise<boolean> => {
    const result = await client.job.updateMany({
      where: ourClaim,
      data: { ...data, lockedBy: null, lockedUntil: null },
    });
    if (result.count === 0)
      log.warn("job's lease was lost before it finished; its outcome is left to the worker that holds it now");
    return result.count === 1;
  };
  const fail = async (error: unknown, reason: string): Promise<Outcome> => {
    log.error({ err: error, reason }, "job failed for good");
    const recorded = await finish({
      status: "failed",
      finishedAt: clock(),
      lastError: `${reason}: ${describeFailure(error)}`,
    });
    return recorded ? "failed" : "lost";
  };
  /** A run that threw: failed at once when terminal or out of attempts, else queued again after a backoff. */
  const settleError = async (error: unknown): Promise<Outcome> => {
    if (error instanceof JobCancelledError) {
      // Stopped, not failed (the shop is not installed): cancelled like the shop's other pending work, so a
      // reinstall queues it again.
      log.info({ reason: error.message }, "job stopped: cancelled until the shop is installed again");
      const recorded = await finish({ status: "cancelled", finishedAt: clock(), lastError: PENDING_WORK_STOPPED });
      return recorded ? "cancelled" : "lost";
    }
    if (isTerminalError(error)) return fail(error, "Terminal error, not retried");
    if (job.attempts >= job.maxAttempts) return fail(error, `Gave up after ${job.maxAttempts} attempts`);
    const delayMs = Math.max(retryDelayMs(job.attempts), retryAfterMs(error) ?? 0);
    log.warn({ err: error, retryInMs: delayMs }, "job failed; will retry");
    const recorded = await finish({
      status: "queued",
      runAt: new Date(clock().getTime() + delayMs),
      lastError: `Attempt ${job.attempts} of ${job.maxAttempts} failed: ${describeFailure(error)}`,
    });
    return recorded ? "retried" : "lost";
  };
  return { ourClaim, finish, fail, settleError };
}

/** The job's payload as its definition reads it; a payload that is not JSON or not valid is terminal. */
function storedPayload(job: JobRow, definition: JobDefinition<unknown>): unknown {
  let stored: unknown;
  try {
    stored = JSON.parse(job.payload);
  } catch {
    throw new TerminalJobError(`Job ${job.id} has a payload that is not JSON.`);
  }
  return parsePayload(definition, stored);
}

function jobLog(job: JobRow): pino.Logger {
  return loggerFor({ shop: job.shop, jobId: job.id, module: "jobs" }).child({ type: job.type, attempt: job.attempts });
}

/**
 * Runs claimed jobs of one batch type together (JobDefinition.batch): one lease renewal and one success update
 * for the lot; a job the batch reports as failed, or whose payload is invalid, is settled alone. Returns each
 * job's outcome.
 */
async function runClaimedBatch(
  jobs: JobRow[],
  definition: JobDefinition<unknown>,
  options: RunnerOptions,
): Promise<Outcome[]> {
  const { client, workerId, leaseMs, clock } = options;
  const batch = definition.batch!;
  const outcomes = new Map<string, Outcome>();
  const items: JobBatchItem<unknown>[] = [];
  for (const job of jobs) {
    // A logger per job only when that job needs one (it fails): a batch is hundreds of jobs.
    const fail = (error: unknown, reason: string) => settlement(job, options, jobLog(job)).fail(error, reason);
    if (job.attempts > job.maxAttempts) {
      outcomes.set(
        job.id,
        await fail(
          new TerminalJobError(`The worker running this job stopped before it finished, ${job.attempts - 1} times.`),
          `Gave up after ${job.maxAttempts} attempts`,
        ),
      );
      continue;
    }
    try {
      items.push({ jobId: job.id, shop: job.shop, attempt: job.attempts, payload: storedPayload(job, definition) });
    } catch (error) {
      outcomes.set(job.id, await fail(error, "Terminal error, not retried"));
    }
  }
  if (items.length > 0) {
    const ids = items.map((item) => item.jobId);
    const log = loggerFor({ module: "jobs" }).child({ type: definition.type, batch: ids.length });
    const heartbeat = setInterval(
      () => {
        client.job
          .updateMany({
            where: { id: { in: ids }, status: "running", lockedBy: workerId },
            data: { lockedUntil: new Date(clock().getTime() + leaseMs) },
          })
          .catch((error: unknown) => log.warn({ err: error }, "could not renew the batch's lease; will try again"));
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    heartbeat.unref();
    let failures: Map<string, unknown>;
    try {
      failures = await batch.run(items, { log });
    } catch (error) {
      failures = new Map(ids.map((id) => [id, error]));
    } finally {
      clearInterval(heartbeat);
    }
    const byId = new Map(jobs.map((job) => [job.id, job]));
    for (const [id, error] of failures) {
      const job = byId.get(id);
      if (job) outcomes.set(id, await settlement(job, options, jobLog(job)).settleError(error));
    }
    // Every job the batch did not report failed succeeded: one update per attempt count (the claim's fence).
    const succeeded = items.filter((item) => !failures.has(item.jobId));
    const byAttempt = new Map<number, string[]>();
    for (const item of succeeded) {
      const same = byAttempt.get(item.attempt);
      if (same) same.push(item.jobId);
      else byAttempt.set(item.attempt, [item.jobId]);
    }
    for (const [attempts, jobIds] of byAttempt) {
      // Raw SQL: a model call's cost grows with its `in` list (a sale's hot path, docs/decisions/009).
      const finishedAt = clock();
      const count = await runSql(
        client,
        rawSql().sql`UPDATE "Job" SET "status" = 'succeeded', "finishedAt" = ${finishedAt}, "updatedAt" = ${finishedAt},
          "lastError" = NULL, "lockedBy" = NULL, "lockedUntil" = NULL
          WHERE "id" IN ${inList(jobIds)} AND "status" = 'running' AND "lockedBy" = ${workerId} AND "attempts" = ${attempts}`,
      );
      if (count < jobIds.length)
        log.warn({ lost: jobIds.length - count }, "some jobs' leases were lost before the batch finished");
      // Which ones were lost is not known from a count; each is counted as succeeded here (its work is done).
      for (const id of jobIds) outcomes.set(id, "succeeded");
    }
    if (succeeded.length > 0) log.info({ succeeded: succeeded.length, failed: failures.size }, "job batch finished");
  }
  return jobs.map((job) => outcomes.get(job.id) ?? "lost");
}

/** Runs one claimed run: a batch type's jobs together, any other job alone. */
function runClaimedRun(run: JobRow[], options: RunnerOptions): Promise<Outcome[]> {
  const definition = options.definitions.get(run[0].type);
  if (definition?.batch) return runClaimedBatch(run, definition, options);
  return Promise.all(run.map((job) => runClaimedJob(job, options)));
}

/** Runs one job this worker has claimed, and records how it ended. Never throws for the job's own errors. */
async function runClaimedJob(job: JobRow, options: RunnerOptions): Promise<Outcome> {
  const { client, leaseMs, clock } = options;
  const log = jobLog(job);
  // Every write about this run names the claim it belongs to; if the lease was lost and the job reclaimed,
  // the writes match nothing and the other worker's run stays authoritative.
  let leaseLost = false;

  const { ourClaim, finish, fail, settleError } = settlement(job, options, log);

  // A job whose worker keeps dying (out of memory, killed) is reclaimed after each lease; stop at maxAttempts.
  if (job.attempts > job.maxAttempts) {
    return fail(
      new TerminalJobError(`The worker running this job stopped before it finished, ${job.attempts - 1} times.`),
      `Gave up after ${job.maxAttempts} attempts`,
    );
  }
  const definition = options.definitions.get(job.type);
  if (!definition) {
    return fail(
      new TerminalJobError(`No job definition for type "${job.type}" in this worker; add it to app/jobs.server.ts.`),
      "Unknown job type",
    );
  }

  const heartbeat = setInterval(
    () => {
      client.job
        .updateMany({ where: ourClaim, data: { lockedUntil: new Date(clock().getTime() + leaseMs) } })
        .then((result) => {
          if (result.count === 0) {
            leaseLost = true;
            clearInterval(heartbeat);
          }
        })
        .catch((error: unknown) => log.warn({ err: error }, "could not renew the job's lease; will try again"));
    },
    Math.max(50, Math.floor(leaseMs / 3)),
  );
  heartbeat.unref();

  const ctx: JobContext = {
    jobId: job.id,
    shop: job.shop,
    attempt: job.attempts,
    log,
    async adminGraphql(shop: string) {
      const adminApi = options.adminApi ?? providedJobAdminApi();
      if (!adminApi) {
        throw new TerminalJobError(
          "This process gave its jobs no Admin API access: run them with app/jobs.server.ts's definitions (it provides it) or pass adminApi.",
        );
      }
      return adminApi(shop);
    },
    async once<T>(effectKey: string, effect: () => Promise<T>): Promise<T | undefined> {
      if (leaseLost) throw new LeaseLostError(job.id);
      try {
        await client.jobEffect.create({ data: { key: effectKey, shop: job.shop, jobId: job.id } });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        log.info({ effectKey }, "effect already done by an earlier run; skipping it");
        return undefined;
      }
      try {
        return await effect();
      } catch (error) {
        // It failed cleanly, so it may be tried again on the next attempt.
        await client.jobEffect.deleteMany({ where: { key: effectKey, jobId: job.id } });
        throw error;
      }
    },
  };

  try {
    await definition.run(storedPayload(job, definition), ctx);
  } catch (error) {
    clearInterval(heartbeat);
    return settleError(error);
  }
  clearInterval(heartbeat);
  const recorded = await finish({ status: "succeeded", finishedAt: clock(), lastError: null });
  if (recorded) {
    if (definition.routine) log.debug("job succeeded");
    else log.info("job succeeded");
  }
  return recorded ? "succeeded" : "lost";
}

function runSizeOf(options: RunnerOptions, most = Infinity): (type: string) => number {
  return (type) => Math.min(most, options.definitions.get(type)?.batch?.size ?? 1);
}

export interface DrainResult {
  succeeded: number;
  failed: number;
  retried: number;
  cancelled: number;
}

/**
 * Runs every due job, one after another in this process, until none is due (or maxJobs ran). `now` fixes the
 * clock, so a test can step past a retry's backoff or a dead worker's lease without waiting.
 */
export async function drainJobs(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  definitions: JobDefinition<any>[],
  opts: { now?: Date; maxJobs?: number; db?: Db; leaseMs?: number; adminApi?: JobAdminApi } = {},
): Promise<DrainResult> {
  const client = opts.db ?? defaultDb;
  const clock = () => opts.now ?? new Date();
  const options: RunnerOptions = {
    client,
    workerId: newWorkerId("drain"),
    leaseMs: opts.leaseMs ?? DEFAULT_LEASE_MS,
    clock,
    definitions: byType(definitions),
    adminApi: opts.adminApi,
  };
  const result: DrainResult = { succeeded: 0, failed: 0, retried: 0, cancelled: 0 };
  const maxJobs = opts.maxJobs ?? 10_000;
  const served = new Map<string, number>();
  for (let ran = 0; ran < maxJobs;) {
    // One run at a time, claimed as the worker claims (fairly across types, a batch type's jobs together).
    const [run] = await claimRuns(client, {
      ...options,
      now: clock(),
      slots: 1,
      provider: dbProvider(),
      served,
      runSize: runSizeOf(options, maxJobs - ran),
    });
    if (!run) break;
    for (const outcome of await runClaimedRun(run, options)) if (outcome !== "lost") result[outcome] += 1;
    ran += run.length;
  }
  return result;
}

export interface WorkerOptions {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  definitions: JobDefinition<any>[];
  /** Jobs run at the same time by this worker; default 1. */
  concurrency?: number;
  /** How long to wait before looking again when the queue had nothing due; default 1000 ms. */
  pollIntervalMs?: number;
  workerId?: string;
  /** How long a claim lasts without renewal; renewed every third of it while the job runs. Default 60 s. */
  leaseMs?: number;
  /** How long stop() waits for running jobs before handing them back to the queue; default 30 s. */
  shutdownGraceMs?: number;
  db?: Db;
  /** Admin API access for ctx.adminGraphql; default: what app/jobs.server.ts provided (provideJobAdminApi). */
  adminApi?: JobAdminApi;
}

export interface Worker {
  workerId: string;
  /** Stops claiming, waits for running jobs (up to shutdownGraceMs), then releases any still running. */
  stop(): Promise<void>;
}

export function startWorker(options: WorkerOptions): Worker {
  const client = options.db ?? defaultDb;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const pollIntervalMs = Math.max(10, options.pollIntervalMs ?? 1_000);
  const workerId = options.workerId ?? newWorkerId();
  const runner: RunnerOptions = {
    client,
    workerId,
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    clock: () => new Date(),
    definitions: byType(options.definitions),
    adminApi: options.adminApi,
  };
  const provider = dbProvider();
  const log = loggerFor({ module: "jobs" }).child({ workerId });
  const inFlight = new Map<string, { jobs: JobRow[]; done: Promise<void> }>();
  const served = new Map<string, number>();
  let stopping = false;

  // Wakes the loop when a slot frees up or stop() is called; a wake that comes while the loop is busy is kept.
  let woken = false;
  let wakeSleeper: (() => void) | undefined;
  const wake = () => {
    woken = true;
    wakeSleeper?.();
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) {
        woken = false;
        return resolve();
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeSleeper = undefined;
        woken = false;
        resolve();
      }
      wakeSleeper = done;
    });

  const begin = (run: JobRow[]) => {
    const key = run[0].id;
    const done = runClaimedRun(run, runner)
      .then(() => undefined)
      .catch((error: unknown) =>
        log.error(
          { err: error, jobIds: run.map((job) => job.id) },
          "could not record the outcome; the lease will expire and the jobs will run again",
        ),
      )
      .finally(() => {
        inFlight.delete(key);
        wake();
      });
    inFlight.set(key, { jobs: run, done });
  };

  // Definitions that start their own chains (onWorkerStart); one that fails is tried again on the next pass.
  let startHooks = [...runner.definitions.values()].filter((definition) => definition.onWorkerStart);
  const runStartHooks = async () => {
    const failed: typeof startHooks = [];
    for (const definition of startHooks) {
      try {
        await definition.onWorkerStart!();
      } catch (error) {
        log.error(
          { err: error, type: definition.type },
          "could not start the job's schedule; trying again after the poll interval",
        );
        failed.push(definition);
      }
    }
    startHooks = failed;
  };

  const loop = async () => {
    log.info({ concurrency, provider }, "worker started");
    while (!stopping) {
      if (startHooks.length > 0) await runStartHooks();
      const free = concurrency - inFlight.size;
      let claimed: JobRow[][] = [];
      if (free > 0) {
        try {
          claimed = await claimRuns(client, {
            workerId,
            now: new Date(),
            leaseMs: runner.leaseMs,
            slots: free,
            provider,
            served,
            runSize: runSizeOf(runner),
          });
        } catch (error) {
          log.error({ err: error }, "could not claim jobs; trying again after the poll interval");
        }
      }
      for (const run of claimed) begin(run);
      if (stopping) break;
      if (inFlight.size >= concurrency || claimed.length < free) await sleep(pollIntervalMs);
    }
  };
  const looping = loop();

  return {
    workerId,
    async stop() {
      if (stopping) return looping;
      stopping = true;
      wake();
      await looping;
      const graceMs = options.shutdownGraceMs ?? 30_000;
      let graceTimer: NodeJS.Timeout | undefined;
      const finishedInTime = await Promise.race([
        Promise.all([...inFlight.values()].map((r) => r.done)).then(() => true),
        new Promise<boolean>((resolve) => {
          graceTimer = setTimeout(() => resolve(false), graceMs);
        }),
      ]);
      clearTimeout(graceTimer);
      if (!finishedInTime) {
        // Hand unfinished jobs back now rather than after their lease: another worker can start at once, and
        // the interrupted attempt is not counted. Effects done through ctx.once are not repeated.
        for (const job of [...inFlight.values()].flatMap((run) => run.jobs)) {
          await client.job.updateMany({
            where: { id: job.id, status: "running", lockedBy: workerId, attempts: job.attempts },
            data: {
              status: "queued",
              lockedBy: null,
              lockedUntil: null,
              runAt: new Date(),
              attempts: { decrement: 1 },
            },
          });
          log.warn({ jobId: job.id }, "released a job that did not finish before shutdown");
        }
      }
      log.info("worker stopped");
    },
  };
}
