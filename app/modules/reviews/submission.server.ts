// Saving what a shopper sent from the review page: every product's review in ONE transaction, or nothing.
//
// Second submissions (the unique key is shop + request + product): a shopper who notices a typo or changes
// their mind right after sending may send again for REVIEW_EDIT_GRACE_HOURS after the first save; the review
// is updated and moderated again. After that, or once the merchant has rejected it, a new submission for that
// product is refused with "product.already_reviewed" (and nothing else in that submission is saved), because
// a verified review that changes long after the merchant and other shoppers saw it is no longer trustworthy.
import { z } from "zod";
import db from "../../db.server";
import type { Prisma } from "../../db.server";
import { loggerFor } from "../../logger.server";
import { enqueueJob } from "../jobs";
import {
  attachReviewMedia,
  countReviewMedia,
  discardStoredMedia,
  intakeReviewMedia,
  type MediaRefusal,
  type StagedUpload,
  type StoredMedia,
} from "../media";
import { markRequestItemReviewed } from "../requests";
import { getSettings } from "../settings";
import { afterReviewSavedJobs, type ReviewSavedEvent } from "./after-review-saved";
import { openFollowUpTaskIfNeeded } from "./follow-up-tasks.server";
import { moderationReasons, moderationStatus, type ModerationReason } from "./moderation";
import { gatherModerationFacts, networkKeyFor } from "./moderation-facts.server";
import { markProductRatingsStale } from "./rating-metafields.server";
import { recordReviewHistory } from "./review-history.server";
import { lockReviewTallies } from "./review-tallies.server";
import {
  checkReviewEntry,
  isApparelProduct,
  type ReviewEntry,
  type ReviewEntryInput,
  type ReviewFieldErrors,
} from "./review-entry";

export const REVIEW_EDIT_GRACE_HOURS = 24;
/** A request lists a handful of products; a form with more cards than this is not a shopper's form. */
export const MAX_REVIEWS_PER_SUBMISSION = 50;
const GRACE_MS = REVIEW_EDIT_GRACE_HOURS * 60 * 60 * 1000;

const SubmissionSchema = z.object({
  shop: z.string().min(1),
  requestId: z.string().min(1),
  customerId: z.string().min(1).nullable(),
  orderId: z.string().min(1),
  locale: z.string().trim().min(2).max(20),
  networkAddress: z.string().trim().max(100).nullish(),
  entries: z.array(z.object({ productShopifyId: z.string() }).passthrough()).max(MAX_REVIEWS_PER_SUBMISSION),
});

export interface SubmitReviewsInput {
  shop: string;
  requestId: string;
  customerId: string | null;
  /** Order.id (our cuid) the request belongs to: the review is only "verified" for that order. */
  orderId: string;
  locale: string;
  entries: ReviewEntryInput[];
  /** The shopper's network address (for the "many reviews from one network" signal; only a hash is kept). */
  networkAddress?: string | null;
  /** Files sent with each product's review (temporary files the caller removes afterwards). */
  media?: Record<string, StagedUpload[]>;
}

/** A file that was not added to a review, and why; the review itself was saved. */
export interface RefusedReviewFile {
  productShopifyId: string;
  fileName: string;
  refusal: MediaRefusal;
}

export interface SavedReview {
  id: string;
  productShopifyId: string;
  rating: number;
  status: "published" | "pending";
  heldFor: ModerationReason[];
  /** false when an earlier review of the same product was updated within the grace period */
  created: boolean;
  editableUntil: Date;
}

export type SubmitReviewsResult =
  | { ok: true; reviews: SavedReview[]; refusedFiles: RefusedReviewFile[] }
  | { ok: false; fieldErrors: ReviewFieldErrors; formError?: ReviewFormError };

/** What is wrong with the form as a whole (shown above it, in the shopper's language: errors.form.<key>). */
export type ReviewFormError = "request_unavailable" | "too_many_products" | "unreadable";

/** The end of the window in which a saved review may still be changed by its author. */
export function reviewEditableUntil(review: { createdAt: Date }): Date {
  return new Date(review.createdAt.getTime() + GRACE_MS);
}

export function isReviewEditable(review: { createdAt: Date; status: string; source: string }, now: Date): boolean {
  return review.source === "request" && review.status !== "rejected" && now < reviewEditableUntil(review);
}

class SubmissionRefused extends Error {
  constructor(readonly fieldErrors: ReviewFieldErrors) {
    super("review submission refused");
  }
}

export async function submitReviewsForRequest(
  input: SubmitReviewsInput,
  options: { now?: Date } = {},
): Promise<SubmitReviewsResult> {
  const submission = SubmissionSchema.parse(input);
  const now = options.now ?? new Date();
  const log = loggerFor({ shop: submission.shop, module: "reviews" });

  const request = await db.reviewRequest.findFirst({
    where: { id: submission.requestId, shop: submission.shop },
    include: { items: { orderBy: { position: "asc" } } },
  });
  // The request must be the one the caller verified (same order, same customer): a review is only a
  // verified purchase for the order that asked for it.
  if (
    !request ||
    request.orderId !== submission.orderId ||
    (request.customerId ?? null) !== submission.customerId ||
    request.status === "cancelled"
  ) {
    log.warn(
      { requestId: submission.requestId, found: Boolean(request), status: request?.status },
      "review submission for an unavailable request",
    );
    return { ok: false, fieldErrors: {}, formError: "request_unavailable" };
  }

  const fieldErrors: ReviewFieldErrors = {};
  const requestedProducts = new Set(request.items.map((item) => item.productShopifyId));
  if (input.entries.length === 0 && request.items.length > 0) {
    fieldErrors[request.items[0].productShopifyId] = { rating: "rating.required" };
  }

  const products = await db.product.findMany({
    where: { shop: submission.shop, shopifyId: { in: input.entries.map((entry) => String(entry.productShopifyId)) } },
    select: { shopifyId: true, productType: true },
  });
  const apparel = new Set(products.filter((product) => isApparelProduct(product)).map((product) => product.shopifyId));

  const valid: ReviewEntry[] = [];
  const seen = new Set<string>();
  for (const raw of input.entries) {
    const productShopifyId = String(raw.productShopifyId);
    if (!requestedProducts.has(productShopifyId)) {
      fieldErrors[productShopifyId] = { product: "product.not_in_request" };
      continue;
    }
    if (seen.has(productShopifyId)) {
      fieldErrors[productShopifyId] = { ...fieldErrors[productShopifyId], product: "product.duplicate" };
      continue;
    }
    seen.add(productShopifyId);
    const checked = checkReviewEntry(raw);
    const errors = checked.ok ? {} : { ...checked.errors };
    const fit = checked.ok ? checked.entry.fit : undefined;
    if (fit && !apparel.has(productShopifyId)) errors.fit = "fit.not_applicable";
    if (Object.keys(errors).length > 0) fieldErrors[productShopifyId] = errors;
    else if (checked.ok) valid.push(checked.entry);
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };

  const settings = await getSettings(submission.shop);
  const { stored, refusedFiles } = await takeReviewFiles(submission.shop, request.id, valid, input.media ?? {});
  const save = () =>
    db.$transaction((tx) =>
      saveEntries(tx, {
        shop: submission.shop,
        request,
        locale: submission.locale,
        networkKey: networkKeyFor(submission.shop, submission.networkAddress),
        entries: valid,
        autoPublishMinRating: settings.autoPublishMinRating,
        holdReviewsWithMedia: settings.holdReviewsWithMedia,
        media: stored,
        now,
      }),
    );

  let saved: SavedReview[];
  try {
    saved = await save().catch((error: unknown) => {
      // Two submissions of the same product racing: the loser's whole transaction rolled back; running it
      // again sees the winner's row and follows the second-submission rule.
      if (isUniqueViolation(error)) return save();
      throw error;
    });
  } catch (error) {
    // Nothing was saved, so nothing may stay stored either.
    await discardStoredMedia(Object.values(stored).flatMap((entry) => entry.items));
    if (error instanceof SubmissionRefused) return { ok: false, fieldErrors: error.fieldErrors };
    throw error;
  }

  log.info(
    {
      requestId: request.id,
      reviews: saved.map((r) => ({ id: r.id, status: r.status, created: r.created, heldFor: r.heldFor })),
    },
    "reviews submitted",
  );
  return { ok: true, reviews: saved, refusedFiles };
}

interface ProductFiles {
  items: StoredMedia[];
  /** The review already has photos or a video from an earlier submission. */
  hadMedia: boolean;
}

/** Runs media intake for each product's files (before the transaction: it reads, decodes and stores). */
async function takeReviewFiles(
  shop: string,
  requestId: string,
  entries: ReviewEntry[],
  media: Record<string, StagedUpload[]>,
): Promise<{ stored: Record<string, ProductFiles>; refusedFiles: RefusedReviewFile[] }> {
  const stored: Record<string, ProductFiles> = {};
  const refusedFiles: RefusedReviewFile[] = [];
  const previous = await db.review.findMany({
    where: { shop, requestId, productShopifyId: { in: entries.map((entry) => entry.productShopifyId) } },
    select: { id: true, productShopifyId: true },
  });
  for (const entry of entries) {
    const id = entry.productShopifyId;
    const already = await countReviewMedia(shop, previous.find((review) => review.productShopifyId === id)?.id ?? null);
    const uploads = media[id] ?? [];
    const result = uploads.length > 0 ? await intakeReviewMedia(shop, uploads, already) : { stored: [], refused: [] };
    stored[id] = { items: result.stored, hadMedia: already.photos + already.videos > 0 };
    refusedFiles.push(...result.refused.map((refused) => ({ productShopifyId: id, ...refused })));
  }
  return { stored, refusedFiles };
}

async function saveEntries(
  tx: Prisma.TransactionClient,
  args: {
    shop: string;
    request: { id: string; orderId: string; customerId: string | null; email: string | null };
    locale: string;
    networkKey: string | null;
    entries: ReviewEntry[];
    autoPublishMinRating: number;
    holdReviewsWithMedia: boolean;
    media: Record<string, ProductFiles>;
    now: Date;
  },
): Promise<SavedReview[]> {
  const { shop, request, now } = args;
  // One review per product, each its own statement: the shop's tally lock first (see lockReviewTallies).
  await lockReviewTallies(tx, shop);
  const existing = await tx.review.findMany({
    where: {
      shop,
      requestId: request.id,
      productShopifyId: { in: args.entries.map((entry) => entry.productShopifyId) },
    },
  });
  const existingByProduct = new Map(existing.map((review) => [review.productShopifyId, review]));

  const refused: ReviewFieldErrors = {};
  for (const review of existing) {
    if (!isReviewEditable(review, now)) refused[review.productShopifyId] = { product: "product.already_reviewed" };
  }
  if (Object.keys(refused).length > 0) throw new SubmissionRefused(refused);

  const saved: SavedReview[] = [];
  const staleProducts = new Set<string>();
  for (const entry of args.entries) {
    const files = args.media[entry.productShopifyId] ?? { items: [], hadMedia: false };
    const previous = existingByProduct.get(entry.productShopifyId);
    const facts = await gatherModerationFacts(tx, {
      shop,
      reviewId: previous?.id,
      requestId: request.id,
      title: entry.title,
      body: entry.body,
      rating: entry.rating,
      locale: args.locale,
      email: request.email,
      networkKey: args.networkKey,
      now,
    });
    const heldFor = moderationReasons(
      { ...entry, hasMedia: files.hadMedia || files.items.length > 0 },
      { autoPublishMinRating: args.autoPublishMinRating, holdReviewsWithMedia: args.holdReviewsWithMedia },
      facts,
    );
    const status = moderationStatus(heldFor);
    const content = {
      rating: entry.rating,
      title: entry.title === "" ? null : entry.title,
      body: entry.body,
      displayName: entry.displayName,
      fit: entry.fit ?? null,
      locale: args.locale,
      status,
      heldReasons: JSON.stringify(heldFor),
      networkKey: args.networkKey,
      publishedAt: status === "published" ? (previous?.publishedAt ?? now) : null,
    };
    const review = previous
      ? await tx.review.update({ where: { id: previous.id }, data: content })
      : await tx.review.create({
          data: {
            ...content,
            shop,
            productShopifyId: entry.productShopifyId,
            requestId: request.id,
            orderId: request.orderId,
            customerId: request.customerId,
            email: request.email,
            // It came through the order's own signed request link, so the buyer is verified.
            verifiedBuyer: true,
            source: "request",
            createdAt: now,
          },
        });

    await attachReviewMedia(tx, { shop, reviewId: review.id, stored: files.items, now });

    const event: ReviewSavedEvent = {
      shop,
      reviewId: review.id,
      productShopifyId: review.productShopifyId,
      customerId: review.customerId,
      requestId: review.requestId,
      rating: review.rating,
      status: review.status,
      previousStatus: previous?.status ?? null,
      savedAt: now,
    };
    // The history: the shopper's earlier version beside the new one, and what the rules decided.
    await recordReviewHistory(tx, [
      ...(previous
        ? [
            {
              shop,
              reviewId: review.id,
              action: "updated" as const,
              actor: "shopper" as const,
              fromStatus: previous.status,
              toStatus: status,
              previous: { rating: previous.rating, title: previous.title, body: previous.body },
              at: now,
            },
          ]
        : []),
      {
        shop,
        reviewId: review.id,
        action: status === "published" ? ("published" as const) : ("held" as const),
        actor: "rules" as const,
        fromStatus: previous?.status ?? null,
        toStatus: status,
        reasons: heldFor,
        at: now,
      },
    ]);
    if (status === "published" || previous?.status === "published") staleProducts.add(review.productShopifyId);
    await openFollowUpTaskIfNeeded(tx, review, now);
    // In the same transaction: a saved review and "no more reminders for this product" are one fact.
    await markRequestItemReviewed(
      { shop, requestId: request.id, productShopifyId: review.productShopifyId, reviewedAt: now },
      tx,
    );
    for (const followUp of afterReviewSavedJobs) {
      const job = followUp(event);
      if (job) await enqueueJob(job, tx);
    }
    saved.push({
      id: review.id,
      productShopifyId: review.productShopifyId,
      rating: review.rating,
      status,
      heldFor,
      created: !previous,
      editableUntil: reviewEditableUntil(review),
    });
  }
  await markProductRatingsStale(tx, shop, staleProducts);
  return saved;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
