// The demo shop's reviews: at least DEMO_REVIEW_MINIMUM in English and Swedish from the deterministic corpus
// (scripts/seed/review-corpus.ts), written for the orders the seed delivered (verified buyers, linked to their
// review request) and topped up with reviews shoppers wrote on the store's product pages (source
// "storefront", not verified). Rows go in with bulk inserts for speed, but everything after the insert is the
// real product: moderation decides the status with the reviews module's rules, the requests module marks the
// items reviewed, and the insights pipeline analyses every review (mentions and weekly aggregates), exactly as
// the jobs do for a review that arrives. Over six months the merchant would have decided most held reviews:
// only those of the last DEMO_UNDECIDED_DAYS still wait; older ones were published (a low rating alone is no
// reason to hide a review) or rejected (spam signals), a day or three after they arrived; likewise the
// follow-up tasks of low-star reviews.
import {
  createRandom,
  generateDemoReviews,
  type CorpusOrderLine,
  type CorpusProduct,
} from "../../../scripts/seed/review-corpus";
import db from "../../db.server";
import { analyzeStoredReviews, customTopicsForShop, REANALYZE_BATCH_SIZE } from "../insights";
import { markRequestItemReviewed } from "../requests";
import { markProductRatingsStale, moderationReasons, type ModerationReason } from "../reviews";
import { getSettings } from "../settings";
import type { DemoSeedStep } from "./seed.server";

export const DEMO_REVIEW_MINIMUM = 1_500;
const DEMO_REVIEW_SEED = 4_711;
const INSERT_CHUNK = 250;
export const DEMO_UNDECIDED_DAYS = 10;

/** What the demo merchant decided for a held review, given when it arrived. */
export function demoDecision(
  reasons: ModerationReason[],
  createdAt: Date,
  now: Date,
  random: () => number,
): { status: "published" | "pending" | "rejected"; publishedAt: Date | null } {
  if (reasons.length === 0) return { status: "published", publishedAt: createdAt };
  if (now.getTime() - createdAt.getTime() < DEMO_UNDECIDED_DAYS * 86_400_000)
    return { status: "pending", publishedAt: null };
  if (reasons.some((reason) => reason !== "low_rating")) return { status: "rejected", publishedAt: null };
  const decidedAt = new Date(createdAt.getTime() + (1 + Math.floor(random() * 3)) * 86_400_000);
  return { status: "published", publishedAt: decidedAt < now ? decidedAt : now };
}

export const reviewsStep: DemoSeedStep = {
  name: "reviews",
  async run(ctx) {
    const { shop, now } = ctx;
    const products = await db.product.findMany({
      where: { shop, isGiftCard: false },
      select: { shopifyId: true, title: true, handle: true, productType: true },
    });
    const orders = await db.order.findMany({
      where: { shop, deliveredAt: { not: null }, cancelledAt: null },
      orderBy: { placedAt: "asc" },
      select: {
        id: true,
        customerId: true,
        locale: true,
        deliveredAt: true,
        lines: { select: { productShopifyId: true, refundedQuantity: true, quantity: true } },
      },
    });
    const customers = await db.customer.findMany({
      where: { shop },
      select: { id: true, firstName: true, lastName: true, locale: true },
    });
    const customerById = new Map(customers.map((customer) => [customer.id, customer]));
    const lines: CorpusOrderLine[] = orders.flatMap((order) =>
      order.lines
        // Nobody reviews what they sent back.
        .filter((line) => line.productShopifyId && line.refundedQuantity < line.quantity)
        .map((line) => {
          const customer = order.customerId ? customerById.get(order.customerId) : undefined;
          return {
            orderId: order.id,
            customerId: order.customerId,
            productShopifyId: line.productShopifyId!,
            deliveredAt: order.deliveredAt!,
            locale: order.locale ?? customer?.locale ?? "sv",
            customerFirstName: customer?.firstName ?? null,
            customerLastName: customer?.lastName ?? null,
          };
        }),
    );
    const corpus = generateDemoReviews({
      seed: DEMO_REVIEW_SEED,
      products: products as CorpusProduct[],
      lines,
      now,
      minimum: DEMO_REVIEW_MINIMUM,
      contactDetailsWithinDays: DEMO_UNDECIDED_DAYS,
    });

    const requests = await db.reviewRequest.findMany({ where: { shop }, select: { id: true, orderId: true } });
    const requestByOrder = new Map(requests.map((request) => [request.orderId, request.id]));
    const { autoPublishMinRating } = await getSettings(shop);
    const random = createRandom(DEMO_REVIEW_SEED + 1);
    const rows = corpus.map((review) => {
      const requestId = review.orderId ? (requestByOrder.get(review.orderId) ?? null) : null;
      const reasons = moderationReasons(review, { autoPublishMinRating });
      const decision = demoDecision(reasons, review.createdAt, now, random);
      return {
        shop,
        productShopifyId: review.productShopifyId,
        customerId: review.customerId,
        orderId: review.orderId,
        requestId,
        rating: review.rating,
        title: review.title,
        body: review.body,
        displayName: review.displayName,
        fit: review.fit,
        locale: review.locale,
        verifiedBuyer: review.verifiedBuyer,
        status: decision.status,
        // Why the rules held it (the merchant's decision, for the older ones, came after).
        heldReasons: JSON.stringify(reasons),
        // Through the review request's email, or written on the product page (a buyer's, when signed in).
        source: requestId ? "request" : "storefront",
        createdAt: review.createdAt,
        publishedAt: decision.publishedAt,
      };
    });
    for (let i = 0; i < rows.length; i += INSERT_CHUNK)
      await db.review.createMany({ data: rows.slice(i, i + INSERT_CHUNK) });
    // The storefront's stars follow: the rating sync job writes every reviewed product's metafields.
    await markProductRatingsStale(
      db,
      shop,
      new Set(rows.filter((row) => row.status === "published").map((row) => row.productShopifyId)),
    );

    // A 1–2★ review opens a follow-up task (as a submitted one does). The merchant followed up the older ones
    // (marked done a day or three later); those of the last DEMO_UNDECIDED_DAYS are still open on the home.
    const lowStars = await db.review.findMany({
      where: { shop, rating: { lte: 2 } },
      orderBy: { id: "asc" },
      select: { id: true, createdAt: true },
    });
    const followUps = lowStars.map((review) => {
      const recent = now.getTime() - review.createdAt.getTime() < DEMO_UNDECIDED_DAYS * 86_400_000;
      const closedAt = new Date(review.createdAt.getTime() + (1 + Math.floor(random() * 3)) * 86_400_000);
      return recent
        ? { shop, reviewId: review.id, status: "open", createdAt: review.createdAt }
        : { shop, reviewId: review.id, status: "done", closedBy: "merchant", createdAt: review.createdAt, closedAt };
    });
    for (let i = 0; i < followUps.length; i += INSERT_CHUNK)
      await db.followUpTask.createMany({ data: followUps.slice(i, i + INSERT_CHUNK) });

    for (const row of rows) {
      if (row.requestId) {
        await markRequestItemReviewed({
          shop,
          requestId: row.requestId,
          productShopifyId: row.productShopifyId,
          reviewedAt: row.createdAt,
        });
      }
    }

    const customTopics = await customTopicsForShop(shop);
    const ids = (await db.review.findMany({ where: { shop }, select: { id: true }, orderBy: { id: "asc" } })).map(
      (review) => review.id,
    );
    for (let i = 0; i < ids.length; i += REANALYZE_BATCH_SIZE) {
      await analyzeStoredReviews(shop, ids.slice(i, i + REANALYZE_BATCH_SIZE), { customTopics });
    }
    ctx.log.info(
      { reviews: rows.length, verified: rows.filter((row) => row.verifiedBuyer).length },
      "demo reviews written and analysed",
    );
  },
};
