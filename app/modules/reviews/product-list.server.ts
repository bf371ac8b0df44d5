// The admin Products screen: every product of the shop with its published rating, how many reviews it has
// (and how many wait for a decision), and when the last one came, searchable by name and sortable.
import { z } from "zod";
import db from "../../db.server";
import { productTallies } from "./review-tallies.server";

export const PRODUCT_LIST_SORTS = ["reviews", "recent", "rating_low", "rating_high", "title"] as const;
export type ProductListSort = (typeof PRODUCT_LIST_SORTS)[number];
export const PRODUCT_LIST_PAGE_SIZE = 50;
// A shop's catalogue is read whole and sorted in memory (the sorts are over review figures, not columns);
// beyond this many products the merchant narrows the list with the search.
const CATALOGUE_LIMIT = 5_000;

export const productListQuerySchema = z.object({
  query: z.string().trim().max(100).optional().default(""),
  sort: z.enum(PRODUCT_LIST_SORTS).catch("reviews").default("reviews"),
  page: z.coerce.number().int().min(1).max(1_000).catch(1).default(1),
});
export type ProductListQuery = z.infer<typeof productListQuerySchema>;

export interface ProductListRow {
  shopifyId: string;
  title: string;
  imageUrl: string | null;
  productType: string | null;
  /** Published reviews: what shoppers see. */
  reviewCount: number;
  /** Average of the published ratings, one decimal; null without any. */
  averageRating: number | null;
  /** Reviews waiting for the merchant's decision. */
  pendingCount: number;
  /** The newest review of any status. */
  lastReviewAt: Date | null;
}

export interface ProductListPage {
  rows: ProductListRow[];
  total: number;
  page: number;
  pageCount: number;
  /** The catalogue was larger than what one list reads: the search narrows it. */
  truncated: boolean;
}

function compareRows(sort: ProductListSort) {
  const byTitle = (a: ProductListRow, b: ProductListRow) => a.title.localeCompare(b.title, "sv");
  const time = (at: Date | null) => at?.getTime() ?? -Infinity;
  switch (sort) {
    case "title":
      return byTitle;
    case "recent":
      return (a: ProductListRow, b: ProductListRow) => time(b.lastReviewAt) - time(a.lastReviewAt) || byTitle(a, b);
    case "rating_low":
      return (a: ProductListRow, b: ProductListRow) =>
        (a.averageRating ?? Infinity) - (b.averageRating ?? Infinity) || b.reviewCount - a.reviewCount || byTitle(a, b);
    case "rating_high":
      return (a: ProductListRow, b: ProductListRow) =>
        (b.averageRating ?? -Infinity) - (a.averageRating ?? -Infinity) ||
        b.reviewCount - a.reviewCount ||
        byTitle(a, b);
    case "reviews":
      return (a: ProductListRow, b: ProductListRow) => b.reviewCount - a.reviewCount || byTitle(a, b);
  }
}

/** When each product of the shop got its newest review: one index probe per product (no scan of reviews). */
async function newestReviewByProduct(shop: string): Promise<Map<string, Date>> {
  const rows = await db.$queryRaw<Array<{ shopifyId: string; newest: Date | string | null }>>`
    SELECT p."shopifyId", (
      SELECT MAX(r."createdAt") FROM "Review" r WHERE r."shop" = p."shop" AND r."productShopifyId" = p."shopifyId"
    ) AS "newest"
    FROM "Product" p
    WHERE p."shop" = ${shop}`;
  // PostgreSQL answers a Date; SQLite the stored ISO text (MAX() drops the column's type).
  return new Map(rows.flatMap((row) => (row.newest === null ? [] : [[row.shopifyId, new Date(row.newest)]])));
}

export async function listProductsWithReviews(shop: string, input: ProductListQuery): Promise<ProductListPage> {
  const [products, tallies, newest] = await Promise.all([
    db.product.findMany({
      where: { shop, isGiftCard: false },
      select: { shopifyId: true, title: true, imageUrl: true, productType: true },
      orderBy: { title: "asc" },
      take: CATALOGUE_LIMIT + 1,
    }),
    productTallies(shop),
    newestReviewByProduct(shop),
  ]);
  const truncated = products.length > CATALOGUE_LIMIT;
  const byProduct = new Map<string, { published: number; ratingSum: number; pending: number }>();
  for (const tally of tallies) {
    const entry = byProduct.get(tally.productShopifyId) ?? { published: 0, ratingSum: 0, pending: 0 };
    if (tally.status === "published") {
      entry.published += tally.count;
      entry.ratingSum += tally.count * tally.rating;
    } else if (tally.status === "pending") {
      entry.pending += tally.count;
    }
    byProduct.set(tally.productShopifyId, entry);
  }
  const needle = input.query.toLocaleLowerCase("sv");
  const rows = products
    .slice(0, CATALOGUE_LIMIT)
    .filter((product) => !needle || product.title.toLocaleLowerCase("sv").includes(needle))
    .map((product): ProductListRow => {
      const entry = byProduct.get(product.shopifyId);
      return {
        ...product,
        reviewCount: entry?.published ?? 0,
        averageRating: entry && entry.published > 0 ? Math.round((entry.ratingSum / entry.published) * 10) / 10 : null,
        pendingCount: entry?.pending ?? 0,
        lastReviewAt: newest.get(product.shopifyId) ?? null,
      };
    })
    .sort(compareRows(input.sort));
  const pageCount = Math.max(1, Math.ceil(rows.length / PRODUCT_LIST_PAGE_SIZE));
  const page = Math.min(input.page, pageCount);
  const start = (page - 1) * PRODUCT_LIST_PAGE_SIZE;
  return { rows: rows.slice(start, start + PRODUCT_LIST_PAGE_SIZE), total: rows.length, page, pageCount, truncated };
}
