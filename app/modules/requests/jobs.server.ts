// The requests module's background work.
//
// requests.sync-order { shop, orderId }: enqueued by the orders module after a refund, a delivery or a waiting
// event changes an order; orders/fulfilled batches run the same sync inline (syncReviewRequestsForOrders).
// requests.dispatch-due {}: sends whatever is due, for every shop. It keeps itself going: each run first
// enqueues the next one for the start of the next minute (uniqueKey per minute, so however many workers run
// it, there is one per minute), and only then dispatches, so a run that crashes or gives up never breaks the
// chain. startRequestDispatch() (idempotent) starts the chain: call it at worker start-up; sync-order and the
// demo's "make due now" also call it, so a scheduled request never waits for a chain nobody started.
import { z } from "zod";
import type { DbClient } from "../../db.server";
import { defineJob, enqueueJob } from "../jobs";
import { requireInstalledShop } from "../shops";
import { dispatchDueRequests } from "./sending/dispatch.server";
import { DISPATCH_DUE_JOB, SYNC_ORDER_JOB } from "./job-types";
import { syncReviewRequestForOrder } from "./scheduling/sync-order.server";
import { replanScheduledJob } from "./scheduling/replan.server";

const DISPATCH_BATCHES_PER_RUN = 10;
const DISPATCH_BATCH = 200;

export const syncOrderJob = defineJob({
  type: SYNC_ORDER_JOB,
  schema: z.object({ shop: z.string().min(1), orderId: z.string().min(1) }),
  async run(payload, ctx) {
    await requireInstalledShop(payload.shop);
    const outcome = await syncReviewRequestForOrder(payload).catch(async (error: { code?: string }) => {
      // Two syncs of one order racing to create its request: the loser recomputes against the winner's row.
      if (error?.code === "P2002") return syncReviewRequestForOrder(payload);
      throw error;
    });
    ctx.log.debug({ orderId: payload.orderId, outcome: outcome.status }, "review request synced");
    // The dispatch chain starts itself with the first scheduled request, even if no worker started it.
    if (outcome.status === "created" || outcome.status === "updated") await startRequestDispatch();
  },
});

function nextMinute(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000 + 60_000);
}

function dispatchKey(runAt: Date): string {
  return `${DISPATCH_DUE_JOB}@${runAt.toISOString().slice(0, 16)}`;
}

/** Starts (or keeps) the once-a-minute dispatch chain. Safe to call from every worker at every start. */
export async function startRequestDispatch(now: Date = new Date(), client?: DbClient): Promise<void> {
  const runAt = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  await enqueueJob({ type: DISPATCH_DUE_JOB, shop: null, payload: {}, runAt, uniqueKey: dispatchKey(runAt) }, client);
}

export const dispatchDueJob = defineJob({
  type: DISPATCH_DUE_JOB,
  schema: z.object({}).passthrough(),
  maxAttempts: 3,
  routine: true,
  async run(_payload, ctx) {
    const next = nextMinute(new Date());
    await enqueueJob({ type: DISPATCH_DUE_JOB, shop: null, payload: {}, runAt: next, uniqueKey: dispatchKey(next) });
    for (let batch = 0; batch < DISPATCH_BATCHES_PER_RUN; batch++) {
      const summary = await dispatchDueRequests({ limit: DISPATCH_BATCH });
      if (summary.claimed > 0) ctx.log.info({ summary }, "review requests dispatched");
      // A batch that failed entirely (a configuration problem) would fail again: leave it to the next minute.
      if (summary.claimed < DISPATCH_BATCH || summary.failed === summary.claimed) break;
    }
  },
});

export const requestsJobs = [syncOrderJob, dispatchDueJob, replanScheduledJob];
