// How many reviews a shop has, by product, status, star rating and verified-buyer mark, read from ReviewTally:
// a few rows per product that database triggers on Review keep exact in the statement that changes a review
// (prisma/schema.prisma and the review_tallies migration). Every count the admin shows of "all the shop's
// reviews" (the home, the Products list, the Reviews list's tabs, a product's rating) is a sum over these rows,
// so it costs the same for a shop with a hundred reviews or a million.
import db, { dbProvider, querySql, rawSql, type DbClient } from "../../db.server";
import { REVIEW_STATUSES, type ReviewStatus } from "./review-statuses";

/**
 * The first key of the shop's tally lock, a transaction-scoped advisory lock on PostgreSQL: the tally trigger
 * (migration review_tallies) takes `pg_advisory_xact_lock(REVIEW_TALLY_LOCK, hashtext(shop))` before it
 * changes a shop's rows. Keep the two in step.
 */
const REVIEW_TALLY_LOCK = 727_312;

/**
 * Takes the shop's tally lock for the rest of the transaction, before its first write to a review. On
 * PostgreSQL a transaction that writes reviews in several statements (a shopper's submission, one review per
 * product; a shopper's edit followed by a hold) would otherwise lock tally rows, and review rows, in an order
 * of its own, and one concurrent with a bulk moderation could deadlock with it. Taken first, the lock orders
 * every writer of the shop's reviews: the one that has it never waits for a row another writer of that shop
 * locked. The trigger takes it too, for writers that do not (imports, SQL), where it is a no-op for the app's.
 * SQLite has one writer at a time and needs none.
 */
export async function lockReviewTallies(tx: DbClient, shop: string): Promise<void> {
  if (dbProvider() !== "postgresql") return;
  const { sql } = rawSql();
  await tx.$executeRaw(sql`SELECT pg_advisory_xact_lock(${REVIEW_TALLY_LOCK}::int4, hashtext(${shop}))`);
}

/** The tally rows of the shop as a whole. */
export const WHOLE_SHOP = "";

export interface Tally {
  productShopifyId: string;
  status: string;
  rating: number;
  verifiedBuyer: boolean;
  count: number;
}

export interface TallyFilter {
  /** One product's reviews; the whole shop's without it. */
  productShopifyId?: string;
  statuses?: readonly ReviewStatus[];
  /** Any of these star ratings. */
  ratings?: readonly number[];
  verifiedOnly?: boolean;
}

/**
 * The tally rows a filter selects (at most 30 for one product or the whole shop). Every admin page with review
 * counts reads them, so this is one plain statement (a range of the primary key) rather than a query Prisma
 * compiles at each call; `"verifiedBuyer"` alone is true on both providers (SQLite stores 1, PostgreSQL true).
 */
export async function reviewTallies(shop: string, filter: TallyFilter = {}): Promise<Tally[]> {
  const { sql, join } = rawSql();
  const statuses = filter.statuses ?? [];
  const ratings = filter.ratings ?? [];
  const rows = await querySql<{
    productShopifyId: string;
    status: string;
    rating: number;
    verifiedBuyer: boolean;
    count: number | bigint;
  }>(
    db,
    sql`
    SELECT "productShopifyId", "status", "rating", "verifiedBuyer", "count" FROM "ReviewTally"
    WHERE "shop" = ${shop} AND "productShopifyId" = ${filter.productShopifyId ?? WHOLE_SHOP} AND "count" > 0
      ${statuses.length > 0 ? sql`AND "status" IN (${join([...statuses])})` : sql``}
      ${ratings.length > 0 ? sql`AND "rating" IN (${join([...ratings])})` : sql``}
      ${filter.verifiedOnly ? sql`AND "verifiedBuyer"` : sql``}`,
  );
  return rows.map((row) => ({
    productShopifyId: row.productShopifyId,
    status: row.status,
    rating: Number(row.rating),
    verifiedBuyer: Boolean(row.verifiedBuyer),
    count: Number(row.count),
  }));
}

/** The tally rows of every product of the shop (the Products list), not the shop's own. */
export async function productTallies(shop: string): Promise<Tally[]> {
  return db.reviewTally.findMany({
    where: { shop, productShopifyId: { not: WHOLE_SHOP }, count: { gt: 0 } },
    select: { productShopifyId: true, status: true, rating: true, verifiedBuyer: true, count: true },
  });
}

/** Reviews per status among these rows. */
export function countsByStatus(tallies: readonly Tally[]): Record<ReviewStatus, number> {
  const counts = Object.fromEntries(REVIEW_STATUSES.map((status) => [status, 0])) as Record<ReviewStatus, number>;
  for (const tally of tallies) {
    if (tally.status in counts) counts[tally.status as ReviewStatus] += tally.count;
  }
  return counts;
}

/** How many reviews these rows count, and the sum of their stars (for an average). */
export function countAndStars(tallies: readonly Tally[]): { count: number; stars: number } {
  let count = 0;
  let stars = 0;
  for (const tally of tallies) {
    count += tally.count;
    stars += tally.count * tally.rating;
  }
  return { count, stars };
}
