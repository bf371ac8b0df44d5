// The figures merchants watch on the admin home.
import db from "../../../db.server";

export interface RequestFigures {
  /** Requests whose first email went out. */
  sent: number;
  /** Sent requests that got at least one review back. */
  reviewed: number;
  /** reviewed / sent, 0..1; null before anything was sent. */
  reviewRate: number | null;
  /** Median days from the order's delivery to the review, over reviews whose order has a delivery date. */
  medianDaysDeliveryToReview: number | null;
}

// The median reads the most recent reviews only, so the home screen stays fast for a shop with years of them.
const MEDIAN_SAMPLE = 5_000;

export async function requestFigures(shop: string): Promise<RequestFigures> {
  const [sent, reviewed, reviews] = await Promise.all([
    db.reviewRequest.count({ where: { shop, sentAt: { not: null } } }),
    db.reviewRequest.count({ where: { shop, sentAt: { not: null }, items: { some: { reviewedAt: { not: null } } } } }),
    db.review.findMany({
      where: { shop, orderId: { not: null } },
      select: { orderId: true, createdAt: true },
      orderBy: { createdAt: "desc" },
      take: MEDIAN_SAMPLE,
    }),
  ]);
  const orderIds = [...new Set(reviews.map((r) => r.orderId as string))];
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
      const deliveredAt = delivered.get(review.orderId as string);
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
