// The figures merchants watch on the admin home.
import db from "../../../db.server";

export interface RequestFigures {
  /** Requests whose first email went out. */
  sent: number;
  /** Sent requests that got at least one review back. */
  reviewed: number;
  /** reviewed / sent, 0..1; null before anything was sent. */
  reviewRate: number | null;
  /** Median days from the order's delivery to the review, over products reviewed from a delivered order's request. */
  medianDaysDeliveryToReview: number | null;
}

// The median reads the most recently reviewed products only (the newest end of an index), so the home screen
// stays fast for a shop with years of reviews.
const MEDIAN_SAMPLE = 5_000;

export async function requestFigures(shop: string): Promise<RequestFigures> {
  const [sent, reviewed, items] = await Promise.all([
    db.reviewRequest.count({ where: { shop, sentAt: { not: null } } }),
    db.reviewRequest.count({ where: { shop, sentAt: { not: null }, items: { some: { reviewedAt: { not: null } } } } }),
    db.reviewRequestItem.findMany({
      where: { shop, reviewedAt: { not: null } },
      select: { reviewedAt: true, request: { select: { orderId: true } } },
      orderBy: { reviewedAt: "desc" },
      take: MEDIAN_SAMPLE,
    }),
  ]);
  const reviews = items.map((item) => ({ orderId: item.request.orderId, createdAt: item.reviewedAt as Date }));
  const orderIds = [...new Set(reviews.map((r) => r.orderId))];
  const delivered = new Map<string, Date>();
  for (let i = 0; i < orderIds.length; i += 500) {
    const rows = await db.order.findMany({
      where: { shop, id: { in: orderIds.slice(i, i + 500) }, deliveredAt: { not: null } },
      select: { id: true, deliveredAt: true },
    });
    for (const row of rows) delivered.set(row.id, row.deliveredAt as Date);
  }
  const days = reviews
    .flatMap((review) => {
      const deliveredAt = delivered.get(review.orderId);
      return deliveredAt ? [(review.createdAt.getTime() - deliveredAt.getTime()) / 86_400_000] : [];
    })
    .filter((d) => d >= 0)
    .sort((a, b) => a - b);
  return {
    sent,
    reviewed,
    reviewRate: sent > 0 ? reviewed / sent : null,
    medianDaysDeliveryToReview: days.length ? Math.round(median(days) * 10) / 10 : null,
  };
}

function median(sorted: number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
