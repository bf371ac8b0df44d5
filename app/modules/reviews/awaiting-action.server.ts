// Reviews that wait for the shop, for the weekly digest: those held for moderation, and follow-ups: unhappy
// reviews (1-2 stars) of the last FOLLOW_UP_DAYS days the shop has not replied to yet.
import db from "../../db.server";

export const FOLLOW_UP_DAYS = 30;
const DAY_MS = 86_400_000;

export async function reviewsAwaitingAction(shop: string, now: Date = new Date()) {
  const [pending, followUps] = await Promise.all([
    db.review.count({ where: { shop, status: "pending" } }),
    db.review.count({
      where: {
        shop,
        status: { not: "rejected" },
        rating: { lte: 2 },
        createdAt: { gte: new Date(now.getTime() - FOLLOW_UP_DAYS * DAY_MS) },
        reply: { is: null },
      },
    }),
  ]);
  return { pending, followUps };
}
