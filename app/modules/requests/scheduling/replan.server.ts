// Re-planning a shop's scheduled requests after the merchant changed when to ask (Settings): every request
// that has not been emailed yet is planned again from the new settings, earliest first (so the frequency cap
// sees each customer's earlier requests in their new places), through the same sync as an order change.
// A small backlog is re-planned while the merchant waits, so the screen can say how many moved; a large one
// goes to a job.
import { z } from "zod";
import db from "../../../db.server";
import { defineJob, enqueueJob } from "../../jobs";
import { loggerFor } from "../../../logger.server";
import { requireInstalledShop } from "../../shops";
import { REPLAN_SCHEDULED_JOB } from "../job-types";
import { syncReviewRequestForOrder } from "./sync-order.server";
/** Up to this many scheduled requests are re-planned inline; more are handed to a job. */
export const REPLAN_INLINE_LIMIT = 500;

export type ReplanOutcome = { mode: "done"; scheduled: number; moved: number } | { mode: "queued"; scheduled: number };

/** The settings that decide when (and about what) a scheduled request is sent. */
export const PLANNING_SETTINGS = [
  "requestTrigger",
  "daysAfterFulfillment",
  "daysAfterDelivery",
  "deliveryFallbackDays",
  "maxProductsPerRequest",
  "excludedProductIds",
  "frequencyCapDays",
  "sendWindowStartHour",
  "sendWindowEndHour",
] as const;

async function replanNow(shop: string, now: Date): Promise<{ scheduled: number; moved: number }> {
  const scheduled = await db.reviewRequest.findMany({
    where: { shop, status: "scheduled", sentAt: null },
    orderBy: [{ sendAt: "asc" }, { id: "asc" }],
    select: { id: true, orderId: true, sendAt: true },
  });
  let moved = 0;
  for (const request of scheduled) {
    const outcome = await syncReviewRequestForOrder({ shop, orderId: request.orderId }, { now });
    if (outcome.status === "unchanged" || outcome.status === "order_not_found") continue;
    const after = await db.reviewRequest.findUnique({
      where: { id: request.id },
      select: { sendAt: true, status: true },
    });
    if (after && (after.status !== "scheduled" || after.sendAt.getTime() !== request.sendAt.getTime())) moved += 1;
  }
  return { scheduled: scheduled.length, moved };
}

/** Re-plans the shop's scheduled requests from its current settings: inline when few, else in a job. */
export async function replanScheduledRequests(shop: string, options: { now?: Date } = {}): Promise<ReplanOutcome> {
  const now = options.now ?? new Date();
  const count = await db.reviewRequest.count({ where: { shop, status: "scheduled", sentAt: null } });
  if (count > REPLAN_INLINE_LIMIT) {
    await enqueueJob({
      type: REPLAN_SCHEDULED_JOB,
      shop,
      payload: { shop },
      uniqueKey: `${REPLAN_SCHEDULED_JOB}:${shop}:${now.getTime()}`,
    });
    return { mode: "queued", scheduled: count };
  }
  const result = await replanNow(shop, now);
  loggerFor({ shop, module: "requests" }).info(result, "scheduled requests re-planned after a settings change");
  return { mode: "done", ...result };
}

export const replanScheduledJob = defineJob({
  type: REPLAN_SCHEDULED_JOB,
  schema: z.object({ shop: z.string().min(1) }),
  async run(payload, ctx) {
    await requireInstalledShop(payload.shop);
    const result = await replanNow(payload.shop, new Date());
    ctx.log.info(result, "scheduled requests re-planned after a settings change");
  },
});
