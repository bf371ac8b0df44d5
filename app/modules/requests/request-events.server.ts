// The request timeline: every state change appends one RequestEvent (the admin's request detail lists them).
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

export async function appendRequestEvent(
  client: DbClient,
  event: { shop: string; requestId: string; type: RequestEventType; at: Date; detail?: Record<string, unknown> },
): Promise<void> {
  await client.requestEvent.create({
    data: {
      shop: event.shop,
      requestId: event.requestId,
      type: event.type,
      at: event.at,
      detail: event.detail ? JSON.stringify(event.detail) : null,
    },
  });
}
