// The merchant's view of a shop's reviews: the Reviews list (filters, keyset pages, bounded text search), the
// counts on its status tabs, and one review with everything the detail screen shows.
//
// Pagination is keyset, never OFFSET: a cursor is a position (createdAt, id) in newest-first order, and a page
// is "the rows strictly beyond that position". Page 500 costs what page 1 costs and rows arriving while the
// merchant pages do not shift later pages.
//
// Text search cannot use an index (words sit anywhere in a review), so instead of a LIKE '%term%' that reads
// every review of the shop in one request, a search page walks the filtered rows in list order and reads at
// most SEARCH_SCAN_LIMIT of them. When it stops early it says so (`searchStoppedAt`) and its cursor continues
// the walk from where it stopped: every request does bounded work, and paging on covers the whole shop.
import { z } from "zod";
import db, { querySql, rawSql, selectRows, type RawSqlFragment } from "../../db.server";
import type { Review } from ".prisma/client-sqlite";
import { merchantMediaUrl } from "../media";
import { getSettings } from "../settings";
import { isModerationReason, moderationReasons, type ModerationReason } from "./moderation";
import { shortenAtWord } from "./review-excerpt";
import { SEARCH_SCAN_LIMIT } from "./merchant-review-limits";
import { REVIEW_STATUSES, type ReviewStatus } from "./review-statuses";
import { countsByStatus, reviewTallies } from "./review-tallies.server";

export const MAX_REVIEW_PAGE_SIZE = 100;
const SEARCH_BATCH = 500;

export type ReviewPageDirection = "next" | "prev";

export interface ShopReviewFilters {
  status?: ReviewStatus;
  /** Any of these star ratings (1 to 5), e.g. [1, 2] for the reviews to answer first. */
  ratings?: number[];
  productShopifyId?: string;
  verifiedOnly?: boolean;
  /** Only reviews with photos, or with a video. */
  media?: ReviewMediaFilter;
}

export const REVIEW_MEDIA_FILTERS = ["photos", "video"] as const;
export type ReviewMediaFilter = (typeof REVIEW_MEDIA_FILTERS)[number];

export interface ShopReviewListOptions extends ShopReviewFilters {
  /** Words to find in the title, text, display name or email (case-insensitive). */
  query?: string;
  cursor?: string | null;
  direction?: ReviewPageDirection;
  limit: number;
}

export interface ShopReviewRow {
  id: string;
  rating: number;
  title: string | null;
  excerpt: string;
  displayName: string;
  verifiedBuyer: boolean;
  status: string;
  locale: string;
  language: string | null;
  productShopifyId: string;
  productTitle: string | null;
  hasReply: boolean;
  /** The first photo's (or the video's poster) thumbnail, signed for the merchant; null without media. */
  thumbnailUrl: string | null;
  mediaCount: number;
  createdAt: Date;
}

export interface ShopReviewPage {
  rows: ShopReviewRow[];
  nextCursor: string | null;
  prevCursor: string | null;
  /** Set when a search stopped after reading SEARCH_SCAN_LIMIT reviews: the date it had reached. */
  searchStoppedAt: Date | null;
}

const FiltersSchema = z.object({
  status: z.enum(REVIEW_STATUSES).optional(),
  ratings: z.array(z.number().int().min(1).max(5)).max(5).optional(),
  productShopifyId: z.string().min(1).max(100).optional(),
  verifiedOnly: z.boolean().optional(),
  media: z.enum(REVIEW_MEDIA_FILTERS).optional(),
});

const CursorSchema = z.object({ t: z.number().int(), i: z.string().min(1).max(64) });
type Position = { createdAt: Date; id: string };

export function encodeReviewCursor(position: Position): string {
  return Buffer.from(JSON.stringify({ t: position.createdAt.getTime(), i: position.id })).toString("base64url");
}

/** A cursor from the URL; anything that is not one of ours reads as "from the first page". */
export function decodeReviewCursor(value: string | null | undefined): Position | null {
  if (!value || value.length > 200) return null;
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? { createdAt: new Date(parsed.data.t), id: parsed.data.i } : null;
  } catch {
    return null;
  }
}

/**
 * The rows a set of filters selects, as the WHERE of a statement on "Review" (the list, its tab counts and "all
 * matching" decisions agree on it). Raw SQL, not a Prisma query: the list runs it at every load, and Prisma's
 * client compiled each call of its page query anew (docs/decisions/014).
 */
export function filterSql(shop: string, filters: ShopReviewFilters): RawSqlFragment {
  const valid = FiltersSchema.parse(filters);
  const ratings = [...new Set(valid.ratings ?? [])].sort();
  const { sql, join } = rawSql();
  const parts = [sql`"shop" = ${shop}`];
  if (valid.status) parts.push(sql`"status" = ${valid.status}`);
  if (ratings.length === 1) parts.push(sql`"rating" = ${ratings[0]}`);
  else if (ratings.length > 1 && ratings.length < 5) parts.push(sql`"rating" IN (${join(ratings)})`);
  if (valid.productShopifyId) parts.push(sql`"productShopifyId" = ${valid.productShopifyId}`);
  if (valid.verifiedOnly) parts.push(sql`"verifiedBuyer" = ${true}`);
  if (valid.media) {
    const kind = valid.media === "photos" ? "photo" : "video";
    parts.push(sql`EXISTS (SELECT 1 FROM "ReviewMedia" m WHERE m."reviewId" = "Review"."id" AND m."kind" = ${kind}
      AND m."status" <> 'failed')`);
  }
  return join(parts, " AND ");
}

/** Rows strictly beyond `position` in the direction of travel (newest first is "descending"). */
function beyond(position: Position, descending: boolean): RawSqlFragment {
  const { sql } = rawSql();
  // The bound on createdAt alone gives the planner a plain index range; the OR settles ties on the id.
  return descending
    ? sql`"createdAt" <= ${position.createdAt} AND ("createdAt" < ${position.createdAt}
        OR ("createdAt" = ${position.createdAt} AND "id" < ${position.id}))`
    : sql`"createdAt" >= ${position.createdAt} AND ("createdAt" > ${position.createdAt}
        OR ("createdAt" = ${position.createdAt} AND "id" > ${position.id}))`;
}

/** One stretch of the filtered rows in list order, `take` at most, beyond `position` when there is one. */
function readRows(where: RawSqlFragment, position: Position | null, descending: boolean, take: number) {
  const { sql } = rawSql();
  const sort = descending ? "DESC" : "ASC";
  return selectRows<ScannedRow>(
    db,
    "Review",
    position ? sql`${where} AND ${beyond(position, descending)}` : where,
    `"createdAt" ${sort}, "id" ${sort}`,
    { columns: ROW_COLUMNS, limit: take },
  );
}

const ROW_COLUMNS = [
  "id",
  "rating",
  "title",
  "body",
  "displayName",
  "email",
  "verifiedBuyer",
  "status",
  "locale",
  "language",
  "productShopifyId",
  "createdAt",
] as const;

type ScannedRow = Pick<Review, (typeof ROW_COLUMNS)[number]>;

const EXCERPT_LENGTH = 140;

function excerptOf(body: string): string {
  return shortenAtWord(body, EXCERPT_LENGTH);
}

function searchTerms(query: string | undefined): string[] {
  return (query ?? "").toLocaleLowerCase().split(/\s+/).filter(Boolean).slice(0, 10);
}

/** Every term somewhere in the review's words (title, text, display name, email). */
function matchesAll(row: ScannedRow, terms: string[]): boolean {
  const haystack = [row.title, row.body, row.displayName, row.email].filter(Boolean).join("\n").toLocaleLowerCase();
  return terms.every((term) => haystack.includes(term));
}

/**
 * One page of the shop's reviews, newest first. `rows` are in display order whichever way was travelled.
 */
export async function listShopReviews(shop: string, options: ShopReviewListOptions): Promise<ShopReviewPage> {
  const limit = Math.min(Math.max(1, Math.floor(options.limit)), MAX_REVIEW_PAGE_SIZE);
  const direction = options.direction ?? "next";
  const cursor = decodeReviewCursor(options.cursor);
  // Travelling back walks the other way from the cursor; the page is flipped into display order after.
  const descending = direction === "next";
  const where = filterSql(shop, options);
  const terms = searchTerms(options.query);

  let found: ScannedRow[];
  let hasMoreInTravelDirection: boolean;
  let stoppedAt: Position | null = null;

  if (terms.length === 0) {
    const rows = await readRows(where, cursor, descending, limit + 1);
    hasMoreInTravelDirection = rows.length > limit;
    found = rows.slice(0, limit);
  } else {
    found = [];
    hasMoreInTravelDirection = false;
    let position = cursor;
    let scanned = 0;
    for (;;) {
      const batch = await readRows(where, position, descending, Math.min(SEARCH_BATCH, SEARCH_SCAN_LIMIT - scanned));
      let filled = false;
      for (const row of batch) {
        scanned += 1;
        position = { createdAt: row.createdAt, id: row.id };
        if (!matchesAll(row, terms)) continue;
        if (found.length === limit) {
          // A match beyond this page: there is a next page, and it starts after the page's last row.
          hasMoreInTravelDirection = true;
          filled = true;
          break;
        }
        found.push(row);
      }
      if (filled || batch.length === 0) break;
      if (scanned >= SEARCH_SCAN_LIMIT) {
        // Stopped reading, not at the end: the walk continues from the last review read.
        stoppedAt = position;
        hasMoreInTravelDirection = true;
        break;
      }
      if (batch.length < SEARCH_BATCH) break;
    }
  }

  if (direction === "prev") found.reverse();

  const extras = await pageExtras(found);
  const rows: ShopReviewRow[] = found.map((row) => ({
    id: row.id,
    rating: row.rating,
    title: row.title,
    excerpt: excerptOf(row.body),
    displayName: row.displayName,
    verifiedBuyer: row.verifiedBuyer,
    status: row.status,
    locale: row.locale,
    language: row.language,
    productShopifyId: row.productShopifyId,
    ...(extras.get(row.id) ?? NO_EXTRAS),
    createdAt: row.createdAt,
  }));

  // Positions, not necessarily rows on this page: a search that found nothing still continues from where
  // it stopped (travelling on) or from where it started (travelling back).
  const first = rows[0] ?? null;
  const last = rows[rows.length - 1] ?? null;
  const continueFrom = (row: ShopReviewRow | null, fallback: Position | null) => {
    const position = stoppedAt ?? (row ? { createdAt: row.createdAt, id: row.id } : fallback);
    return position ? encodeReviewCursor(position) : null;
  };
  const cameFrom = (row: ShopReviewRow | null) => {
    const position = row ? { createdAt: row.createdAt, id: row.id } : cursor;
    return position ? encodeReviewCursor(position) : null;
  };
  let nextCursor: string | null;
  let prevCursor: string | null;
  if (direction === "next") {
    nextCursor = hasMoreInTravelDirection ? continueFrom(last, cursor) : null;
    prevCursor = cursor ? cameFrom(first) : null;
  } else {
    prevCursor = hasMoreInTravelDirection ? continueFrom(first, cursor) : null;
    nextCursor = cursor ? cameFrom(last) : null;
  }
  return { rows, nextCursor, prevCursor, searchStoppedAt: stoppedAt?.createdAt ?? null };
}

type PageExtras = Pick<ShopReviewRow, "productTitle" | "hasReply" | "thumbnailUrl" | "mediaCount">;
const NO_EXTRAS: PageExtras = { productTitle: null, hasReply: false, thumbnailUrl: null, mediaCount: 0 };

/**
 * What a page's rows show beside the review's own fields, in one statement for the page: the product's title, whether
 * the shop replied, how many photos and videos it has and the first ready one's thumbnail. Each is an index probe
 * per row (ReviewMedia by reviewId, ReviewReply by reviewId, Product by shop and id), so a page costs the same
 * however many reviews and photos the shop has.
 */
async function pageExtras(rows: readonly { id: string }[]): Promise<Map<string, PageExtras>> {
  if (rows.length === 0) return new Map();
  const { sql, join } = rawSql();
  // By primary key alone: these are the page's rows, just read for the shop. (With the shop in the condition too,
  // SQLite walks the shop's whole index instead of probing fifty ids.) Ties on position are settled by id, so the
  // two probes of the first ready item agree on the item.
  const found = await querySql<{
    id: string;
    productTitle: string | null;
    replies: number | bigint;
    mediaCount: number | bigint;
    firstToken: string | null;
    firstThumbnail: string | null;
  }>(
    db,
    sql`
    SELECT r."id",
      (SELECT p."title" FROM "Product" p WHERE p."shop" = r."shop" AND p."shopifyId" = r."productShopifyId")
        AS "productTitle",
      (SELECT COUNT(*) FROM "ReviewReply" y WHERE y."reviewId" = r."id") AS "replies",
      (SELECT COUNT(*) FROM "ReviewMedia" m WHERE m."reviewId" = r."id") AS "mediaCount",
      (SELECT m."token" FROM "ReviewMedia" m WHERE m."reviewId" = r."id" AND m."status" = 'ready'
        ORDER BY m."position" ASC, m."id" ASC LIMIT 1) AS "firstToken",
      (SELECT m."thumbnailKey" FROM "ReviewMedia" m WHERE m."reviewId" = r."id" AND m."status" = 'ready'
        ORDER BY m."position" ASC, m."id" ASC LIMIT 1) AS "firstThumbnail"
    FROM "Review" r
    WHERE r."id" IN (${join(rows.map((row) => row.id))})`,
  );
  return new Map(
    found.map((row) => [
      row.id,
      {
        productTitle: row.productTitle,
        hasReply: Number(row.replies) > 0,
        mediaCount: Number(row.mediaCount),
        thumbnailUrl: row.firstToken && row.firstThumbnail ? merchantMediaUrl(row.firstToken, "thumbnail") : null,
      },
    ]),
  );
}

/**
 * How many reviews each status tab holds under the other filters (not the search): from the tallies, except
 * under the media filter, which the tallies do not break down (those reviews are counted).
 */
export async function reviewStatusCounts(
  shop: string,
  filters: Omit<ShopReviewFilters, "status"> = {},
): Promise<Record<ReviewStatus, number>> {
  const valid = FiltersSchema.parse({ ...filters, status: undefined });
  if (valid.media) {
    const counts: Record<ReviewStatus, number> = { pending: 0, published: 0, rejected: 0 };
    const { sql } = rawSql();
    const groups = await querySql<{ status: string; count: number | bigint }>(
      db,
      sql`SELECT "status", COUNT(*) AS "count" FROM "Review" WHERE ${filterSql(shop, valid)} GROUP BY "status"`,
    );
    for (const group of groups) {
      if ((REVIEW_STATUSES as readonly string[]).includes(group.status))
        counts[group.status as ReviewStatus] = Number(group.count);
    }
    return counts;
  }
  const tallies = await reviewTallies(shop, {
    productShopifyId: valid.productShopifyId,
    ratings: valid.ratings,
    verifiedOnly: valid.verifiedOnly,
  });
  return countsByStatus(tallies);
}

/** The products a merchant can filter the list by: the shop's cached catalogue, by title (bounded). */
export async function reviewFilterProducts(shop: string, limit = 250): Promise<{ shopifyId: string; title: string }[]> {
  // Read at every load of the list: one plain statement, not a query Prisma compiles at each call.
  const { sql } = rawSql();
  return querySql<{ shopifyId: string; title: string }>(
    db,
    sql`
    SELECT "shopifyId", "title" FROM "Product" WHERE "shop" = ${shop}
    ORDER BY "title" ASC, "shopifyId" ASC LIMIT ${Math.max(0, Math.floor(limit))}`,
  );
}

export interface ShopReviewDetail {
  id: string;
  rating: number;
  title: string | null;
  body: string;
  displayName: string;
  email: string | null;
  fit: string | null;
  locale: string;
  language: string | null;
  verifiedBuyer: boolean;
  status: string;
  source: string;
  anonymized: boolean;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  /** Why the moderation rules would hold this review (shown while it waits for the merchant). */
  heldFor: ModerationReason[];
  product: { shopifyId: string; title: string | null; handle: string | null; imageUrl: string | null };
  media: ShopReviewMedia[];
  reply: { body: string; createdAt: Date; updatedAt: Date } | null;
  order: { id: string; shopifyId: string; name: string; placedAt: Date } | null;
  request: { id: string; status: string } | null;
}

export interface ShopReviewMedia {
  id: string;
  kind: string;
  /** ready | processing | failed */
  status: string;
  hidden: boolean;
  width: number;
  height: number;
  bytes: number;
  durationMs: number | null;
  /** Signed for the merchant (the review may be unpublished); null until the file exists. */
  url: string | null;
  thumbnailUrl: string | null;
  posterUrl: string | null;
}

/** One review of the shop, or null when the shop has no review with that id. */
export async function loadShopReview(shop: string, reviewId: string): Promise<ShopReviewDetail | null> {
  const review = await db.review.findFirst({
    where: { shop, id: reviewId },
    include: {
      media: { orderBy: [{ position: "asc" }, { createdAt: "asc" }] },
      reply: true,
    },
  });
  if (!review) return null;
  const [product, order, request, settings] = await Promise.all([
    db.product.findFirst({
      where: { shop, shopifyId: review.productShopifyId },
      select: { title: true, handle: true, imageUrl: true },
    }),
    review.orderId
      ? db.order.findFirst({
          where: { shop, id: review.orderId },
          select: { id: true, shopifyId: true, name: true, placedAt: true },
        })
      : null,
    review.requestId
      ? db.reviewRequest.findFirst({ where: { shop, id: review.requestId }, select: { id: true, status: true } })
      : null,
    getSettings(shop),
  ]);
  return {
    id: review.id,
    rating: review.rating,
    title: review.title,
    body: review.body,
    displayName: review.displayName,
    email: review.email,
    fit: review.fit,
    locale: review.locale,
    language: review.language,
    verifiedBuyer: review.verifiedBuyer,
    status: review.status,
    source: review.source,
    anonymized: review.anonymized,
    createdAt: review.createdAt,
    updatedAt: review.updatedAt,
    publishedAt: review.publishedAt,
    heldFor: heldReasonsOf({ ...review, hasMedia: review.media.length > 0 }, settings),
    product: {
      shopifyId: review.productShopifyId,
      title: product?.title ?? null,
      handle: product?.handle ?? null,
      imageUrl: product?.imageUrl ?? null,
    },
    media: review.media.map((item) => {
      const ready = item.status === "ready";
      return {
        id: item.id,
        kind: item.kind,
        status: item.status,
        hidden: item.hidden,
        width: item.width,
        height: item.height,
        bytes: item.bytes,
        durationMs: item.durationMs,
        url: ready ? merchantMediaUrl(item.token, item.kind === "video" ? "video" : "display") : null,
        thumbnailUrl: ready && item.thumbnailKey ? merchantMediaUrl(item.token, "thumbnail") : null,
        posterUrl: ready && item.posterKey ? merchantMediaUrl(item.token, "poster") : null,
      };
    }),
    reply: review.reply
      ? { body: review.reply.body, createdAt: review.reply.createdAt, updatedAt: review.reply.updatedAt }
      : null,
    order,
    request,
  };
}

/**
 * The reasons the review was held for, as recorded when the rules (or shoppers' reports) held it. Reviews saved
 * before reasons were recorded show what the text rules find today.
 */
function heldReasonsOf(
  review: {
    heldReasons: string;
    rating: number;
    title: string | null;
    body: string;
    displayName: string;
    hasMedia: boolean;
  },
  settings: { autoPublishMinRating: number; holdReviewsWithMedia: boolean },
): ModerationReason[] {
  try {
    const stored: unknown = JSON.parse(review.heldReasons);
    if (Array.isArray(stored) && stored.length > 0)
      return stored.filter((code): code is ModerationReason => typeof code === "string" && isModerationReason(code));
  } catch {
    // fall through to the text rules
  }
  return moderationReasons(review, {
    autoPublishMinRating: settings.autoPublishMinRating,
    holdReviewsWithMedia: settings.holdReviewsWithMedia,
  });
}
