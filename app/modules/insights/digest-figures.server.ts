// What the weekly digest reads from insights: per product, the topics whose share of negative mentions rose most
// last week against the weeks before (from the weekly aggregates), two quotes for each (from the mentions), and
// the best new quotes of the week (positive, published reviews). Counts what the Insights screen counts.
import db from "../../db.server";
import { isoDay, startOfDayIn } from "../shops";
import { EVERY_LANGUAGE, EVERY_PRODUCT, EVERY_RATING, REVIEW_AS_A_WHOLE, REVIEW_MONTHS } from "./aggregates.server";
import { highlightEvidence, type HighlightedReview } from "./review-text";

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Below this many mentions last week a share says little: the topic is not ranked. */
export const MIN_MENTIONS_FOR_RISE = 2;

export interface TopicRise {
  productShopifyId: string;
  productTitle: string | null;
  topic: string;
  lastWeek: { mentions: number; negative: number; negativeShare: number };
  before: { mentions: number; negative: number; negativeShare: number | null };
  /** Last week's negative share minus the weeks before (0..1 scale; the share itself when there was nothing). */
  rise: number;
  quotes: HighlightedReview[];
}

/**
 * The (product, topic) pairs whose negative share rose most in the week starting `lastWeek` (a Monday, calendar
 * date), compared with the `baselineWeeks` weeks before it, most risen first; only rises with a negative mention.
 * With `every`, all pairs mentioned last week, without quotes (the digest's CSV).
 */
export async function topicNegativeRises(
  shop: string,
  options: { lastWeek: Date; zone: string; baselineWeeks?: number; limit?: number; every?: boolean },
): Promise<TopicRise[]> {
  const baselineWeeks = options.baselineWeeks ?? 4;
  const firstWeek = new Date(options.lastWeek.getTime() - baselineWeeks * WEEK_MS);
  const rows = await db.topicAggregate.findMany({
    where: {
      shop,
      productShopifyId: { not: EVERY_PRODUCT },
      topic: { notIn: [REVIEW_AS_A_WHOLE, REVIEW_MONTHS] },
      language: EVERY_LANGUAGE,
      rating: EVERY_RATING,
      weekStart: { gte: firstWeek, lte: options.lastWeek },
    },
    select: { productShopifyId: true, topic: true, weekStart: true, positive: true, negative: true, neutral: true },
  });
  const pairs = new Map<string, { productShopifyId: string; topic: string; last: number[]; before: number[] }>();
  const lastKey = isoDay(options.lastWeek);
  for (const row of rows) {
    const key = `${row.productShopifyId}\u0001${row.topic}`;
    let pair = pairs.get(key);
    if (!pair) {
      pair = { productShopifyId: row.productShopifyId, topic: row.topic, last: [0, 0], before: [0, 0] };
      pairs.set(key, pair);
    }
    const into = isoDay(row.weekStart) === lastKey ? pair.last : pair.before;
    into[0] += row.positive + row.negative + row.neutral;
    into[1] += row.negative;
  }
  const ranked = [...pairs.values()]
    .filter(
      (pair) => pair.last[0] > 0 && (options.every || (pair.last[0] >= MIN_MENTIONS_FOR_RISE && pair.last[1] > 0)),
    )
    .map((pair) => {
      const lastShare = pair.last[1] / pair.last[0];
      const beforeShare = pair.before[0] === 0 ? null : pair.before[1] / pair.before[0];
      return { pair, lastShare, beforeShare, rise: lastShare - (beforeShare ?? 0) };
    })
    .filter((entry) => options.every || entry.rise > 0)
    .sort((a, b) => b.rise - a.rise || b.pair.last[1] - a.pair.last[1] || a.pair.topic.localeCompare(b.pair.topic))
    .slice(0, options.every ? undefined : (options.limit ?? 5));

  const products = await db.product.findMany({
    where: { shop, shopifyId: { in: ranked.map((entry) => entry.pair.productShopifyId) } },
    select: { shopifyId: true, title: true },
  });
  const titleOf = new Map(products.map((product) => [product.shopifyId, product.title]));
  const since = startOfDayIn(options.lastWeek, options.zone);
  const until = startOfDayIn(new Date(options.lastWeek.getTime() + WEEK_MS), options.zone);
  const rises: TopicRise[] = [];
  for (const { pair, lastShare, beforeShare, rise } of ranked) {
    const quotes = options.every
      ? []
      : await db.topicMention.findMany({
          where: {
            shop,
            productShopifyId: pair.productShopifyId,
            topic: pair.topic,
            sentiment: "negative",
            counted: true,
            evidence: { not: "" },
            reviewCreatedAt: { gte: since, lt: until },
          },
          orderBy: [{ score: "asc" }, { reviewCreatedAt: "desc" }],
          take: 2,
          select: {
            evidence: true,
            evidenceStart: true,
            evidenceEnd: true,
            review: { select: { title: true, body: true } },
          },
        });
    rises.push({
      productShopifyId: pair.productShopifyId,
      productTitle: titleOf.get(pair.productShopifyId) ?? null,
      topic: pair.topic,
      lastWeek: { mentions: pair.last[0], negative: pair.last[1], negativeShare: lastShare },
      before: { mentions: pair.before[0], negative: pair.before[1], negativeShare: beforeShare },
      rise,
      quotes: quotes.map((quote) =>
        highlightEvidence(
          quote.review,
          { text: quote.evidence, start: quote.evidenceStart, end: quote.evidenceEnd },
          { maxBodyLength: 200 },
        ),
      ),
    });
  }
  return rises;
}

export interface BestQuote {
  reviewId: string;
  productTitle: string | null;
  rating: number;
  title: string | null;
  text: string;
}

/** The week's best new words: published 4-5 star reviews read as positive, the most positive first. */
export async function bestNewQuotes(
  shop: string,
  options: { since: Date; until: Date; limit?: number },
): Promise<BestQuote[]> {
  const reviews = await db.review.findMany({
    where: {
      shop,
      status: "published",
      rating: { gte: 4 },
      sentiment: "positive",
      createdAt: { gte: options.since, lt: options.until },
      body: { not: "" },
    },
    orderBy: [{ sentimentScore: "desc" }, { rating: "desc" }, { createdAt: "desc" }],
    take: options.limit ?? 3,
    select: { id: true, productShopifyId: true, rating: true, title: true, body: true },
  });
  const products = await db.product.findMany({
    where: { shop, shopifyId: { in: reviews.map((review) => review.productShopifyId) } },
    select: { shopifyId: true, title: true },
  });
  const titleOf = new Map(products.map((product) => [product.shopifyId, product.title]));
  return reviews.map((review) => ({
    reviewId: review.id,
    productTitle: titleOf.get(review.productShopifyId) ?? null,
    rating: review.rating,
    title: review.title,
    text: review.body.length > 240 ? `${review.body.slice(0, 240).replace(/\s+\S*$/, "")} …` : review.body,
  }));
}
