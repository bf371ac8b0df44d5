// Demo control "make scheduled requests due now": the demo shop's waiting requests are moved to now and a
// dispatch is queued, so a person sees the email in the outbox right away. The requests module's own dispatcher
// sends them; nothing here sends mail.
import db from "../../db.server";
import { enqueueJob } from "../jobs";
import { DISPATCH_DUE_JOB } from "../requests";

/**
 * Demo control: every scheduled request of the shop becomes due now and skips the send window and frequency
 * cap once, so a person can see the email in the outbox right away. Returns how many were moved.
 */
export async function makeScheduledRequestsDueNow(shop: string, now: Date = new Date()): Promise<number> {
  const due = await db.reviewRequest.findMany({ where: { shop, status: "scheduled" }, select: { id: true } });
  if (due.length === 0) return 0;
  await db.$transaction(async (tx) => {
    await tx.reviewRequest.updateMany({
      where: { shop, id: { in: due.map((r) => r.id) } },
      data: { sendAt: now, sendNowRequestedAt: now },
    });
    await tx.requestEvent.createMany({
      data: due.map((r) => ({ shop, requestId: r.id, type: "made_due_now", at: now })),
    });
  });
  // Run a dispatch now rather than at the next minute; it joins the once-a-minute chain (same unique keys).
  await enqueueJob({
    type: DISPATCH_DUE_JOB,
    shop: null,
    payload: {},
    runAt: now,
    uniqueKey: `${DISPATCH_DUE_JOB}@now:${shop}:${now.getTime()}`,
  });
  return due.length;
}
