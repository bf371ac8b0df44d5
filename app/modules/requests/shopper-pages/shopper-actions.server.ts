// What a shopper can do from the email without signing in: stop review requests, or say "not arrived yet".
import db from "../../../db.server";
import { loggerFor } from "../../../logger.server";
import { getSettings } from "../../settings";
import { normaliseEmail } from "../../customers";
import { appendRequestEvent } from "../request-events.server";
import {
  loadRequestForUnsubscribe,
  type LoadedRequest,
  type RequestLinkProblem,
  verifiedRequest,
} from "./request-links.server";
import { decidePostpone } from "../scheduling/schedule";

export type UnsubscribeResult =
  { ok: true; request: LoadedRequest; alreadyUnsubscribed: boolean } | { ok: false; reason: RequestLinkProblem };

/**
 * Stops every review request of this shop to this customer: the address goes on the shop's suppression list
 * (covers guest checkouts), the customer is marked opted out, and this request's pending emails stop.
 * Idempotent: a mail client's one-click POST and the person's own click may both arrive.
 */
export async function unsubscribeByToken(token: string, now: Date = new Date()): Promise<UnsubscribeResult> {
  const found = await loadRequestForUnsubscribe(token);
  if (!found.ok) return found;
  const request = found.request;
  const { shop } = request;
  const email = normaliseEmail(request.email ?? request.customer?.email);
  const alreadyUnsubscribed = await db.$transaction(async (tx) => {
    const existing = email ? await tx.emailSuppression.findUnique({ where: { shop_email: { shop, email } } }) : null;
    if (email && !existing) {
      await tx.emailSuppression.upsert({
        where: { shop_email: { shop, email } },
        create: { shop, email, reason: "unsubscribed" },
        update: {},
      });
    }
    if (request.customerId) {
      await tx.customer.updateMany({
        where: { id: request.customerId, shop, optedOutAt: null },
        data: { optedOutAt: now },
      });
    }
    if (existing) return true;
    const stopped = ["scheduled"].includes(request.status);
    await tx.reviewRequest.updateMany({
      where: { id: request.id, shop },
      data: stopped ? { status: "cancelled", cancelReason: "opted_out", reminderAt: null } : { reminderAt: null },
    });
    await appendRequestEvent(tx, { shop, requestId: request.id, type: "unsubscribed", at: now });
    return false;
  });
  loggerFor({ shop, module: "requests" }).info(
    { requestId: request.id, alreadyUnsubscribed },
    "shopper unsubscribed from review requests",
  );
  return { ok: true, request, alreadyUnsubscribed };
}

export type NotArrivedResult =
  | { ok: true; request: LoadedRequest; outcome: "postponed"; askAgainAt: Date; timezone: string }
  | { ok: true; request: LoadedRequest; outcome: "stopped" | "reviewed" | "closed" }
  | { ok: false; reason: RequestLinkProblem };

/** "Not arrived yet": ask again postponeDays later, at most maxPostpones times; then stop asking for this order. */
export async function postponeByToken(token: string, now: Date = new Date()): Promise<NotArrivedResult> {
  const found = await verifiedRequest(token, now);
  if (!found.ok) return found;
  const request = found.request;
  const { shop } = request;
  const settings = await getSettings(shop);
  const decision = decidePostpone({ request, settings, zone: request.shopInfo.timezone, now });
  const timezone = request.shopInfo.timezone;
  switch (decision.kind) {
    case "already_postponed":
      return { ok: true, request, outcome: "postponed", askAgainAt: decision.sendAt, timezone };
    case "closed":
      return { ok: true, request, outcome: decision.status === "reviewed" ? "reviewed" : "closed" };
    case "stop":
      await db.$transaction(async (tx) => {
        const changed = await tx.reviewRequest.updateMany({
          where: { id: request.id, shop, status: request.status },
          data: { status: "cancelled", cancelReason: "not_arrived", reminderAt: null },
        });
        if (changed.count === 1) {
          await appendRequestEvent(tx, {
            shop,
            requestId: request.id,
            type: "stopped_after_postpones",
            at: now,
            detail: { postponeCount: request.postponeCount },
          });
        }
      });
      return { ok: true, request, outcome: "stopped" };
    case "postpone": {
      // Conditional on the state we decided from, so a double click postpones once.
      const changed = await db.$transaction(async (tx) => {
        const updated = await tx.reviewRequest.updateMany({
          // cancelReason too: a merchant cancelling the reminder meanwhile wins over the postpone.
          where: {
            id: request.id,
            shop,
            status: request.status,
            postponeCount: request.postponeCount,
            cancelReason: request.cancelReason,
          },
          data: {
            status: "scheduled",
            sendAt: decision.sendAt,
            postponeCount: decision.postponeCount,
            reminderAt: null,
            claimedUntil: null,
          },
        });
        if (updated.count === 1) {
          await appendRequestEvent(tx, {
            shop,
            requestId: request.id,
            type: "postponed",
            at: now,
            detail: {
              askAgainAt: decision.sendAt.toISOString(),
              postponeCount: decision.postponeCount,
              remaining: decision.remaining,
            },
          });
        }
        return updated.count === 1;
      });
      if (!changed) {
        const current = await db.reviewRequest.findUnique({ where: { id: request.id }, select: { sendAt: true } });
        return { ok: true, request, outcome: "postponed", askAgainAt: current?.sendAt ?? decision.sendAt, timezone };
      }
      return { ok: true, request, outcome: "postponed", askAgainAt: decision.sendAt, timezone };
    }
  }
}
