// The demo shop pretends Kundröst has been installed for the six months its orders cover. Replayed on the
// real clock, every request older than the requests module's staleness limit is (rightly) skipped, which
// would leave the admin home with no requests sent and no review rate. This step writes the history the
// app would have made: requests that fell due before today were sent at their moment (before the first
// review that came back for them), the unanswered ones got their reminder, and the answered ones are
// reviewed. Each change is on the request's timeline, marked as demo history. The plan on the timeline is
// the one the app would have made back then (scheduled at fulfilment for the date it was sent), and the
// request's planned date is its sent date, so neither contradicts the email that went out.
//
// The seed's requests step runs the real dispatcher on today's clock: in the send window it sends the requests
// that fell due lately, today, while the reviews step then writes reviews with their own dates, days earlier.
// Those requests are rewritten too: their email went a few hours before the first review (the request's
// "sent" event, its email row and the captured copy move with it), so no timeline has a review come back
// before the email that asked for it.
import db from "../../db.server";
import type { DemoSeedStep } from "./seed.server";

const DAY = 86_400_000;
const REMINDER_AFTER_DAYS = 7;
const CHUNK = 200;
/** What the step reads of a request it may rewrite, in both of its reads. */
const HISTORY_REQUEST_SELECT = {
  id: true,
  orderId: true,
  status: true,
  basis: true,
  sendAt: true,
  sentAt: true,
  items: { select: { reviewedAt: true } },
} as const;

export const requestHistoryStep: DemoSeedStep = {
  name: "request-history",
  async run({ shop, now }) {
    const requests = await db.reviewRequest.findMany({
      where: {
        shop,
        OR: [
          { status: "skipped", cancelReason: "too_late" },
          { status: { in: ["scheduled", "reviewed"] }, sentAt: null, sendAt: { lt: new Date(now.getTime() - DAY) } },
          // A review already came back through it (the reviews step): it was sent, whatever its send date says now.
          { status: { in: ["scheduled", "reviewed"] }, sentAt: null, items: { some: { reviewedAt: { not: null } } } },
        ],
      },
      select: HISTORY_REQUEST_SELECT,
    });
    // Sent by the seed's dispatcher today, with a review dated before that.
    const sentToday = (
      await db.reviewRequest.findMany({
        where: { shop, sentAt: { not: null }, items: { some: { reviewedAt: { not: null } } } },
        select: HISTORY_REQUEST_SELECT,
      })
    ).filter((request) =>
      request.items.some((item) => item.reviewedAt && item.reviewedAt.getTime() <= request.sentAt!.getTime()),
    );
    requests.push(...sentToday);
    const orders = await db.order.findMany({
      where: { shop, id: { in: requests.map((request) => request.orderId) } },
      select: { id: true, fulfilledAt: true, placedAt: true },
    });
    const plannedAtOf = new Map(orders.map((order) => [order.id, order.fulfilledAt ?? order.placedAt]));
    // The plans recorded while the seed replayed the orders on today's clock are replaced by the history's own.
    for (let i = 0; i < requests.length; i += CHUNK) {
      await db.requestEvent.deleteMany({
        where: {
          shop,
          requestId: { in: requests.slice(i, i + CHUNK).map((r) => r.id) },
          type: { in: ["scheduled", "rescheduled", "deferred", "skipped", "sent", "send_failed"] },
        },
      });
    }
    const events: { shop: string; requestId: string; type: string; at: Date; detail: string }[] = [];
    const detail = JSON.stringify({ demoHistory: true });
    for (let i = 0; i < requests.length; i += CHUNK) {
      await db.$transaction(
        requests.slice(i, i + CHUNK).map((request) => {
          const reviewTimes = request.items.flatMap((item) => (item.reviewedAt ? [item.reviewedAt.getTime()] : []));
          const firstReview = reviewTimes.length ? Math.min(...reviewTimes) : null;
          // The email went out at its moment, or a few hours before a review that came back earlier than that.
          const sentAt = new Date(
            firstReview !== null
              ? Math.min(request.sendAt.getTime(), firstReview - 3 * 3_600_000)
              : request.sendAt.getTime(),
          );
          const plannedAt = new Date(
            Math.min(plannedAtOf.get(request.orderId)?.getTime() ?? sentAt.getTime(), sentAt.getTime()),
          );
          const basis = request.basis === "delivery" ? "delivery" : "fulfillment";
          events.push({
            shop,
            requestId: request.id,
            type: "scheduled",
            at: plannedAt,
            detail: JSON.stringify({ sendAt: sentAt.toISOString(), basis, demoHistory: true }),
          });
          events.push({ shop, requestId: request.id, type: "sent", at: sentAt, detail });
          if (firstReview !== null) {
            // "Every product reviewed" only when every product was, and once: the reviews step may have told it.
            const everyItem = reviewTimes.length === request.items.length;
            if (everyItem && request.status !== "reviewed") {
              events.push({
                shop,
                requestId: request.id,
                type: "reviewed",
                at: new Date(Math.max(...reviewTimes)),
                detail,
              });
            }
            return db.reviewRequest.update({
              where: { id: request.id },
              data: {
                status: "reviewed",
                sendAt: sentAt,
                sentAt,
                lastSentAt: sentAt,
                reviewedAt: new Date(firstReview),
                reminderAt: null,
                cancelReason: null,
              },
            });
          }
          const reminderAt = new Date(sentAt.getTime() + REMINDER_AFTER_DAYS * DAY);
          const reminded = reminderAt < now;
          if (reminded) events.push({ shop, requestId: request.id, type: "reminded", at: reminderAt, detail });
          return db.reviewRequest.update({
            where: { id: request.id },
            data: {
              status: reminded ? "reminded" : "sent",
              sendAt: sentAt,
              sentAt,
              lastSentAt: reminded ? reminderAt : sentAt,
              reminderAt: reminded ? null : reminderAt,
              remindedAt: reminded ? reminderAt : null,
              cancelReason: null,
            },
          });
        }),
      );
    }
    for (let i = 0; i < events.length; i += CHUNK)
      await db.requestEvent.createMany({ data: events.slice(i, i + CHUNK) });
    // The emails the dispatcher sent today go at the requests' history dates, like their "sent" events.
    const moved = await db.reviewRequest.findMany({
      where: { shop, id: { in: sentToday.map((request) => request.id) } },
      select: { id: true, sentAt: true },
    });
    for (const request of moved) {
      const emails = await db.emailMessage.findMany({
        where: { shop, requestId: request.id, kind: "request" },
        select: { id: true, messageId: true },
      });
      for (const email of emails) {
        await db.emailMessage.update({
          where: { id: email.id },
          data: { createdAt: request.sentAt!, sentAt: request.sentAt, sendingAt: null },
        });
        if (email.messageId)
          await db.capturedEmail.updateMany({
            where: { shop, headers: { contains: email.messageId } },
            data: { receivedAt: request.sentAt! },
          });
      }
    }
  },
};
