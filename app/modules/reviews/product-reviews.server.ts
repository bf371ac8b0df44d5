// Reading reviews back: a product's list (newest first, cursor-paged so page 500 costs what page 1 does),
// its rating summary, and the figures the admin home shows.
import { z } from "zod";
import db from "../../db.server";
import { REVIEW_STATUSES, type ReviewStatus } from "./review-statuses";
import { countAndStars, countsByStatus, reviewTallies } from "./review-tallies.server";

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
  const tallies = await reviewTallies(shop, { productShopifyId, statuses: ["published"] });
  const distribution: RatingSummary["distribution"] = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const tally of tallies) {
    const stars = tally.rating as 1 | 2 | 3 | 4 | 5;
    if (stars in distribution) distribution[stars] += tally.count;
  }
  const { count, stars } = countAndStars(tallies.filter((tally) => tally.rating in distribution));
  return { average: count === 0 ? null : Math.round((stars / count) * 100) / 100, count, distribution };
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
  /**
   * Low-star reviews (1–2★) still to answer: their follow-up tasks that are open (a reply or the merchant's
   * "done" closes one), the same count as the home's Follow-ups card.
   */
  lowRatingUnanswered: number;
}

export async function reviewFigures(shop: string, now: Date = new Date()): Promise<ReviewFigures> {
  const since = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000);
  const weekAgo = new Date(now.getTime() - 7 * 24 * 60 * 60 * 1000);
  // The counts over every review come from the tallies; what is left reads a narrow range of one index.
  const [tallies, last30Days, oldestPending, pendingOverAWeek, lowRatingUnanswered] = await Promise.all([
    reviewTallies(shop),
    db.review.count({ where: { shop, createdAt: { gte: since } } }),
    db.review.findFirst({
      where: { shop, status: "pending" },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
    db.review.count({ where: { shop, status: "pending", createdAt: { lt: weekAgo } } }),
    db.followUpTask.count({ where: { shop, status: "open" } }),
  ]);
  const byStatus = countsByStatus(tallies);
  const published = countAndStars(tallies.filter((tally) => tally.status === "published"));
  return {
    total: byStatus.pending + byStatus.published + byStatus.rejected,
    published: byStatus.published,
    pending: byStatus.pending,
    rejected: byStatus.rejected,
    verifiedBuyer: countAndStars(tallies.filter((tally) => tally.verifiedBuyer)).count,
    averageRating: published.count === 0 ? null : Math.round((published.stars / published.count) * 100) / 100,
    last30Days,
    oldestPendingAt: oldestPending?.createdAt ?? null,
    pendingOverAWeek,
    lowRatingUnanswered,
  };
}
