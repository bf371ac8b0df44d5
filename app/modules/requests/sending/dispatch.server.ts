// requests.dispatch-due: claims due requests and reminders, re-checks each right before sending, and sends.
// Safe with any number of workers: a request is claimed with a conditional update (claimedUntil), and the
// email itself is sent at most once per idempotency key (send-email.server.ts).
import db from "../../../db.server";
import { describeFailure } from "../../jobs";
import { loggerFor } from "../../../logger.server";
import { getSettings, type ShopSettings } from "../../settings";
import { loadCustomerHistory } from "../scheduling/customer-history.server";
import { renderReviewEmail } from "../email/render";
import { emailPointsOffer } from "../email/points-offer";
import { senderAddress, smtpTransportFromEnv, type MailTransport } from "./mail-transport.server";
import { appendRequestEvent } from "../request-events.server";
import { isShopInstalled, loadShopBrand, shopsNotInstalled, type ShopBrand } from "../../shops";
import { requestLinks } from "../shopper-pages/request-links.server";
import { addLocalDays, decideDispatch, reminderDueAt, type EmailKind } from "../scheduling/schedule";
import { SEND_LEASE_MS, sendEmailOnce, type SendOutcome } from "./send-email.server";
import { customerLanguageOr } from "../../shopper-language";

/** SMTP refusals are retried this many times (with growing pauses) before the request is marked failed. */
export const MAX_SEND_ATTEMPTS = 5;
const RETRY_BASE_MS = 15 * 60_000;

export interface DispatchOptions {
  now?: Date;
  /** Most requests handled in one run; the next run picks up the rest. */
  limit?: number;
  shop?: string;
  transport?: MailTransport;
}

export interface DispatchSummary {
  claimed: number;
  sent: number;
  reminded: number;
  unconfirmed: number;
  rescheduled: number;
  cancelled: number;
  skipped: number;
  reviewed: number;
  failed: number;
  /** Not sent because the app is not installed in the shop (uninstalled after the run listed it). */
  held: number;
}

type ClaimedRequest = NonNullable<Awaited<ReturnType<typeof loadClaimed>>>;

function loadClaimed(id: string) {
  return db.reviewRequest.findUnique({ where: { id }, include: { items: { orderBy: { position: "asc" } } } });
}

/** The idempotency key of the email a request would send now: one per request round, one reminder. */
export function emailKeyFor(request: { id: string; postponeCount: number }, kind: EmailKind): string {
  return kind === "reminder" ? `${request.id}:reminder` : `${request.id}:request:${request.postponeCount}`;
}

export async function dispatchDueRequests(options: DispatchOptions = {}): Promise<DispatchSummary> {
  const now = options.now ?? new Date();
  const summary: DispatchSummary = {
    claimed: 0,
    sent: 0,
    reminded: 0,
    unconfirmed: 0,
    rescheduled: 0,
    cancelled: 0,
    skipped: 0,
    reviewed: 0,
    failed: 0,
    held: 0,
  };
  const notClaimed = { OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] };
  // An uninstalled shop's requests wait (they are neither claimed nor sent) until a reinstall, when the
  // ordinary re-check below decides which are still worth sending; shop/redact deletes them.
  const notInstalled = await shopsNotInstalled();
  const candidates = await db.reviewRequest.findMany({
    where: {
      ...(options.shop ? { shop: options.shop } : {}),
      ...(notInstalled.length > 0 ? { NOT: { shop: { in: notInstalled } } } : {}),
      AND: [
        notClaimed,
        {
          OR: [
            { status: "scheduled", sendAt: { lte: now } },
            { status: "sent", remindedAt: null, reminderAt: { lte: now } },
          ],
        },
      ],
    },
    orderBy: { sendAt: "asc" },
    take: options.limit ?? 200,
    select: { id: true },
  });
  let transport = options.transport;
  for (const { id } of candidates) {
    const claim = await db.reviewRequest.updateMany({
      where: { id, ...notClaimed },
      data: { claimedUntil: new Date(now.getTime() + SEND_LEASE_MS) },
    });
    if (claim.count !== 1) continue;
    summary.claimed += 1;
    const request = await loadClaimed(id);
    if (!request) continue;
    const log = loggerFor({ shop: request.shop, module: "requests" });
    try {
      transport ??= smtpTransportFromEnv();
      const result = await handleClaimedRequest(request, now, transport);
      if (result !== "none") summary[result] += 1;
    } catch (error) {
      summary.failed += 1;
      log.error({ err: error, requestId: id }, "dispatch failed for a review request; it will be tried again");
      await db.reviewRequest.update({
        where: { id },
        data: { claimedUntil: null, lastError: describeFailure(error) },
      });
      // A missing mail configuration fails every request the same way: stop this run and let the job retry.
      if ((error as Error).name === "MailNotConfiguredError") throw error;
    }
  }
  return summary;
}

type HandledAs = keyof Omit<DispatchSummary, "claimed"> | "none";

async function handleClaimedRequest(request: ClaimedRequest, now: Date, transport: MailTransport): Promise<HandledAs> {
  const { shop } = request;
  const release = { claimedUntil: null };
  const [order, settings, brand, customer] = await Promise.all([
    db.order.findFirst({ where: { id: request.orderId, shop }, include: { lines: true } }),
    getSettings(shop),
    loadShopBrand(shop),
    request.customerId ? db.customer.findFirst({ where: { id: request.customerId, shop } }) : null,
  ]);
  if (!order) {
    await db.$transaction(async (tx) => {
      await tx.reviewRequest.update({
        where: { id: request.id },
        data: { ...release, status: "cancelled", cancelReason: "order_removed", reminderAt: null },
      });
      await appendRequestEvent(tx, {
        shop,
        requestId: request.id,
        type: "cancelled",
        at: now,
        detail: { reason: "order_removed" },
      });
    });
    return "cancelled";
  }

  const kindDue: EmailKind = request.status === "scheduled" ? "request" : "reminder";
  if (!(await isShopInstalled(shop))) {
    await db.reviewRequest.update({ where: { id: request.id }, data: release });
    return "held";
  }
  // A previous attempt may have sent this very email and died before recording it: settle that first,
  // whatever the window or the cap say now.
  const previous = await db.emailMessage.findUnique({ where: { idempotencyKey: emailKeyFor(request, kindDue) } });
  if (previous && previous.status !== "pending" && previous.status !== "failed") {
    const outcome = await sendEmailOnce({
      shop,
      requestId: request.id,
      kind: kindDue,
      idempotencyKey: previous.idempotencyKey,
      email: storedEmail(previous),
      now,
      transport,
    });
    return recordOutcome(request, kindDue, outcome, settings, brand, now);
  }

  const history = await loadCustomerHistory({
    shop,
    customerId: request.customerId,
    email: request.email,
    excludeRequestId: request.id,
  });
  const decision = decideDispatch({
    request: {
      status: request.status,
      sendAt: request.sendAt,
      sentAt: request.sentAt,
      reminderAt: request.reminderAt,
      remindedAt: request.remindedAt,
      postponeCount: request.postponeCount,
      itemCount: request.items.length,
      reviewedItemCount: request.items.filter((i) => i.reviewedAt).length,
      sendNowRequested: request.sendNowRequestedAt !== null,
    },
    order: { cancelledAt: order.cancelledAt, financialStatus: order.financialStatus, lines: order.lines },
    customer: { email: request.email, optedOut: history.optedOut, lastRequestEmailAt: history.lastRequestEmailAt },
    settings,
    zone: brand.timezone,
    now,
  });

  switch (decision.kind) {
    case "not_due":
      await db.reviewRequest.update({ where: { id: request.id }, data: release });
      return "none";
    case "reviewed":
      await settle(request, now, { status: "reviewed", reviewedAt: now, reminderAt: null }, "reviewed", {});
      return "reviewed";
    case "cancel":
      await settle(
        request,
        now,
        { status: "cancelled", cancelReason: decision.reason, reminderAt: null },
        "cancelled",
        { reason: decision.reason },
      );
      return "cancelled";
    case "skip":
      await settle(request, now, { status: "skipped", cancelReason: decision.reason }, "skipped", {
        reason: decision.reason,
      });
      return "skipped";
    case "drop_reminder":
      await settle(request, now, { reminderAt: null }, "reminder_dropped", { reason: decision.reason });
      return "none";
    case "reschedule":
      await settle(
        request,
        now,
        decision.email === "request" ? { sendAt: decision.at } : { reminderAt: decision.at },
        "deferred",
        { email: decision.email, reason: decision.reason, until: decision.at.toISOString() },
      );
      return "rescheduled";
    case "send":
      break;
  }

  // Asked again at the moment of sending: the app may have been uninstalled since this run listed the request.
  if (!(await isShopInstalled(shop))) {
    await db.reviewRequest.update({ where: { id: request.id }, data: release });
    loggerFor({ shop, module: "requests" }).info(
      { requestId: request.id },
      "review request held: the app is not installed in the shop",
    );
    return "held";
  }

  const kind = decision.email;
  // Decided again at send time, so a change of the "Default language" setting reaches emails already planned.
  const locale = customerLanguageOr([customer?.locale, order.locale], settings.defaultLocale);
  const links = requestLinks(request, addLocalDays(now, settings.tokenTtlDays, "UTC"));
  const products = request.items.filter((i) => !i.reviewedAt);
  const rendered = renderReviewEmail({
    kind,
    locale,
    shopName: brand.name,
    brandColor: brand.brandColor,
    customerFirstName: customer?.firstName ?? null,
    orderName: order.name,
    products,
    pointsOffer: await emailPointsOffer(shop, {
      customerShopifyId: customer?.shopifyId ?? null,
      productShopifyIds: products.map((item) => item.productShopifyId),
    }),
    links,
  });
  const from = { name: settings.senderName || brand.name, address: senderAddress() };
  const outcome = await sendEmailOnce({
    shop,
    requestId: request.id,
    kind,
    idempotencyKey: emailKeyFor(request, kind),
    email: {
      from,
      to: request.email as string,
      replyTo: settings.replyToEmail ?? brand.email,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      headers: {
        // RFC 8058 one-click unsubscribe: mail clients POST "List-Unsubscribe=One-Click" to this URL.
        "List-Unsubscribe": `<${links.unsubscribe}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "X-Kundrost-Shop": shop,
        "X-Kundrost-Request": request.id,
      },
    },
    now,
    transport,
  });
  return recordOutcome(request, kind, outcome, settings, brand, now, locale);
}

function storedEmail(row: { toAddress: string; subject: string; html: string; text: string; headers: string }) {
  const stored = JSON.parse(row.headers) as {
    from?: { name: string; address: string };
    replyTo?: string | null;
  } & Record<string, unknown>;
  const { from, replyTo, ...headers } = stored;
  return {
    from: from ?? { name: "", address: senderAddress() },
    to: row.toAddress,
    replyTo: replyTo ?? null,
    subject: row.subject,
    html: row.html,
    text: row.text,
    headers: headers as Record<string, string>,
  };
}

async function settle(
  request: ClaimedRequest,
  now: Date,
  data: Parameters<typeof db.reviewRequest.update>[0]["data"],
  event: Parameters<typeof appendRequestEvent>[1]["type"],
  detail: Record<string, unknown>,
): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.reviewRequest.update({ where: { id: request.id }, data: { ...data, claimedUntil: null } });
    await appendRequestEvent(tx, { shop: request.shop, requestId: request.id, type: event, at: now, detail });
  });
}

async function recordOutcome(
  request: ClaimedRequest,
  kind: EmailKind,
  outcome: SendOutcome,
  settings: ShopSettings,
  brand: ShopBrand,
  now: Date,
  /** The language the email was rendered in (unknown when an earlier attempt's stored email is settled). */
  locale?: string,
): Promise<HandledAs> {
  const { shop } = request;
  if (outcome.status === "in_flight") return "none";
  if (outcome.status === "failed") {
    const giveUp = outcome.permanent || outcome.attempts >= MAX_SEND_ATTEMPTS;
    const retryAt = new Date(now.getTime() + RETRY_BASE_MS * 2 ** (outcome.attempts - 1));
    await settle(
      request,
      now,
      giveUp
        ? kind === "request"
          ? { status: "failed", lastError: outcome.error }
          : { reminderAt: null, lastError: outcome.error }
        : { ...(kind === "request" ? { sendAt: retryAt } : { reminderAt: retryAt }), lastError: outcome.error },
      giveUp ? "failed" : "send_failed",
      {
        email: kind,
        error: outcome.error,
        attempts: outcome.attempts,
        ...(giveUp ? {} : { retryAt: retryAt.toISOString() }),
      },
    );
    return "failed";
  }
  const sentAt = outcome.sentAt;
  await db.$transaction(async (tx) => {
    if (kind === "request") {
      await tx.reviewRequest.update({
        where: { id: request.id },
        data: {
          status: "sent",
          // The language the email went out in: the shopper pages behind its links speak the same.
          ...(locale ? { locale } : {}),
          sentAt: request.sentAt ?? sentAt,
          lastSentAt: sentAt,
          reminderAt: reminderDueAt(sentAt, request.remindedAt !== null, settings, brand.timezone),
          sendNowRequestedAt: null,
          claimedUntil: null,
          lastError: null,
        },
      });
      if (request.customerId) {
        await tx.customer.updateMany({ where: { id: request.customerId, shop }, data: { lastRequestSentAt: sentAt } });
      }
    } else {
      await tx.reviewRequest.update({
        where: { id: request.id },
        data: {
          status: "reminded",
          remindedAt: sentAt,
          reminderAt: null,
          sendNowRequestedAt: null,
          claimedUntil: null,
          lastError: null,
        },
      });
    }
    await appendRequestEvent(tx, {
      shop,
      requestId: request.id,
      type: outcome.status === "unconfirmed" ? "send_unconfirmed" : kind === "request" ? "sent" : "reminded",
      at: now,
      detail: {
        email: kind,
        messageId: outcome.messageId,
        round: request.postponeCount,
        ...(outcome.status === "unconfirmed" ? { note: "not re-sent to avoid a duplicate" } : {}),
      },
    });
  });
  if (outcome.status === "unconfirmed") return "unconfirmed";
  return kind === "request" ? "sent" : "reminded";
}
