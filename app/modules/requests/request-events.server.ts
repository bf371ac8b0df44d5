// The request timeline: every state change appends one RequestEvent (the admin's request detail lists them).
import { randomBytes } from "node:crypto";
import type { DbClient } from "../../db.server";

export type RequestEventType =
  | "scheduled"
  | "rescheduled"
  | "items_changed"
  | "deferred"
  | "skipped"
  | "cancelled"
  | "sent"
  | "reminded"
  | "reminder_dropped"
  | "send_failed"
  | "send_unconfirmed"
  | "failed"
  | "postponed"
  | "stopped_after_postpones"
  | "unsubscribed"
  | "item_reviewed"
  | "reviewed"
  | "made_due_now"
  // The merchant's actions on one request (merchant-actions.server.ts); detail.by says who.
  | "merchant_send_now"
  | "merchant_cancelled"
  | "merchant_resumed";

let lastMs = 0;
let counter = 0;

/**
 * Ids for timeline events that sort in the order this process wrote them: the timeline is ordered by
 * (at, id), and several events of one request often share `at` (one sync schedules, then changes items).
 * A random id (or a cuid beside a UUID from the batch path) left such ties in random order.
 * Layout: "e" + milliseconds (base 36, 9 chars) + a per-process counter (base 36, 6 chars) + 8 random hex.
 */
export function timelineEventId(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else {
    counter += 1;
  }
  return (
    "e" + lastMs.toString(36).padStart(9, "0") + counter.toString(36).padStart(6, "0") + randomBytes(4).toString("hex")
  );
}

export async function appendRequestEvent(
  client: DbClient,
  event: { shop: string; requestId: string; type: RequestEventType; at: Date; detail?: Record<string, unknown> },
): Promise<void> {
  await client.requestEvent.create({
    data: {
      id: timelineEventId(),
      shop: event.shop,
      requestId: event.requestId,
      type: event.type,
      at: event.at,
      detail: event.detail ? JSON.stringify(event.detail) : null,
    },
  });
}
