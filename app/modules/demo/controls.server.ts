// What the demo control page shows and does. Each control runs the app's real code paths.
import { DEMO_SHOP } from "../../config.server";
import db from "../../db.server";
import { drainJobs, jobQueueStats, type JobDefinition } from "../jobs";
import { dispatchDueRequests, signRequestToken } from "../requests";
import { makeScheduledRequestsDueNow } from "./make-due-now.server";
import { pumpWebhookInbox } from "../webhooks";

export interface DemoOverview {
  shop: string;
  orders: number;
  webhookEvents: number;
  requestsByStatus: Record<string, number>;
  capturedEmails: number;
  jobs: Awaited<ReturnType<typeof jobQueueStats>>;
  /** A review page link for a request that is waiting for a review, to try the shopper's side. */
  sampleReviewLink: string | null;
}

export async function demoOverview(appUrl: string): Promise<DemoOverview> {
  const [orders, webhookEvents, statuses, capturedEmails, jobs, sample] = await Promise.all([
    db.order.count({ where: { shop: DEMO_SHOP } }),
    db.webhookEvent.count({ where: { shop: DEMO_SHOP } }),
    db.reviewRequest.groupBy({ by: ["status"], where: { shop: DEMO_SHOP }, _count: { _all: true } }),
    db.capturedEmail.count(),
    jobQueueStats(DEMO_SHOP),
    db.reviewRequest.findFirst({
      where: { shop: DEMO_SHOP, status: { in: ["sent", "reminded", "scheduled"] } },
      orderBy: [{ status: "desc" }, { sendAt: "desc" }],
      select: { id: true },
    }),
  ]);
  const requestsByStatus = Object.fromEntries(statuses.map((row) => [row.status, row._count._all]));
  const sampleReviewLink = sample
    ? `${appUrl}/r/${signRequestToken({ requestId: sample.id, shop: DEMO_SHOP, expiresAt: new Date(Date.now() + 60 * 86_400_000) })}?rating=4`
    : null;
  return { shop: DEMO_SHOP, orders, webhookEvents, requestsByStatus, capturedEmails, jobs, sampleReviewLink };
}

// Sent while the person waits, so the outbox has mail when the page comes back; the worker's once-a-minute
// dispatch sends the rest (a freshly seeded shop has a couple of hundred scheduled requests).
const SEND_NOW_LIMIT = 25;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each definition has its own payload type
type JobRegistry = JobDefinition<any>[];

/**
 * "Make scheduled requests due now": the requests are moved, the dispatcher sends, jobs drain with the app's job
 * registry (app/jobs.server.ts, passed in by the route: it wires the Admin API, whose injection point imports this
 * module's stand-in).
 */
export async function makeDemoRequestsDueNow(
  jobDefinitions: JobRegistry,
): Promise<{ moved: number; sent: number; failed: number; left: number }> {
  const moved = await makeScheduledRequestsDueNow(DEMO_SHOP);
  const dispatched = await dispatchDueRequests({ shop: DEMO_SHOP, limit: SEND_NOW_LIMIT });
  await drainJobs(jobDefinitions);
  return {
    moved,
    sent: dispatched.sent + dispatched.reminded,
    failed: dispatched.failed,
    left: Math.max(0, moved - dispatched.claimed),
  };
}

/** "Run due jobs now": deliveries still in the webhook inbox first (the worker's pump), then every due job. */
export async function runDueDemoJobs(jobDefinitions: JobRegistry) {
  await pumpWebhookInbox();
  return drainJobs(jobDefinitions);
}
