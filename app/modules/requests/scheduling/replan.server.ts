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
import { normaliseEmail } from "../../customers";
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

/** At most this many passes: each settles the customers whose requests the one before moved ahead. */
const MAX_PASSES = 5;

async function replanNow(shop: string, now: Date): Promise<{ scheduled: number; moved: number }> {
  const scheduled = await db.reviewRequest.findMany({
    where: { shop, status: "scheduled", sentAt: null },
    orderBy: [{ sendAt: "asc" }, { id: "asc" }],
    select: { id: true, orderId: true, sendAt: true, customerId: true, email: true },
  });
  // Each request's moment as planned now; null once it is no longer scheduled.
  const plannedAt = new Map<string, number | null>(scheduled.map((request) => [request.id, request.sendAt.getTime()]));
  // Earliest first, so the cap sees each customer's earlier requests in their new places. A request the new timing
  // moves ahead of another of its customer's, planned in this pass already, would leave that one within the cap:
  // the customers it happens to are planned again, in their requests' new order, until nothing moves ahead.
  let pass = scheduled;
  for (let round = 0; round < MAX_PASSES && pass.length > 0; round += 1) {
    const aheadCustomers = new Set<string>();
    const aheadEmails = new Set<string>();
    for (const request of pass) {
      const outcome = await syncReviewRequestForOrder({ shop, orderId: request.orderId }, { now });
      if (outcome.status === "unchanged" || outcome.status === "order_not_found") continue;
      const after = await db.reviewRequest.findUnique({
        where: { id: request.id },
        select: { sendAt: true, status: true },
      });
      const before = plannedAt.get(request.id) ?? null;
      plannedAt.set(request.id, after?.status === "scheduled" ? after.sendAt.getTime() : null);
      if (before !== null && after?.status === "scheduled" && after.sendAt.getTime() < before) {
        if (request.customerId) aheadCustomers.add(request.customerId);
        // As stored and as compared (the customer's history matches on the normalised address).
        if (request.email) aheadEmails.add(request.email);
        const email = normaliseEmail(request.email);
        if (email) aheadEmails.add(email);
      }
    }
    if (aheadCustomers.size === 0 && aheadEmails.size === 0) break;
    pass = (
      await db.reviewRequest.findMany({
        where: {
          shop,
          status: "scheduled",
          sentAt: null,
          OR: [{ customerId: { in: [...aheadCustomers] } }, { email: { in: [...aheadEmails] } }],
        },
        orderBy: [{ sendAt: "asc" }, { id: "asc" }],
        select: { id: true, orderId: true, sendAt: true, customerId: true, email: true },
      })
    ).filter((request) => plannedAt.get(request.id) !== undefined);
  }
  // Moved: planned for another moment than before, or no longer scheduled (skipped, cancelled).
  const moved = scheduled.filter((request) => plannedAt.get(request.id) !== request.sendAt.getTime()).length;
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
