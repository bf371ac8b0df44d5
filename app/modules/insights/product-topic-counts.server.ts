// How often each topic came up in the reviews of some products since a week, and how often as a complaint: from
// the weekly aggregates (one product's rows, every language and rating), for Smart Prompts' choice of topics.
import db from "../../db.server";
import { EVERY_LANGUAGE, EVERY_RATING, REVIEW_AS_A_WHOLE, REVIEW_MONTHS } from "./aggregates.server";

export type TopicCounts = Map<string, { mentions: number; negative: number }>;

/** Per product id: topic -> mentions and negative mentions in the weeks from `sinceWeek` (a Monday). */
export async function topicCountsForProducts(
  shop: string,
  productShopifyIds: readonly string[],
  sinceWeek: Date,
): Promise<Map<string, TopicCounts>> {
  const counts = new Map<string, TopicCounts>();
  if (productShopifyIds.length === 0) return counts;
  const rows = await db.topicAggregate.groupBy({
    by: ["productShopifyId", "topic"],
    where: {
      shop,
      productShopifyId: { in: [...productShopifyIds] },
      topic: { notIn: [REVIEW_AS_A_WHOLE, REVIEW_MONTHS] },
      language: EVERY_LANGUAGE,
      rating: EVERY_RATING,
      weekStart: { gte: sinceWeek },
    },
    _sum: { positive: true, negative: true, neutral: true },
  });
  for (const row of rows) {
    const product = counts.get(row.productShopifyId) ?? new Map();
    const negative = row._sum.negative ?? 0;
    product.set(row.topic, { mentions: (row._sum.positive ?? 0) + negative + (row._sum.neutral ?? 0), negative });
    counts.set(row.productShopifyId, product);
  }
  return counts;
}
