// The topics customers talk about most for each product of a list (the admin Products screen), read from the
// weekly aggregates so a page of fifty products costs one query however many reviews they have.
import db from "../../db.server";
import { shopTimeZone, weekStartOf } from "../shops";
import { EVERY_LANGUAGE, EVERY_RATING, REVIEW_AS_A_WHOLE } from "./aggregates.server";
import { topicLabels } from "./insights-page.server";

const DAY_MS = 86_400_000;

export interface ProductTopic {
  key: string;
  label: string;
  mentions: number;
  positive: number;
  negative: number;
}

/** Each product's most-mentioned topics over the last `weeks` weeks, most mentioned first. */
export async function topTopicsByProduct(
  shop: string,
  productShopifyIds: string[],
  options: { perProduct?: number; weeks?: number; now?: Date; locale?: "en" | "sv" } = {},
): Promise<Record<string, ProductTopic[]>> {
  const result: Record<string, ProductTopic[]> = Object.fromEntries(productShopifyIds.map((id) => [id, []]));
  if (productShopifyIds.length === 0) return result;
  const now = options.now ?? new Date();
  // Aggregates are kept by the shop's own weeks (Monday in its time zone).
  const from = new Date(
    weekStartOf(now, await shopTimeZone(shop)).getTime() - ((options.weeks ?? 52) - 1) * 7 * DAY_MS,
  );
  const [rows, labels] = await Promise.all([
    db.topicAggregate.groupBy({
      by: ["productShopifyId", "topic"],
      where: {
        shop,
        productShopifyId: { in: productShopifyIds },
        language: EVERY_LANGUAGE,
        rating: EVERY_RATING,
        weekStart: { gte: from },
        topic: { not: REVIEW_AS_A_WHOLE },
      },
      _sum: { positive: true, negative: true, neutral: true },
    }),
    topicLabels(shop, options.locale ?? "en"),
  ]);
  for (const row of rows) {
    const label = labels.get(row.topic);
    if (!label) continue; // a custom topic the merchant removed
    const positive = row._sum.positive ?? 0;
    const negative = row._sum.negative ?? 0;
    const mentions = positive + negative + (row._sum.neutral ?? 0);
    if (mentions > 0)
      result[row.productShopifyId]?.push({ key: row.topic, label: label.label, mentions, positive, negative });
  }
  const perProduct = options.perProduct ?? 3;
  for (const id of Object.keys(result)) {
    result[id] = result[id]
      .sort((a, b) => b.mentions - a.mentions || a.label.localeCompare(b.label))
      .slice(0, perProduct);
  }
  return result;
}
