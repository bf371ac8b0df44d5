// Rating metafields that are always true: Shopify's standard `reviews.rating` and `reviews.rating_count`, which
// the theme blocks render as stars and JSON-LD without JavaScript, follow every change of a product's
// published reviews (publish, hide, delete, import, redaction).
// https://shopify.dev/docs/apps/build/custom-data/metafields/list-of-standard-definitions
//
// How: whatever changes a product's published reviews marks the product stale (ProductRatingSync) in the same
// transaction and makes sure the shop's sync job is queued. The job recounts the stale products from the
// database when it runs (so retries, duplicates and out-of-order runs converge) and writes them in batched
// metafieldsSet calls of at most 25 metafields; a product left with no published reviews loses
// `reviews.rating` (metafieldsDelete) and keeps rating_count = 0. A daily reconciliation per shop reads what
// Shopify holds and repairs any difference (a write lost to an outage, an edit in the Shopify admin).
import { z } from "zod";
import { randomUUID } from "node:crypto";
import db, { rawSql, type DbClient } from "../../db.server";
import { loggerFor } from "../../logger.server";
import { defineJob, enqueueJob } from "../jobs";
import {
  fetchProductRatings,
  writeProductRatings,
  type AdminCallOptions,
  type AdminGraphql,
  type ProductRating,
} from "../shopify";
import { requireInstalledShop, shopsNotInstalled } from "../shops";
import { productReviewSummaries } from "./storefront-list.server";

export const SYNC_PRODUCT_RATINGS_JOB = "reviews.sync-product-ratings";
export const RECONCILE_PRODUCT_RATINGS_JOB = "reviews.reconcile-product-ratings";
export const RECONCILE_ALL_SHOPS_JOB = "reviews.reconcile-ratings-daily";
/** The daily reconciliation runs at this hour (UTC), after the job prune (03:00). */
export const RECONCILE_HOUR_UTC = 4;

const SYNC_PAGE = 250;
/** Pages one sync run writes before handing the rest to a fresh job (keeps one run's lease short). */
const SYNC_PAGES_PER_RUN = 40;
const RECONCILE_PAGE = 50;
const DAY_MS = 86_400_000;

/**
 * Marks products whose published reviews changed; their metafields are rewritten by the shop's sync job.
 * Call it with the transaction that made the change, so the change and the rewrite are one fact.
 */
export async function markProductRatingsStale(
  client: DbClient,
  shop: string,
  productShopifyIds: Iterable<string>,
): Promise<void> {
  const ids = [...new Set(productShopifyIds)];
  if (ids.length === 0) return;
  const dirtyAt = new Date();
  const Prisma = rawSql();
  // One statement for any number of products (an import touches hundreds): insert, or move dirtyAt forward.
  for (let i = 0; i < ids.length; i += 500) {
    await client.$executeRaw`
      INSERT INTO "ProductRatingSync" ("id", "shop", "productShopifyId", "dirtyAt")
      VALUES ${Prisma.join(
        ids
          .slice(i, i + 500)
          .map((productShopifyId) => Prisma.sql`(${randomUUID()}, ${shop}, ${productShopifyId}, ${dirtyAt})`),
      )}
      ON CONFLICT ("shop", "productShopifyId") DO UPDATE SET "dirtyAt" = excluded."dirtyAt"`;
  }
  const queued = await client.job.findFirst({
    where: { shop, type: SYNC_PRODUCT_RATINGS_JOB, status: "queued" },
    select: { id: true },
  });
  if (!queued) await enqueueJob({ type: SYNC_PRODUCT_RATINGS_JOB, shop, payload: { shop } }, client);
}

/** The published-review figures of these products, recounted from the database. */
export async function recountProductRatings(
  shop: string,
  productShopifyIds: readonly string[],
): Promise<ProductRating[]> {
  const groups = await db.review.groupBy({
    by: ["productShopifyId", "rating"],
    where: { shop, status: "published", productShopifyId: { in: [...productShopifyIds] } },
    _count: { _all: true },
  });
  return productShopifyIds.map((productId) => {
    let count = 0;
    let sum = 0;
    for (const group of groups) {
      if (group.productShopifyId !== productId || group.rating < 1 || group.rating > 5) continue;
      count += group._count._all;
      sum += group.rating * group._count._all;
    }
    return { productId, count, average: count === 0 ? null : Math.round((sum / count) * 100) / 100 };
  });
}

export interface SyncSummary {
  products: number;
  setCalls: number;
  deleteCalls: number;
  /** More stale products remain for a follow-up run. */
  more: boolean;
}

/** Writes every stale product of the shop (up to SYNC_PAGES_PER_RUN pages). */
export async function syncStaleProductRatings(
  shop: string,
  graphql: AdminGraphql,
  options?: AdminCallOptions,
): Promise<SyncSummary> {
  const summary: SyncSummary = { products: 0, setCalls: 0, deleteCalls: 0, more: false };
  for (let page = 0; page < SYNC_PAGES_PER_RUN; page += 1) {
    const readAt = new Date();
    const stale = await db.productRatingSync.findMany({
      where: { shop, dirtyAt: { lte: readAt } },
      orderBy: { dirtyAt: "asc" },
      take: SYNC_PAGE,
      select: { productShopifyId: true },
    });
    if (stale.length === 0) return summary;
    const ids = stale.map((row) => row.productShopifyId);
    const [counted, summaries] = await Promise.all([
      recountProductRatings(shop, ids),
      productReviewSummaries(shop, ids),
    ]);
    const ratings = counted.map((rating) => ({ ...rating, summary: summaries.get(rating.productId) }));
    const written = await writeProductRatings(graphql, shop, ratings, options);
    // A product marked again while we wrote keeps its mark (its dirtyAt is later than readAt).
    await db.productRatingSync.deleteMany({ where: { shop, productShopifyId: { in: ids }, dirtyAt: { lte: readAt } } });
    summary.products += ids.length;
    summary.setCalls += written.setCalls;
    summary.deleteCalls += written.deleteCalls;
  }
  summary.more = (await db.productRatingSync.count({ where: { shop } })) > 0;
  return summary;
}

export const syncProductRatingsJob = defineJob({
  type: SYNC_PRODUCT_RATINGS_JOB,
  schema: z.object({ shop: z.string().min(1) }),
  async run({ shop }, ctx) {
    // Admin API work is for installed shops only: after an uninstall the job is cancelled (the stale marks
    // stay), and a reinstall resumes it.
    await requireInstalledShop(shop);
    const summary = await syncStaleProductRatings(shop, await ctx.adminGraphql(shop));
    if (summary.more) await enqueueJob({ type: SYNC_PRODUCT_RATINGS_JOB, shop, payload: { shop } });
    ctx.log.info(summary, "product rating metafields written");
  },
});

export interface ReconcileSummary {
  checked: number;
  repaired: number;
  missingInShopify: number;
}

function agrees(expected: ProductRating, held: { average: number | null; count: number | null }): boolean {
  if (expected.count === 0) return (held.count ?? 0) === 0 && held.average === null;
  return (
    held.count === expected.count && held.average !== null && Math.abs(held.average - (expected.average ?? 0)) < 0.005
  );
}

/**
 * Compares what Shopify holds for every product of the shop we know (the catalog and every reviewed product)
 * with a recount of the published reviews, and rewrites the products that differ.
 */
export async function reconcileProductRatings(
  shop: string,
  graphql: AdminGraphql,
  options?: AdminCallOptions,
): Promise<ReconcileSummary> {
  const [catalog, reviewed] = await Promise.all([
    db.product.findMany({ where: { shop }, select: { shopifyId: true } }),
    db.review.groupBy({ by: ["productShopifyId"], where: { shop } }),
  ]);
  const productIds = [
    ...new Set([...catalog.map((p) => p.shopifyId), ...reviewed.map((r) => r.productShopifyId)]),
  ].filter((id) => /^\d+$/.test(id));
  const summary: ReconcileSummary = { checked: 0, repaired: 0, missingInShopify: 0 };
  for (let i = 0; i < productIds.length; i += RECONCILE_PAGE) {
    const ids = productIds.slice(i, i + RECONCILE_PAGE);
    const [held, expected] = await Promise.all([
      fetchProductRatings(graphql, shop, ids, options),
      recountProductRatings(shop, ids),
    ]);
    const wrong: ProductRating[] = [];
    expected.forEach((rating, index) => {
      const holding = held[index];
      if (holding.missing) summary.missingInShopify += 1;
      else if (!agrees(rating, holding)) wrong.push(rating);
    });
    summary.checked += ids.length;
    if (wrong.length > 0) {
      await writeProductRatings(graphql, shop, wrong, options);
      summary.repaired += wrong.length;
    }
  }
  return summary;
}

export const reconcileProductRatingsJob = defineJob({
  type: RECONCILE_PRODUCT_RATINGS_JOB,
  schema: z.object({ shop: z.string().min(1) }),
  maxAttempts: 5,
  async run({ shop }, ctx) {
    await requireInstalledShop(shop);
    const summary = await reconcileProductRatings(shop, await ctx.adminGraphql(shop));
    ctx.log.info(
      summary,
      summary.repaired > 0 ? "product rating metafields repaired" : "product rating metafields agree",
    );
  },
});

function reconcileSlot(at: Date): Date {
  const slot = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), RECONCILE_HOUR_UTC));
  return slot.getTime() > at.getTime() ? slot : new Date(slot.getTime() + DAY_MS);
}

const dayKey = (at: Date) => at.toISOString().slice(0, 10);

/** One run per UTC day whoever calls it (uniqueKey per day); every worker calls it when it starts. */
export async function scheduleDailyReconciliation(now: Date = new Date()): Promise<{ created: boolean; runAt: Date }> {
  const runAt = reconcileSlot(now);
  const job = await enqueueJob({
    type: RECONCILE_ALL_SHOPS_JOB,
    shop: null,
    payload: {},
    runAt,
    uniqueKey: `${RECONCILE_ALL_SHOPS_JOB}:${dayKey(runAt)}`,
    priority: -1,
  });
  return { created: job.created, runAt };
}

export const reconcileAllShopsJob = defineJob({
  type: RECONCILE_ALL_SHOPS_JOB,
  schema: z.object({}).strict(),
  maxAttempts: 3,
  async run(_payload, ctx) {
    // Tomorrow's run first, so a failure never ends the chain.
    await scheduleDailyReconciliation(new Date(Date.now() + 60_000));
    const shops = await db.shop.findMany({
      where: { shop: { notIn: await shopsNotInstalled() } },
      select: { shop: true },
    });
    const day = dayKey(new Date());
    for (const { shop } of shops) {
      await enqueueJob({
        type: RECONCILE_PRODUCT_RATINGS_JOB,
        shop,
        payload: { shop },
        uniqueKey: `${RECONCILE_PRODUCT_RATINGS_JOB}:${shop}:${day}`,
      });
    }
    ctx.log.info({ shops: shops.length }, "daily rating reconciliation queued");
  },
  onWorkerStart: async () => {
    const { created, runAt } = await scheduleDailyReconciliation();
    if (created) loggerFor({ module: "reviews" }).info({ runAt }, "daily rating reconciliation scheduled");
  },
});

export const ratingMetafieldJobs = [syncProductRatingsJob, reconcileProductRatingsJob, reconcileAllShopsJob];
