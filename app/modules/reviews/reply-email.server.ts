// Telling the customer they were heard: the shop's reply (public, or private = email only) sent to the reviewer
// through the same at-most-once mail path as review requests (requests' sendEmailOnce: an EmailMessage row per
// idempotency key written before SMTP, never re-sent once handed off). The row here is queued in the
// merchant's transaction; the job renders and sends it.
import { z } from "zod";
import db, { type DbClient } from "../../db.server";
import { defineJob, enqueueJob, TerminalJobError } from "../jobs";
import { normaliseEmail } from "../customers";
import { loadShopBrand, requireInstalledShop } from "../shops";
import { senderAddress, sendEmailOnce, smtpTransportFromEnv, type MailTransport } from "../requests";
import { getSettings } from "../settings";
import { renderReplyEmail } from "./reply-email-render";
import { recordReviewHistory } from "./review-history.server";
import { reviewLinks } from "./review-links.server";
import { pickShopperLanguage } from "../shopper-language";

export const SEND_REPLY_EMAIL_JOB = "reviews.send-reply-email";

export type ReplyEmailKind = "public_reply" | "private_reply";

export interface QueuedReplyEmail {
  id: string | null;
  /**
   * queued: it will be sent; no_address: the review has no email (anonymous, imported without one);
   * suppressed: the reviewer unsubscribed.
   */
  status: "queued" | "no_address" | "suppressed";
}

/** Queues the reply email in the caller's transaction; the history records it either way. */
export async function queueReplyEmail(
  tx: DbClient,
  input: { shop: string; reviewId: string; kind: ReplyEmailKind; body: string; now: Date },
): Promise<QueuedReplyEmail> {
  const review = await tx.review.findFirst({
    where: { shop: input.shop, id: input.reviewId },
    select: { email: true, anonymized: true },
  });
  const address = review && !review.anonymized ? normaliseEmail(review.email) : null;
  const history = {
    shop: input.shop,
    reviewId: input.reviewId,
    action: input.kind === "public_reply" ? "reply_emailed" : "private_reply",
    actor: "merchant",
    at: input.now,
  } as const;
  if (!address) {
    await recordReviewHistory(tx, { ...history, note: "Not emailed: the review has no email address." });
    return { id: null, status: "no_address" };
  }
  const suppressed = await tx.emailSuppression.findUnique({
    where: { shop_email: { shop: input.shop, email: address } },
  });
  if (suppressed) {
    await recordReviewHistory(tx, {
      ...history,
      note: "Not emailed: the reviewer unsubscribed from the shop's emails.",
    });
    return { id: null, status: "suppressed" };
  }
  const row = await tx.reviewReplyEmail.create({
    data: {
      shop: input.shop,
      reviewId: input.reviewId,
      kind: input.kind,
      body: input.body,
      toAddress: address,
      createdAt: input.now,
    },
  });
  await recordReviewHistory(tx, { ...history, note: input.kind === "private_reply" ? input.body : null });
  await enqueueJob(
    { type: SEND_REPLY_EMAIL_JOB, shop: input.shop, payload: { shop: input.shop, replyEmailId: row.id } },
    tx,
  );
  return { id: row.id, status: "queued" };
}

/** The idempotency key of a reply email: one message per queued reply, whatever happens to the job. */
export function replyEmailKey(replyEmailId: string): string {
  return `review-reply:${replyEmailId}`;
}

export async function sendReplyEmail(
  input: { shop: string; replyEmailId: string },
  options: { now?: Date; transport?: MailTransport } = {},
): Promise<"sent" | "unconfirmed" | "in_flight" | "failed" | "gone" | "suppressed"> {
  const now = options.now ?? new Date();
  const row = await db.reviewReplyEmail.findFirst({ where: { shop: input.shop, id: input.replyEmailId } });
  if (!row) return "gone";
  if (row.status === "sent" || row.status === "unconfirmed") return row.status;
  const review = await db.review.findFirst({ where: { shop: input.shop, id: row.reviewId } });
  if (!review || review.anonymized) {
    await db.reviewReplyEmail.update({
      where: { id: row.id },
      data: { status: "failed", error: "The review was deleted or anonymised before the email went out." },
    });
    return "gone";
  }
  // The reviewer may have unsubscribed between the click and the send.
  if (await db.emailSuppression.findUnique({ where: { shop_email: { shop: input.shop, email: row.toAddress } } })) {
    await db.reviewReplyEmail.update({ where: { id: row.id }, data: { status: "suppressed" } });
    return "suppressed";
  }
  // Nothing reaches a shopper for a shop that is not installed now: the job is cancelled and a reinstall resumes it.
  await requireInstalledShop(input.shop);
  const [brand, settings, product, customer] = await Promise.all([
    loadShopBrand(input.shop),
    getSettings(input.shop),
    db.product.findFirst({ where: { shop: input.shop, shopifyId: review.productShopifyId }, select: { title: true } }),
    review.customerId
      ? db.customer.findFirst({
          where: { shop: input.shop, id: review.customerId },
          select: { firstName: true, locale: true },
        })
      : null,
  ]);
  const locale = pickShopperLanguage(review.locale, customer?.locale, brand.primaryLocale, settings.defaultLocale);
  const links = reviewLinks(review, new Date(now.getTime() + settings.tokenTtlDays * 86_400_000));
  const rendered = renderReplyEmail({
    kind: row.kind === "private_reply" ? "private_reply" : "public_reply",
    locale,
    shopName: brand.name,
    brandColor: brand.brandColor,
    reviewerName: customer?.firstName ?? (review.displayName.split(" ")[0] || null),
    productTitle: product?.title ?? "",
    review: { rating: review.rating, title: review.title, body: review.body },
    reply: row.body,
    links,
  });
  const outcome = await sendEmailOnce({
    shop: input.shop,
    requestId: review.requestId,
    kind: row.kind,
    idempotencyKey: replyEmailKey(row.id),
    email: {
      from: { name: settings.senderName || brand.name, address: senderAddress() },
      to: row.toAddress,
      replyTo: settings.replyToEmail,
      ...rendered,
      headers: {
        // RFC 8058 one-click unsubscribe, as in the request emails.
        "List-Unsubscribe": `<${links.unsubscribe}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "X-Kundrost-Shop": input.shop,
        "X-Kundrost-Review": review.id,
      },
    },
    now,
    transport: options.transport ?? smtpTransportFromEnv(),
  });
  if (outcome.status === "in_flight") return "in_flight";
  if (outcome.status === "failed") {
    await db.reviewReplyEmail.update({
      where: { id: row.id },
      data: { status: outcome.permanent ? "failed" : "queued", error: outcome.error },
    });
    if (outcome.permanent) return "failed";
    throw new Error(`The mail relay refused the reply email: ${outcome.error}`);
  }
  await db.reviewReplyEmail.update({
    where: { id: row.id },
    data: { status: outcome.status, sentAt: outcome.sentAt, error: null },
  });
  return outcome.status;
}

export const sendReplyEmailJob = defineJob({
  type: SEND_REPLY_EMAIL_JOB,
  schema: z.object({ shop: z.string().min(1), replyEmailId: z.string().min(1) }),
  maxAttempts: 6,
  async run(payload, ctx) {
    const result = await sendReplyEmail(payload);
    if (result === "in_flight") throw new Error("Another worker is sending this reply email; checking again later.");
    if (result === "failed") throw new TerminalJobError("The mail relay refused the reply email for good.");
    ctx.log.info({ replyEmailId: payload.replyEmailId, result }, "review reply email handled");
  },
});
