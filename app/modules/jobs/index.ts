// Durable background jobs: the public face of app/modules/jobs. See docs/decisions/001-job-queue.md.
export { defineJob, knownJobDefinition, provideJobAdminApi, DEFAULT_MAX_ATTEMPTS } from "./definitions";
export type { JobBatchItem, JobContext, JobDefinition } from "./definitions";
export {
  TerminalJobError,
  InvalidJobPayloadError,
  JobCancelledError,
  isTerminalError,
  describeFailure,
} from "./errors";
export { retryDelayMs } from "./backoff";
export { enqueueJob, cancelPendingJobs, resumeCancelledJobs, jobQueueStats, retryJob } from "./queue.server";
export type { EnqueueJobInput } from "./queue.server";
export { drainJobs, startWorker } from "./worker.server";
export type { WorkerOptions } from "./worker.server";
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
