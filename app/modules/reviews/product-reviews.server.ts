// Reading reviews back: a product's list (newest first, cursor-paged so page 500 costs what page 1 does),
// its rating summary, and the figures the admin home shows.
import { z } from "zod";
import db from "../../db.server";
import { REVIEW_STATUSES, type ReviewStatus } from "./review-statuses";

export { REVIEW_STATUSES, type ReviewStatus };

const ListOptionsSchema = z.object({
  status: z.enum(REVIEW_STATUSES).default("published"),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(20),
});

export interface ReviewListItem {
  id: string;
  rating: number;
  title: string | null;
  body: string;
  displayName: string;
  fit: string | null;
  locale: string;
  verifiedBuyer: boolean;
  status: string;
  createdAt: Date;
  publishedAt: Date | null;
}

// The cursor is the last row's (createdAt, id): stable under inserts, unlike an offset.
function encodeCursor(review: { createdAt: Date; id: string }): string {
  return Buffer.from(`${review.createdAt.getTime()}:${review.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const match = /^(\d{1,15}):([\w-]{1,64})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match ? { createdAt: new Date(Number(match[1])), id: match[2] } : null;
}

export async function listReviewsForProduct(
  shop: string,
  productShopifyId: string,
  options: { status?: ReviewStatus; cursor?: string; limit?: number } = {},
): Promise<{ reviews: ReviewListItem[]; nextCursor: string | null }> {
  const { status, cursor, limit } = ListOptionsSchema.parse(options);
  const after = cursor ? decodeCursor(cursor) : null;
  const rows = await db.review.findMany({
    where: {
      shop,
      productShopifyId,
      status,
      ...(after
        ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      rating: true,
      title: true,
      body: true,
      displayName: true,
      fit: true,
      locale: true,
      verifiedBuyer: true,
      status: true,
      createdAt: true,
      publishedAt: true,
    },
  });
  const page = rows.slice(0, limit);
  return { reviews: page, nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null };
}

export interface RatingSummary {
  /** Mean of published ratings, rounded to two decimals; null when there are none. */
  average: number | null;
  count: number;
  /** Published reviews per star, 1 to 5. */
  distribution: Record<1 | 2 | 3 | 4 | 5, number>;
}

export async function ratingSummary(shop: string, productShopifyId: string): Promise<RatingSummary> {
  const groups = await db.review.groupBy({
    by: ["rating"],
    where: { shop, productShopifyId, status: "published" },
    _count: { _all: true },
  });
  const distribution: RatingSummary["distribution"] = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  let count = 0;
  let sum = 0;
  for (const group of groups) {
    const stars = group.rating as 1 | 2 | 3 | 4 | 5;
    if (!(stars in distribution)) continue;
    distribution[stars] = group._count._all;
    count += group._count._all;
    sum += stars * group._count._all;
  }
  return { average: count === 0 ? null : Math.round((sum / count) * 100) / 100, count, distribution };
}

export interface ReviewFigures {
  total: number;
  published: number;
  pending: number;
  rejected: number;
  verifiedBuyer: number;
  averageRating: number | null;
  last30Days: number;
  /** When the oldest review still waiting for a decision arrived; null when none waits. */
  oldestPendingAt: Date | null;
  /** Reviews waiting for a decision for more than a week. */
  pendingOverAWeek: number;
  /** Low-star reviews (1–2★) not rejected that have no reply from the shop yet. */
  lowRatingUnanswered: number;
}

/** A low-star review: the ones a merchant should answer first. */
export const LOW_RATING_MAX = 2;

export async function reviewFigures(shop: string, now: Date = new Date()): Promise<ReviewFigures> {
  const since = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000);
  const weekAgo = new Date(now.getTime() - 7 * 24 * 60 * 60 * 1000);
  const [byStatus, published, verifiedBuyer, last30Days, oldestPending, pendingOverAWeek, lowRatingUnanswered] =
    await Promise.all([
      db.review.groupBy({ by: ["status"], where: { shop }, _count: { _all: true } }),
      db.review.aggregate({ where: { shop, status: "published" }, _avg: { rating: true } }),
      db.review.count({ where: { shop, verifiedBuyer: true } }),
      db.review.count({ where: { shop, createdAt: { gte: since } } }),
      db.review.findFirst({
        where: { shop, status: "pending" },
        orderBy: { createdAt: "asc" },
        select: { createdAt: true },
      }),
      db.review.count({ where: { shop, status: "pending", createdAt: { lt: weekAgo } } }),
      db.review.count({
        where: { shop, rating: { lte: LOW_RATING_MAX }, status: { in: ["pending", "published"] }, reply: { is: null } },
      }),
    ]);
  const countOf = (status: ReviewStatus) => byStatus.find((group) => group.status === status)?._count._all ?? 0;
  const average = published._avg.rating;
  return {
    total: byStatus.reduce((sum, group) => sum + group._count._all, 0),
    published: countOf("published"),
    pending: countOf("pending"),
    rejected: countOf("rejected"),
    verifiedBuyer,
    averageRating: average === null ? null : Math.round(average * 100) / 100,
    last30Days,
    oldestPendingAt: oldestPending?.createdAt ?? null,
    pendingOverAWeek,
    lowRatingUnanswered,
  };
}
