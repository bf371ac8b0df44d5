// Durable background jobs: the public face of app/modules/jobs. See docs/decisions/001-job-queue.md.
export { defineJob, knownJobDefinition, provideJobAdminApi, JOB_STATUSES, DEFAULT_MAX_ATTEMPTS } from "./definitions";
export type { JobAdminApi, JobContext, JobDefinition, JobStatus } from "./definitions";
export { TerminalJobError, InvalidJobPayloadError, isTerminalError } from "./errors";
export { retryDelayMs } from "./backoff";
export { enqueueJob, cancelPendingJobs, resumeCancelledJobs, jobQueueStats, retryJob } from "./queue.server";
export type { EnqueueJobInput, JobQueueStats } from "./queue.server";
export { drainJobs, startWorker, DEFAULT_LEASE_MS } from "./worker.server";
export type { DrainResult, Worker, WorkerOptions } from "./worker.server";
export {
  pruneFinishedWork,
  schedulePruneFinished,
  nextPruneAt,
  pruneFinishedJob,
  jobsMaintenanceJobs,
  PRUNE_FINISHED_JOB,
  PRUNE_HOUR_UTC,
  PRUNE_BATCH_SIZE,
} from "./retention.server";
export type { PruneOptions, PruneResult } from "./retention.server";
