// The one path for every moderation state change of an existing review: publish, hide (reject, with a
// reason), restore (back to the queue), hold (the rules or shoppers' reports put it back in the queue) and
// delete. Each is one function; each writes the change, its history entry, the product's rating refresh, the
// insights figures' recount and the follow-up jobs in ONE transaction. Other capabilities attach to these paths through
// `afterReviewStatusChangedJobs` (loyalty: points pending until published, reversed when hidden or deleted),
// never by writing review statuses themselves.
import { z } from "zod";
import db, { type Prisma } from "../../db.server";
import { loggerFor } from "../../logger.server";
import { forgetReviewInsights, recountReviews } from "../insights";
import { enqueueJob, type EnqueueJobInput } from "../jobs";
import { forgetReviewMedia } from "../media";
import { loyaltyReviewChangedJob } from "./after-review-saved";
import { MAX_MODERATED_AT_ONCE } from "./merchant-review-limits";
import type { ModerationReason } from "./moderation";
import { markProductRatingsStale } from "./rating-metafields.server";
import { REJECTION_REASONS, type RejectionReason } from "./rejection-reasons";
import { recordReviewHistory, type HistoryAction, type HistoryActor } from "./review-history.server";
import type { ReviewStatus } from "./review-statuses";
import { lockReviewTallies } from "./review-tallies.server";

type Tx = Prisma.TransactionClient;

export interface ReviewStatusChangedEvent {
  shop: string;
  reviewId: string;
  productShopifyId: string;
  customerId: string | null;
  rating: number;
  fromStatus: ReviewStatus;
  /** null when the review was deleted. */
  toStatus: ReviewStatus | null;
  actor: HistoryActor;
  at: Date;
}

export type AfterReviewStatusChanged = (event: ReviewStatusChangedEvent) => EnqueueJobInput | null;

/** Every state change of a customer's review: loyalty re-reads the facts (status, verified, media), not the rating. */
const loyaltyCredit: AfterReviewStatusChanged = (event) =>
  event.customerId ? loyaltyReviewChangedJob(event.shop, event.customerId, event.productShopifyId) : null;

/** Builders asked, inside the transaction of every state change, which job to enqueue (one per capability). */
const afterReviewStatusChangedJobs: readonly AfterReviewStatusChanged[] = [loyaltyCredit];

const ReviewIdSchema = z.string().regex(/^[\w-]{1,64}$/);
const IdsSchema = z.array(ReviewIdSchema).min(1).max(MAX_MODERATED_AT_ONCE);
const NoteSchema = z.string().trim().max(1_000).optional().nullable();

export interface StateChangeInput {
  shop: string;
  reviewIds: string[];
  actor: HistoryActor;
  note?: string | null;
  now?: Date;
}

export interface StateChangeOutcome {
  /** Reviews whose state changed. */
  changed: number;
  /** Reviews of the shop that already were in that state. */
  unchanged: number;
  /** Ids the shop has no review for (another shop's, deleted, made up). */
  notFound: string[];
  /** Products whose published rating changed, so their metafields are being rewritten. */
  productsRecounted: string[];
}

interface Change {
  to: ReviewStatus | null;
  action: HistoryAction;
  reasons: string[];
}

async function applyStateChange(tx: Tx, input: StateChangeInput, change: Change): Promise<StateChangeOutcome> {
  const shop = z.string().min(1).parse(input.shop);
  const reviewIds = [...new Set(IdsSchema.parse(input.reviewIds))];
  const note = NoteSchema.parse(input.note) || null;
  const at = input.now ?? new Date();
  // Before any review is written (the caller's transaction may write more of them): see lockReviewTallies.
  await lockReviewTallies(tx, shop);
  const reviews = await tx.review.findMany({
    where: { shop, id: { in: reviewIds } },
    select: { id: true, status: true, productShopifyId: true, customerId: true, rating: true },
  });
  const toChange = change.to === null ? reviews : reviews.filter((review) => review.status !== change.to);
  const ids = toChange.map((review) => review.id);
  if (ids.length > 0) {
    if (change.to === null) {
      // Deleting a review cascades its topic mentions; the weekly insight counts must lose them too.
      await forgetReviewInsights(tx, shop, ids);
      // The photos' and videos' rows go now; the media module's job deletes their files (disk or bucket).
      await forgetReviewMedia(tx, shop, ids);
      await tx.reviewVote.deleteMany({ where: { shop, reviewId: { in: ids } } });
      await tx.followUpTask.deleteMany({ where: { shop, reviewId: { in: ids } } });
      await tx.reviewPhotoFetch.deleteMany({ where: { shop, reviewId: { in: ids } } });
      await tx.review.deleteMany({ where: { shop, id: { in: ids } } });
    } else {
      await tx.review.updateMany({
        // Filtering on the status again keeps a concurrent decision from being counted twice.
        where: { shop, id: { in: ids }, status: { not: change.to } },
        data: {
          status: change.to,
          publishedAt: change.to === "published" ? at : null,
          ...(change.to === "pending" && change.reasons.length > 0
            ? { heldReasons: JSON.stringify(change.reasons) }
            : {}),
          // Shoppers' reports count again from zero once the merchant has looked at the review.
          ...(input.actor === "merchant" ? { reportCount: 0 } : {}),
        },
      });
      // The insights figures count what the product rating counts (published): they move in the same transaction.
      await recountReviews(tx, shop, ids);
    }
    await recordReviewHistory(
      tx,
      toChange.map((review) => ({
        shop,
        reviewId: review.id,
        action: change.action,
        actor: input.actor,
        fromStatus: review.status,
        toStatus: change.to,
        reasons: change.reasons,
        note,
        at,
      })),
    );
  }
  // Only a move onto or off the storefront changes a product's published rating.
  const recount = [
    ...new Set(
      toChange
        .filter((review) => review.status === "published" || change.to === "published")
        .map((review) => review.productShopifyId),
    ),
  ];
  await markProductRatingsStale(tx, shop, recount);
  for (const review of toChange) {
    const event: ReviewStatusChangedEvent = {
      shop,
      reviewId: review.id,
      productShopifyId: review.productShopifyId,
      customerId: review.customerId,
      rating: review.rating,
      fromStatus: review.status as ReviewStatus,
      toStatus: change.to,
      actor: input.actor,
      at,
    };
    for (const followUp of afterReviewStatusChangedJobs) {
      const job = followUp(event);
      if (job) await enqueueJob(job, tx);
    }
  }
  const found = new Set(reviews.map((review) => review.id));
  return {
    changed: toChange.length,
    unchanged: reviews.length - toChange.length,
    notFound: reviewIds.filter((id) => !found.has(id)),
    productsRecounted: recount,
  };
}

async function run(input: StateChangeInput, change: Change, client?: Tx): Promise<StateChangeOutcome> {
  const outcome = client
    ? await applyStateChange(client, input, change)
    : await db.$transaction((tx) => applyStateChange(tx, input, change));
  loggerFor({ shop: input.shop, module: "reviews" }).info(
    {
      action: change.action,
      actor: input.actor,
      changed: outcome.changed,
      unchanged: outcome.unchanged,
      notFound: outcome.notFound.length,
      products: outcome.productsRecounted,
    },
    "review state changed",
  );
  return outcome;
}

/** Puts reviews on the storefront. */
export function publishReviews(input: StateChangeInput, client?: Tx): Promise<StateChangeOutcome> {
  return run(input, { to: "published", action: "published", reasons: [] }, client);
}

/**
 * Hides reviews from the storefront (status "rejected"). A merchant must say why, from REJECTION_REASONS:
 * what a review contains or who wrote it, never that it is negative.
 */
export function hideReviews(
  input: StateChangeInput & { reason: RejectionReason },
  client?: Tx,
): Promise<StateChangeOutcome> {
  const reason = z.enum(REJECTION_REASONS).parse(input.reason);
  if (reason === "other" && !input.note?.trim()) throw new MissingRejectionNoteError();
  return run(input, { to: "rejected", action: "hidden", reasons: [reason] }, client);
}

/** Brings reviews back to the queue for a fresh decision (a rejected one, or a published one taken down). */
export function restoreReviews(input: StateChangeInput, client?: Tx): Promise<StateChangeOutcome> {
  return run(input, { to: "pending", action: "restored", reasons: [] }, client);
}

/** The rules or shoppers put reviews back in the queue, with the reasons the merchant will read. */
export function holdReviews(
  input: StateChangeInput & { reasons: ModerationReason[] },
  client?: Tx,
): Promise<StateChangeOutcome> {
  return run(input, { to: "pending", action: "held", reasons: input.reasons }, client);
}

/** Deletes reviews for good (their history stays). */
export function deleteReviews(input: StateChangeInput, client?: Tx): Promise<StateChangeOutcome> {
  return run(input, { to: null, action: "deleted", reasons: [] }, client);
}

export class MissingRejectionNoteError extends Error {
  constructor() {
    super("Say in the note why the review is rejected.");
    this.name = "MissingRejectionNoteError";
  }
}
