// What a job is: a type name, a zod schema for its JSON payload, and the code that runs it.
import type pino from "pino";
import type { z } from "zod";
import type { AdminGraphql } from "../shopify";
import { InvalidJobPayloadError } from "./errors";

export const JOB_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const DEFAULT_MAX_ATTEMPTS = 8;

export interface JobContext {
  jobId: string;
  shop: string | null;
  /** 1 on the first run, 2 on the first retry, ... */
  attempt: number;
  log: pino.Logger;
  /**
   * The Admin API for a shop, with its offline session (the stand-in in demo mode and tests). Jobs get it here
   * rather than from the auth wiring, which the composition root (app/jobs.server.ts) hands to the worker.
   */
  adminGraphql(shop: string): Promise<AdminGraphql>;
  /**
   * Runs `effect` unless a run of any job already recorded `effectKey` (JobEffect.key is unique), and returns
   * its result, or undefined when it was skipped. The key is written BEFORE the effect, so a crash during or
   * after the effect never repeats it (at most once); if the effect throws, the key is removed so a retry
   * tries again. Make the key name the effect, not the job: `email:request:${requestId}:first`.
   */
  once<T>(effectKey: string, effect: () => Promise<T>): Promise<T | undefined>;
}

/** How a worker reaches the Admin API for a shop; see provideJobAdminApi. */
export type JobAdminApi = (shop: string) => Promise<AdminGraphql>;

/** One claimed job of a batch. */
export interface JobBatchItem<P> {
  jobId: string;
  shop: string | null;
  /** 1 on the first run, 2 on the first retry, ... */
  attempt: number;
  payload: P;
}

export interface JobBatchContext {
  log: pino.Logger;
}

/**
 * A job type whose due jobs run together: the worker claims up to `size` of them as one run and hands them to
 * `run` at once (one transaction and set-based statements for the lot, where one job at a time costs a few
 * dozen statements each). `run` returns the jobs that failed, each with its error; the others succeeded. A
 * failure is settled per job as for `run` (retried with backoff, or failed when terminal or out of attempts).
 */
export interface JobBatchRunner<P> {
  size: number;
  run(items: JobBatchItem<P>[], ctx: JobBatchContext): Promise<Map<string, unknown>>;
}

export interface JobDefinition<P> {
  type: string;
  schema: z.ZodType<P>;
  /** Runs one job (drainJobs with a batch of one, a type without `batch`). */
  run(payload: P, ctx: JobContext): Promise<void>;
  /** Set for a type that runs in batches (see JobBatchRunner). */
  batch?: JobBatchRunner<P>;
  maxAttempts?: number;
  /**
   * A clock-driven chain that runs every minute or hour whether or not there is work (dispatch, digests): its
   * success is logged at debug, as a line a minute saying nothing buries the lines that do. Its run logs at info
   * what it actually did; failures and retries are logged as for every job.
   */
  routine?: boolean;
  /**
   * Called once by every worker (startWorker) that has this definition, before its first claim: for a job that
   * keeps itself going (a daily chain), enqueue its first run here with a uniqueKey, so that however many
   * workers start, there is one. If it throws, the worker logs it and calls it again before its next claims.
   */
  onWorkerStart?(): Promise<void>;
}

declare global {
  var __kundrostJobTypes: Map<string, JobDefinition<unknown>> | undefined;
  var __kundrostJobAdminApi: JobAdminApi | undefined;
}

// Every definition this process has loaded, so enqueueJob can validate a payload by type name alone.
// Kept on globalThis because Remix's dev server re-evaluates modules on every change.
const knownJobTypes: Map<string, JobDefinition<unknown>> = globalThis.__kundrostJobTypes ??
(globalThis.__kundrostJobTypes = new Map());

export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  if (!/^[\w.:-]{1,100}$/.test(definition.type)) {
    throw new Error(
      `Job type "${definition.type}" must be 1-100 letters, digits, ".", ":" or "-", e.g. "requests.sync-order".`,
    );
  }
  if (
    definition.maxAttempts !== undefined &&
    (!Number.isInteger(definition.maxAttempts) || definition.maxAttempts < 1)
  ) {
    throw new Error(`Job type "${definition.type}": maxAttempts must be a whole number >= 1.`);
  }
  knownJobTypes.set(definition.type, definition as JobDefinition<unknown>);
  return definition;
}

export function knownJobDefinition(type: string): JobDefinition<unknown> | undefined {
  return knownJobTypes.get(type);
}

/** Parses a stored (JSON) payload with the job's schema; an invalid payload can never succeed, so it is terminal. */
export function parsePayload<P>(definition: JobDefinition<P>, payload: unknown): P {
  const parsed = definition.schema.safeParse(payload);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(payload)"}: ${i.message}`).join("; ");
    throw new InvalidJobPayloadError(definition.type, problems);
  }
  return parsed.data;
}

/**
 * Gives every worker and drainJobs in this process its Admin API access (ctx.adminGraphql). Called once by the
 * composition root, app/jobs.server.ts, with the auth wiring's adminGraphqlForShop; modules never import that
 * wiring themselves (it imports them). Kept on globalThis for the same reason as the job types.
 */
export function provideJobAdminApi(adminApi: JobAdminApi): void {
  globalThis.__kundrostJobAdminApi = adminApi;
}

export function providedJobAdminApi(): JobAdminApi | undefined {
  return globalThis.__kundrostJobAdminApi;
}
