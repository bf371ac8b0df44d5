// The merchant's decisions on reviews: publish, reject, or put back to pending (one review or a page of them),
// and the shop's public reply under a review.
//
// A decision that moves a review onto or off the storefront changes the product's published rating, so the
// product-rating job is enqueued in the same transaction as the change, once per product touched: the
// `reviews.rating` metafields never disagree with what the storefront lists for longer than the queue takes.
// The insights figures count the same published reviews: they are recounted in the same transaction.
import { z } from "zod";
import db, { rawSql, selectRows } from "../../db.server";
import { loggerFor } from "../../logger.server";
import { closeFollowUpTaskOnReply } from "./follow-up-tasks.server";
import { MAX_MODERATED_AT_ONCE, REPLY_MAX_LENGTH } from "./merchant-review-limits";
import { REJECTION_REASONS, type RejectionReason } from "./rejection-reasons";
import { queueReplyEmail, type QueuedReplyEmail } from "./reply-email.server";
import { hideReviews, publishReviews, restoreReviews, type StateChangeOutcome } from "./review-state.server";
import { REVIEW_STATUSES, type ReviewStatus } from "./review-statuses";
import { filterSql, type ShopReviewFilters } from "./shop-reviews.server";

const ReviewIdSchema = z.string().regex(/^[\w-]{1,64}$/);

const ModerationSchema = z.object({
  shop: z.string().min(1),
  reviewIds: z.array(ReviewIdSchema).min(1).max(MAX_MODERATED_AT_ONCE),
  status: z.enum(REVIEW_STATUSES),
  reason: z.enum(REJECTION_REASONS).optional(),
  note: z.string().trim().max(1_000).optional(),
});

export type ModerationOutcome =
  | (StateChangeOutcome & { ok: true })
  /** A rejection needs a reason (and "other" a note); nothing changed. */
  | { ok: false; refused: "reason_required" | "note_required" };

/** The merchant's decision on reviews from the admin: publish, reject (with a reason) or back to pending. */
export async function moderateReviews(
  input: {
    shop: string;
    reviewIds: string[];
    status: ReviewStatus;
    reason?: RejectionReason | null;
    note?: string | null;
  },
  options: { now?: Date } = {},
): Promise<ModerationOutcome> {
  const { shop, reviewIds, status, reason, note } = ModerationSchema.parse({
    ...input,
    reason: input.reason ?? undefined,
    note: input.note ?? undefined,
  });
  const change = { shop, reviewIds, actor: "merchant" as const, note: note || null, now: options.now };
  if (status === "published") return { ok: true, ...(await publishReviews(change)) };
  if (status === "pending") return { ok: true, ...(await restoreReviews(change)) };
  if (!reason) return { ok: false, refused: "reason_required" };
  if (reason === "other" && !note) return { ok: false, refused: "note_required" };
  return { ok: true, ...(await hideReviews({ ...change, reason })) };
}

/** "Select all N matching" decides at most this many reviews in one click. */
export const MAX_MODERATED_MATCHING = 20_000;

export type MatchingModerationOutcome =
  (StateChangeOutcome & { ok: true; limited: boolean }) | { ok: false; refused: "reason_required" | "note_required" };

/**
 * A decision on every review the list's filters select (the merchant chose "all N matching", beyond the page),
 * made MAX_MODERATED_AT_ONCE at a time through moderateReviews, so each batch writes its history and recounts
 * its products' ratings in its own transaction.
 */
export async function moderateMatchingReviews(
  input: {
    shop: string;
    filters: ShopReviewFilters;
    status: ReviewStatus;
    reason?: RejectionReason | null;
    note?: string | null;
  },
  options: { now?: Date } = {},
): Promise<MatchingModerationOutcome> {
  const { shop, status, reason, note } = input;
  const { sql } = rawSql();
  // Under a status tab, that tab's reviews; under "All", every review not already in the status chosen.
  const filters = filterSql(shop, input.filters);
  const where = input.filters.status ? filters : sql`${filters} AND "status" <> ${status}`;
  const total = { changed: 0, unchanged: 0, notFound: [] as string[], limited: false };
  const recounted = new Set<string>();
  let afterId: string | undefined;
  while (total.changed + total.unchanged < MAX_MODERATED_MATCHING) {
    const batch = await selectRows<{ id: string }>(
      db,
      "Review",
      afterId ? sql`${where} AND "id" > ${afterId}` : where,
      `"id" ASC`,
      { columns: ["id"], limit: MAX_MODERATED_AT_ONCE },
    );
    if (batch.length === 0) break;
    afterId = batch[batch.length - 1].id;
    const outcome = await moderateReviews(
      { shop, reviewIds: batch.map((review) => review.id), status, reason, note },
      options,
    );
    // A refusal (a rejection without its reason) is the same for every batch: the first one says it.
    if (!outcome.ok) return outcome;
    total.changed += outcome.changed;
    total.unchanged += outcome.unchanged;
    outcome.productsRecounted.forEach((product) => recounted.add(product));
  }
  total.limited = total.changed + total.unchanged >= MAX_MODERATED_MATCHING;
  return { ok: true, ...total, productsRecounted: [...recounted] };
}

/** Field errors for the reply form, in words a merchant can act on. */
const ReplyBodySchema = z
  .string({ required_error: "Write a reply before saving." })
  .trim()
  .min(1, "Write a reply before saving.")
  .max(REPLY_MAX_LENGTH, `Keep the reply to ${REPLY_MAX_LENGTH.toLocaleString("en")} characters or fewer.`);

export type ReplyResult =
  | {
      ok: true;
      reply: { body: string; createdAt: Date; updatedAt: Date };
      created: boolean;
      email: QueuedReplyEmail | null;
    }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "invalid"; fieldErrors: { body: string } };

/**
 * Creates the shop's public reply under a review, or replaces its text; with `emailReviewer` the reply is also
 * sent to the reviewer by email. A reply closes the review's follow-up task.
 */
export async function saveReviewReply(
  input: { shop: string; reviewId: string; body: unknown; emailReviewer?: boolean },
  options: { now?: Date } = {},
): Promise<ReplyResult> {
  const body = ReplyBodySchema.safeParse(input.body ?? "");
  if (!body.success) return { ok: false, reason: "invalid", fieldErrors: { body: body.error.issues[0].message } };
  if (!ReviewIdSchema.safeParse(input.reviewId).success) return { ok: false, reason: "not_found" };

  const review = await db.review.findFirst({
    where: { shop: input.shop, id: input.reviewId },
    select: { id: true, reply: { select: { id: true } } },
  });
  if (!review) return { ok: false, reason: "not_found" };
  const now = options.now ?? new Date();
  const { reply, email } = await db.$transaction(async (tx) => {
    const saved = await tx.reviewReply.upsert({
      where: { reviewId: review.id },
      create: { shop: input.shop, reviewId: review.id, body: body.data },
      update: { body: body.data },
      select: { body: true, createdAt: true, updatedAt: true },
    });
    await closeFollowUpTaskOnReply(tx, input.shop, review.id, now);
    const queued = input.emailReviewer
      ? await queueReplyEmail(tx, { shop: input.shop, reviewId: review.id, kind: "public_reply", body: body.data, now })
      : null;
    return { reply: saved, email: queued };
  });
  loggerFor({ shop: input.shop, module: "reviews" }).info(
    { reviewId: review.id, created: !review.reply, emailed: email?.status ?? null },
    "review reply saved",
  );
  return { ok: true, reply, created: !review.reply, email };
}

export type PrivateReplyResult =
  | { ok: true; email: QueuedReplyEmail }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "invalid"; fieldErrors: { body: string } };

/**
 * A private reply: sent to the reviewer by email only, never shown on the storefront (a complaint the merchant
 * handles off the page). It closes the follow-up task like a public reply.
 */
export async function sendPrivateReply(
  input: { shop: string; reviewId: string; body: unknown },
  options: { now?: Date } = {},
): Promise<PrivateReplyResult> {
  const body = ReplyBodySchema.safeParse(input.body ?? "");
  if (!body.success) return { ok: false, reason: "invalid", fieldErrors: { body: body.error.issues[0].message } };
  if (!ReviewIdSchema.safeParse(input.reviewId).success) return { ok: false, reason: "not_found" };
  const now = options.now ?? new Date();
  const email = await db.$transaction(async (tx) => {
    const review = await tx.review.findFirst({ where: { shop: input.shop, id: input.reviewId }, select: { id: true } });
    if (!review) return null;
    const queued = await queueReplyEmail(tx, {
      shop: input.shop,
      reviewId: review.id,
      kind: "private_reply",
      body: body.data,
      now,
    });
    if (queued.status === "queued") await closeFollowUpTaskOnReply(tx, input.shop, review.id, now);
    return queued;
  });
  if (!email) return { ok: false, reason: "not_found" };
  return { ok: true, email };
}

/** Removes the shop's reply; false when the shop has no such review or it had no reply. */
export async function deleteReviewReply(input: { shop: string; reviewId: string }): Promise<boolean> {
  if (!ReviewIdSchema.safeParse(input.reviewId).success) return false;
  // The shop is checked on the reply row itself, so another shop's review id removes nothing.
  const deleted = await db.reviewReply.deleteMany({ where: { shop: input.shop, reviewId: input.reviewId } });
  return deleted.count > 0;
}
