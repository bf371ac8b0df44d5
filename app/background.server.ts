// Everything a worker process runs, in one place for `npm run worker` (scripts/worker.ts) and for the web
// process's in-process worker (demo, e2e tests, `npm start -- --with-worker`): the job worker over every
// module's job definitions, and on SQLite the webhook inbox pump that feeds it.
import { jobDefinitions } from "./jobs.server";
import { logger } from "./logger.server";
import { scheduleInsightsCatchUp } from "./modules/insights";
import { startWorker, type WorkerOptions } from "./modules/jobs";
import { startWebhookInboxPump } from "./modules/webhooks";

export interface BackgroundWork {
  workerId: string;
  /** Stops pumping and claiming, lets running jobs finish (up to the grace period), then resolves. */
  stop(): Promise<void>;
}

export async function startBackgroundWork(
  options: Omit<WorkerOptions, "definitions"> & { inboxPollMs?: number } = {},
): Promise<BackgroundWork> {
  if (jobDefinitions.length === 0)
    logger.warn("no job definitions are registered in app/jobs.server.ts; every job will fail as unknown");
  // Once per insights engine version: reviews analysed by an older engine are analysed again in the background.
  await scheduleInsightsCatchUp();
  const { inboxPollMs, ...workerOptions } = options;
  const pump = startWebhookInboxPump({ intervalMs: inboxPollMs });
  const worker = startWorker({ ...workerOptions, definitions: jobDefinitions });
  logger.info(
    { workerId: worker.workerId, types: jobDefinitions.map((d) => d.type), webhookInbox: Boolean(pump) },
    "worker running",
  );
  return {
    workerId: worker.workerId,
    async stop() {
      await pump?.stop();
      await worker.stop();
    },
  };
}
