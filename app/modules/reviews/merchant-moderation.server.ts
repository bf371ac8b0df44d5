// The merchant's decisions on reviews: publish, reject, or put back to pending (one review or a page of them),
// and the shop's public reply under a review.
//
// A decision that moves a review onto or off the storefront changes the product's published rating, so the
// product-rating job is enqueued in the same transaction as the change, once per product touched: the
// `reviews.rating` metafields never disagree with what the storefront lists for longer than the queue takes.
import { z } from "zod";
import db from "../../db.server";
import { loggerFor } from "../../logger.server";
import { enqueueJob } from "../jobs";
import { UPDATE_PRODUCT_RATING_JOB } from "./after-review-saved";
import { MAX_MODERATED_AT_ONCE, REPLY_MAX_LENGTH } from "./merchant-review-limits";
import { REVIEW_STATUSES, type ReviewStatus } from "./review-statuses";
import { filterWhere, type ShopReviewFilters } from "./shop-reviews.server";

const ReviewIdSchema = z.string().regex(/^[\w-]{1,64}$/);

const ModerationSchema = z.object({
  shop: z.string().min(1),
  reviewIds: z.array(ReviewIdSchema).min(1).max(MAX_MODERATED_AT_ONCE),
  status: z.enum(REVIEW_STATUSES),
});

export interface ModerationOutcome {
  /** Reviews whose status changed. */
  changed: number;
  /** Reviews of the shop that already had that status. */
  unchanged: number;
  /** Ids the shop has no review for (another shop's, deleted, made up). */
  notFound: string[];
  /** Products whose rating is being recounted. */
  productsRecounted: string[];
}

export async function moderateReviews(
  input: { shop: string; reviewIds: string[]; status: ReviewStatus },
  options: { now?: Date } = {},
): Promise<ModerationOutcome> {
  const { shop, status } = ModerationSchema.parse(input);
  const reviewIds = [...new Set(input.reviewIds)];
  const now = options.now ?? new Date();

  const outcome = await db.$transaction(async (tx) => {
    const reviews = await tx.review.findMany({
      where: { shop, id: { in: reviewIds } },
      select: { id: true, status: true, productShopifyId: true },
    });
    const toChange = reviews.filter((review) => review.status !== status);
    if (toChange.length > 0) {
      await tx.review.updateMany({
        // Filtering on the status again keeps a concurrent decision from being counted twice.
        where: { shop, id: { in: toChange.map((review) => review.id) }, status: { not: status } },
        data: { status, publishedAt: status === "published" ? now : null },
      });
    }
    // Only a move onto or off the storefront changes a product's published rating.
    const recount = new Set(
      toChange
        .filter((review) => review.status === "published" || status === "published")
        .map((review) => review.productShopifyId),
    );
    for (const productShopifyId of recount) {
      await enqueueJob({ type: UPDATE_PRODUCT_RATING_JOB, shop, payload: { shop, productShopifyId } }, tx);
    }
    const found = new Set(reviews.map((review) => review.id));
    return {
      changed: toChange.length,
      unchanged: reviews.length - toChange.length,
      notFound: reviewIds.filter((id) => !found.has(id)),
      productsRecounted: [...recount],
    };
  });

  loggerFor({ shop, module: "reviews" }).info(
    {
      status,
      changed: outcome.changed,
      unchanged: outcome.unchanged,
      notFound: outcome.notFound.length,
      products: outcome.productsRecounted,
    },
    "reviews moderated",
  );
  return outcome;
}

/** "Select all N matching" decides at most this many reviews in one click. */
export const MAX_MODERATED_MATCHING = 20_000;

/**
 * A decision on every review the list's filters select (the merchant chose "all N matching", beyond the page),
 * made MAX_MODERATED_AT_ONCE at a time through moderateReviews, so each batch recounts its products' ratings.
 */
export async function moderateMatchingReviews(
  input: { shop: string; filters: ShopReviewFilters; status: ReviewStatus },
  options: { now?: Date } = {},
): Promise<ModerationOutcome & { limited: boolean }> {
  const { shop, status } = input;
  const where = { ...filterWhere(shop, input.filters), status: input.filters.status ?? { not: status } };
  const total: ModerationOutcome & { limited: boolean } = {
    changed: 0,
    unchanged: 0,
    notFound: [],
    productsRecounted: [],
    limited: false,
  };
  const recounted = new Set<string>();
  let afterId: string | undefined;
  while (total.changed + total.unchanged < MAX_MODERATED_MATCHING) {
    const batch = await db.review.findMany({
      where: { ...where, ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: "asc" },
      take: MAX_MODERATED_AT_ONCE,
      select: { id: true },
    });
    if (batch.length === 0) break;
    afterId = batch[batch.length - 1].id;
    const outcome = await moderateReviews({ shop, reviewIds: batch.map((review) => review.id), status }, options);
    total.changed += outcome.changed;
    total.unchanged += outcome.unchanged;
    outcome.productsRecounted.forEach((product) => recounted.add(product));
  }
  total.limited = total.changed + total.unchanged >= MAX_MODERATED_MATCHING;
  total.productsRecounted = [...recounted];
  return total;
}

/** Field errors for the reply form, in words a merchant can act on. */
const ReplyBodySchema = z
  .string({ required_error: "Write a reply before saving." })
  .trim()
  .min(1, "Write a reply before saving.")
  .max(REPLY_MAX_LENGTH, `Keep the reply to ${REPLY_MAX_LENGTH.toLocaleString("en")} characters or fewer.`);

export type ReplyResult =
  | { ok: true; reply: { body: string; createdAt: Date; updatedAt: Date }; created: boolean }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "invalid"; fieldErrors: { body: string } };

/** Creates the shop's public reply under a review, or replaces its text. */
export async function saveReviewReply(input: { shop: string; reviewId: string; body: unknown }): Promise<ReplyResult> {
  const body = ReplyBodySchema.safeParse(input.body ?? "");
  if (!body.success) return { ok: false, reason: "invalid", fieldErrors: { body: body.error.issues[0].message } };
  if (!ReviewIdSchema.safeParse(input.reviewId).success) return { ok: false, reason: "not_found" };

  const review = await db.review.findFirst({
    where: { shop: input.shop, id: input.reviewId },
    select: { id: true, reply: { select: { id: true } } },
  });
  if (!review) return { ok: false, reason: "not_found" };
  const reply = await db.reviewReply.upsert({
    where: { reviewId: review.id },
    create: { shop: input.shop, reviewId: review.id, body: body.data },
    update: { body: body.data },
    select: { body: true, createdAt: true, updatedAt: true },
  });
  loggerFor({ shop: input.shop, module: "reviews" }).info(
    { reviewId: review.id, created: !review.reply },
    "review reply saved",
  );
  return { ok: true, reply, created: !review.reply };
}

/** Removes the shop's reply; false when the shop has no such review or it had no reply. */
export async function deleteReviewReply(input: { shop: string; reviewId: string }): Promise<boolean> {
  if (!ReviewIdSchema.safeParse(input.reviewId).success) return false;
  // The shop is checked on the reply row itself, so another shop's review id removes nothing.
  const deleted = await db.reviewReply.deleteMany({ where: { shop: input.shop, reviewId: input.reviewId } });
  return deleted.count > 0;
}
