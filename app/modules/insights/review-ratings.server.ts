// The reviews' star ratings by calendar month or over whole weeks (the shop's), from the aggregate rows: what CSAT
// (share of 4-5 star reviews) is computed from, for the shop or one product. Counts what the Insights screen counts.
import db from "../../db.server";
import { addMonths, isoDay } from "../shops";
import { EVERY_LANGUAGE, EVERY_PRODUCT, REVIEW_AS_A_WHOLE, REVIEW_MONTHS } from "./aggregates.server";

const RATINGS = [1, 2, 3, 4, 5];

export interface MonthRatings {
  /** The month's 1st, "2026-10-01". */
  month: string;
  /** Reviews per star, index 0 = 1 star. */
  stars: number[];
}

function ratingRows(shop: string, topic: string, first: Date, last: Date, productShopifyId?: string) {
  return db.topicAggregate.findMany({
    where: {
      shop,
      topic,
      productShopifyId: productShopifyId ?? EVERY_PRODUCT,
      language: EVERY_LANGUAGE,
      rating: { in: RATINGS },
      weekStart: { gte: first, lte: last },
    },
    select: { weekStart: true, rating: true, positive: true, negative: true, neutral: true },
  });
}

/** Every month from `firstMonth` to `lastMonth` (1sts, as calendar dates), with its reviews per star. */
export async function reviewRatingsByMonth(
  shop: string,
  range: { firstMonth: Date; lastMonth: Date; productShopifyId?: string },
): Promise<MonthRatings[]> {
  const months: MonthRatings[] = [];
  for (let month = range.firstMonth; month <= range.lastMonth; month = addMonths(month, 1))
    months.push({ month: isoDay(month), stars: [0, 0, 0, 0, 0] });
  const byMonth = new Map(months.map((entry) => [entry.month, entry]));
  for (const row of await ratingRows(shop, REVIEW_MONTHS, range.firstMonth, range.lastMonth, range.productShopifyId)) {
    const entry = byMonth.get(isoDay(row.weekStart));
    if (entry) entry.stars[row.rating - 1] += row.positive + row.negative + row.neutral;
  }
  return months;
}

/** The reviews per star (index 0 = 1 star) of the whole weeks from `firstWeek` to `lastWeek` (Mondays). */
export async function reviewRatingsOfWeeks(
  shop: string,
  range: { firstWeek: Date; lastWeek: Date; productShopifyId?: string },
): Promise<number[]> {
  const stars = [0, 0, 0, 0, 0];
  for (const row of await ratingRows(shop, REVIEW_AS_A_WHOLE, range.firstWeek, range.lastWeek, range.productShopifyId))
    stars[row.rating - 1] += row.positive + row.negative + row.neutral;
  return stars;
}
