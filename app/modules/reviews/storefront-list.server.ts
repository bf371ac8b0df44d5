// What the storefront may see of a product's reviews, through the app proxy: published reviews only, with
// the shown name (never an email), the verified-buyer mark, visible photos and videos, the merchant's public
// reply, helpful counts; the summary (average, distribution, fit for apparel) and a strip of recent media.
// Every query filters on the shop and the product, so another shop's rows cannot be named.
import { createHash } from "node:crypto";
import { z } from "zod";
import db, { type Prisma } from "../../db.server";
import { ratingSummary, type RatingSummary } from "./product-reviews.server";
import { FIT_ANSWERS, isApparelProduct } from "./review-entry";

export const STOREFRONT_SORTS = ["newest", "highest", "lowest", "media", "helpful"] as const;
export type StorefrontSort = (typeof STOREFRONT_SORTS)[number];
export const STOREFRONT_PAGE_SIZE = 10;
/** Pages past this are not offered: a shopper never reads 2,000 reviews one page at a time. */
export const STOREFRONT_MAX_PAGE = 200;

export const StorefrontListQuery = z.object({
  product: z.string().regex(/^\d{1,20}$/),
  sort: z.enum(STOREFRONT_SORTS).catch("newest"),
  rating: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
  media: z
    .enum(["1", "true"])
    .optional()
    .catch(undefined)
    .transform((value) => value !== undefined),
  page: z.coerce.number().int().min(1).max(STOREFRONT_MAX_PAGE).catch(1),
  limit: z.coerce.number().int().min(1).max(20).catch(STOREFRONT_PAGE_SIZE),
});
export type StorefrontListOptions = z.output<typeof StorefrontListQuery>;

export interface StorefrontMedia {
  kind: "photo" | "video";
  /** The display size (a photo's WebP, a video's MP4). */
  url: string;
  thumbnailUrl: string;
  width: number;
  height: number;
}

export interface StorefrontReview {
  id: string;
  rating: number;
  title: string | null;
  body: string;
  author: string;
  verifiedBuyer: boolean;
  fit: string | null;
  date: string;
  helpfulCount: number;
  media: StorefrontMedia[];
  reply: { body: string; date: string } | null;
}

export interface StorefrontReviewList {
  summary: RatingSummary & { fit: Record<(typeof FIT_ANSWERS)[number], number> | null };
  reviews: StorefrontReview[];
  page: number;
  pages: number;
  total: number;
  gallery: (StorefrontMedia & { reviewId: string })[];
}

const MEDIA_SELECT = {
  kind: true,
  token: true,
  width: true,
  height: true,
  storageKey: true,
  thumbnailKey: true,
  posterKey: true,
} as const;
const VISIBLE_MEDIA = { hidden: false, status: "ready" } as const;

type MediaRow = Prisma.ReviewMediaGetPayload<{ select: typeof MEDIA_SELECT }>;

function mediaFor(row: MediaRow, base: string): StorefrontMedia | null {
  const at = (file: string) => `${base}/media/${row.token}/${file}`;
  if (row.kind === "video") {
    if (!row.storageKey) return null;
    return {
      kind: "video",
      url: at("video.mp4"),
      thumbnailUrl: row.posterKey ? at("poster.webp") : "",
      width: row.width,
      height: row.height,
    };
  }
  return {
    kind: "photo",
    url: at("display.webp"),
    thumbnailUrl: row.thumbnailKey ? at("thumb.webp") : at("display.webp"),
    width: row.width,
    height: row.height,
  };
}

function orderFor(sort: StorefrontSort): Prisma.ReviewOrderByWithRelationInput[] {
  const newest: Prisma.ReviewOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];
  if (sort === "highest") return [{ rating: "desc" }, ...newest];
  if (sort === "lowest") return [{ rating: "asc" }, ...newest];
  if (sort === "helpful") return [{ helpfulCount: "desc" }, ...newest];
  return newest;
}

/**
 * A page of a product's published reviews. `mediaBase` is the absolute origin media URLs start with (the
 * storefront's page is on the shop's domain, the files are on the app's).
 */
export async function listStorefrontReviews(
  shop: string,
  options: StorefrontListOptions,
  mediaBase: string,
): Promise<StorefrontReviewList> {
  const { product, sort, rating, page, limit } = options;
  // "With media" as a sort shows reviews with photos first by listing only those; the filter does the same.
  const onlyMedia = options.media || sort === "media";
  const where: Prisma.ReviewWhereInput = {
    shop,
    productShopifyId: product,
    status: "published",
    ...(rating ? { rating } : {}),
    ...(onlyMedia ? { media: { some: VISIBLE_MEDIA } } : {}),
  };
  const [facts, mediaTotal, rows] = await Promise.all([
    remembered(`facts|${shop}|${product}|${mediaBase}`, () => productFacts(shop, product, mediaBase), { fresh: true }),
    // Without the media filter the total is in the summary's distribution.
    onlyMedia ? db.review.count({ where }) : Promise.resolve(null),
    db.review.findMany({
      where,
      orderBy: orderFor(sort),
      skip: (page - 1) * limit,
      take: limit,
      select: {
        id: true,
        rating: true,
        title: true,
        body: true,
        displayName: true,
        verifiedBuyer: true,
        fit: true,
        createdAt: true,
        helpfulCount: true,
        media: { where: VISIBLE_MEDIA, orderBy: { position: "asc" }, select: MEDIA_SELECT },
        reply: { select: { body: true, createdAt: true } },
      },
    }),
  ]);
  const { summary, fit, gallery } = facts;
  const total = mediaTotal ?? (rating ? summary.distribution[rating as 1 | 2 | 3 | 4 | 5] : summary.count);
  return {
    summary: { ...summary, fit },
    total,
    page,
    pages: Math.min(STOREFRONT_MAX_PAGE, Math.max(1, Math.ceil(total / limit))),
    reviews: rows.map((row) => ({
      id: row.id,
      rating: row.rating,
      title: row.title,
      body: row.body,
      author: row.displayName,
      verifiedBuyer: row.verifiedBuyer,
      fit: row.fit,
      date: row.createdAt.toISOString().slice(0, 10),
      helpfulCount: row.helpfulCount,
      media: row.media.map((m) => mediaFor(m, mediaBase)).filter((m): m is StorefrontMedia => m !== null),
      reply: row.reply ? { body: row.reply.body, date: row.reply.createdAt.toISOString().slice(0, 10) } : null,
    })),
    gallery,
  };
}

/** What is the same on every page of a product's list: the summary, the fit, the media strip. */
async function productFacts(shop: string, product: string, mediaBase: string) {
  const [summary, productRow, galleryRows] = await Promise.all([
    ratingSummary(shop, product),
    db.product.findUnique({ where: { shop_shopifyId: { shop, shopifyId: product } }, select: { productType: true } }),
    db.reviewMedia.findMany({
      where: { shop, ...VISIBLE_MEDIA, review: { shop, productShopifyId: product, status: "published" } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 12,
      select: { ...MEDIA_SELECT, reviewId: true },
    }),
  ]);
  const fit = productRow && isApparelProduct(productRow) ? await fitSummary(shop, product) : null;
  const gallery = galleryRows.flatMap((m) => {
    const item = mediaFor(m, mediaBase);
    return item ? [{ ...item, reviewId: m.reviewId }] : [];
  });
  return { summary, fit, gallery };
}

async function fitSummary(shop: string, product: string): Promise<Record<(typeof FIT_ANSWERS)[number], number>> {
  const groups = await db.review.groupBy({
    by: ["fit"],
    where: { shop, productShopifyId: product, status: "published", fit: { not: null } },
    _count: { _all: true },
  });
  const counts = Object.fromEntries(FIT_ANSWERS.map((answer) => [answer, 0])) as Record<
    (typeof FIT_ANSWERS)[number],
    number
  >;
  for (const group of groups)
    if (group.fit && group.fit in counts) counts[group.fit as keyof typeof counts] = group._count._all;
  return counts;
}

/**
 * The few reviews a product page prints in Liquid (its JSON-LD and the list before any script runs): the most
 * helpful published reviews with text, newest first among equals. Written to the product's
 * `kundrost.review_snippets` metafield beside the standard rating metafields.
 */
export async function reviewSnippets(
  shop: string,
  productShopifyId: string,
  count = 5,
): Promise<{ author: string; rating: number; date: string; title: string; body: string; verified: boolean }[]> {
  const rows = await db.review.findMany({
    where: { shop, productShopifyId, status: "published", NOT: { body: "" } },
    orderBy: [{ helpfulCount: "desc" }, { createdAt: "desc" }, { id: "desc" }],
    take: count,
    select: { displayName: true, rating: true, createdAt: true, title: true, body: true, verifiedBuyer: true },
  });
  return rows.map((row) => ({
    author: row.displayName,
    rating: row.rating,
    date: row.createdAt.toISOString().slice(0, 10),
    title: row.title ?? "",
    // A metafield is not a place for a whole essay; the product page shows the start.
    body: Array.from(row.body).slice(0, 600).join(""),
    verified: row.verifiedBuyer,
  }));
}

export interface ProductReviewsSummary {
  distribution: Record<"1" | "2" | "3" | "4" | "5", number>;
  /** Visible photos and videos in published reviews (the block keeps room for the strip when there are some). */
  media: number;
  reviews: Awaited<ReturnType<typeof reviewSnippets>>;
}

/** What kundrost.reviews_summary holds for each of these products, as the JSON written to Shopify. */
export async function productReviewSummaries(
  shop: string,
  productShopifyIds: readonly string[],
): Promise<Map<string, string>> {
  const ids = [...productShopifyIds];
  const [groups, media] = await Promise.all([
    db.review.groupBy({
      by: ["productShopifyId", "rating"],
      where: { shop, status: "published", productShopifyId: { in: ids } },
      _count: { _all: true },
    }),
    db.reviewMedia.findMany({
      where: { shop, ...VISIBLE_MEDIA, review: { shop, status: "published", productShopifyId: { in: ids } } },
      select: { review: { select: { productShopifyId: true } } },
    }),
  ]);
  const out = new Map<string, string>();
  for (const id of ids) {
    const distribution: ProductReviewsSummary["distribution"] = { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 };
    for (const group of groups)
      if (group.productShopifyId === id && group.rating >= 1 && group.rating <= 5)
        distribution[String(group.rating) as keyof typeof distribution] = group._count._all;
    const total = Object.values(distribution).reduce((sum, n) => sum + n, 0);
    const summary: ProductReviewsSummary = {
      distribution,
      media: media.filter((m) => m.review.productShopifyId === id).length,
      reviews: total > 0 ? await reviewSnippets(shop, id) : [],
    };
    out.set(id, JSON.stringify(summary));
  }
  return out;
}

/**
 * The list as the proxy answers it (JSON and its ETag), kept per process per shop and query, and the product's
 * summary beside it. A product page's visitors ask for the same few pages; what they read is public and
 * cacheable for a minute anyway (Cache-Control). An entry is fresh for STOREFRONT_LIST_CACHE_MS; after that
 * the next request still gets it at once while one recomputation runs for everyone (stale-while-revalidate),
 * up to STALE_LIMIT_MS, after which a request waits for a fresh answer. So a published or hidden review shows
 * within seconds, and no shopper waits for a recount on a busy product. Bounded: the oldest entries go first.
 */
export const STOREFRONT_LIST_CACHE_MS = 15_000;
const STALE_LIMIT_MS = 60_000;
const CACHE_ENTRIES = 2_000;
interface CacheEntry {
  at: number;
  value: Promise<unknown>;
  settled: boolean;
  /** The recomputation under way for a stale entry, shared by everyone who wants it fresh. */
  refresh: Promise<unknown> | null;
}
const cache = new Map<string, CacheEntry>();

function store<T>(key: string, compute: () => Promise<T>, now: number): Promise<T> {
  const value = compute();
  const entry: CacheEntry = { at: now, value, settled: false, refresh: null };
  value.then(
    () => {
      entry.settled = true;
    },
    () => {
      // A failure is not remembered.
      if (cache.get(key) === entry) cache.delete(key);
    },
  );
  cache.delete(key);
  cache.set(key, entry);
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  return value;
}

/**
 * The remembered value; a stale one at once while it is recomputed (`fresh: true`: wait for the recomputation,
 * as a list being recomputed does for its product's summary, so the two agree).
 */
function remembered<T>(
  key: string,
  compute: () => Promise<T>,
  options: { fresh?: boolean; now?: number } = {},
): Promise<T> {
  const now = options.now ?? Date.now();
  const hit = cache.get(key);
  // Being computed: everyone shares that computation.
  if (hit && !hit.settled) return hit.value as Promise<T>;
  if (!hit || now - hit.at >= STALE_LIMIT_MS) return store(key, compute, now);
  if (now - hit.at < STOREFRONT_LIST_CACHE_MS) return hit.value as Promise<T>;
  if (!hit.refresh) {
    const fresh = compute();
    hit.refresh = fresh;
    fresh.then(
      () => {
        if (cache.get(key) === hit) {
          cache.delete(key);
          cache.set(key, { at: Date.now(), value: fresh, settled: true, refresh: null });
        }
      },
      () => {
        hit.refresh = null;
      },
    );
  }
  return (options.fresh ? hit.refresh : hit.value) as Promise<T>;
}

export async function storefrontReviewListJson(
  shop: string,
  options: StorefrontListOptions,
  mediaBase: string,
): Promise<{ body: string; etag: string }> {
  return remembered(`list|${JSON.stringify([shop, mediaBase, options])}`, async () => {
    const body = JSON.stringify(await listStorefrontReviews(shop, options, mediaBase));
    return { body, etag: `"${createHash("sha1").update(body).digest("base64url")}"` };
  });
}
