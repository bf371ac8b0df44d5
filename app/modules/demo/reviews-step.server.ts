// The demo shop's reviews: at least DEMO_REVIEW_MINIMUM in English and Swedish from the deterministic corpus
// (scripts/seed/review-corpus.ts), written for the orders the seed delivered (verified buyers, linked to their
// review request) and topped up with reviews "imported from the previous review app". Rows go in with bulk
// inserts for speed, but everything after the insert is the real product: moderation decides the status with
// the reviews module's rules, the requests module marks the items reviewed, and the insights pipeline
// analyses every review (mentions and weekly aggregates), exactly as the jobs do for a review that arrives.
import { generateDemoReviews, type CorpusOrderLine, type CorpusProduct } from "../../../scripts/seed/review-corpus";
import db from "../../db.server";
import { analyzeStoredReviews, customTopicsForShop, REANALYZE_BATCH_SIZE } from "../insights";
import { markRequestItemReviewed } from "../requests";
import { markProductRatingsStale, moderationReasons, moderationStatus } from "../reviews";
import { getSettings } from "../settings";
import type { DemoSeedStep } from "./seed.server";

export const DEMO_REVIEW_MINIMUM = 1_500;
const DEMO_REVIEW_SEED = 4_711;
const INSERT_CHUNK = 250;

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
    });

    const requests = await db.reviewRequest.findMany({ where: { shop }, select: { id: true, orderId: true } });
    const requestByOrder = new Map(requests.map((request) => [request.orderId, request.id]));
    const { autoPublishMinRating } = await getSettings(shop);
    const rows = corpus.map((review) => {
      const requestId = review.orderId ? (requestByOrder.get(review.orderId) ?? null) : null;
      const heldFor = moderationReasons(review, { autoPublishMinRating });
      const status = moderationStatus(heldFor);
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
        status,
        heldReasons: JSON.stringify(heldFor),
        source: requestId ? "request" : review.verifiedBuyer ? "demo" : "import",
        createdAt: review.createdAt,
        publishedAt: status === "published" ? review.createdAt : null,
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
