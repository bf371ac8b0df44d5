// What the admin Insights screen and the product page read. Every figure comes from TopicAggregate (a few
// hundred weekly rows whatever the shop's size) and the drill-down reads one bounded page of TopicMention;
// nothing here scans reviews. scripts/bench/insights-page.ts times these functions on 100,000 reviews.
// What is counted: the reviews the shop received except rejected ones (published, and pending moderation; see
// countsInInsights), in the shop's calendar: its days and its weeks from Monday, in its time zone. The screen
// says so, with how many of them are still pending (not in the product rating yet).
import { z } from "zod";
import db from "../../db.server";
import { calendarDayOf, isoDay, shopTimeZone, startOfDayIn, weekStartOf } from "../shops";
import { EVERY_LANGUAGE, EVERY_PRODUCT, EVERY_RATING, REVIEW_AS_A_WHOLE, REVIEW_MONTHS } from "./aggregates.server";
import { customTopicsForShop } from "./custom-topics.server";
import { BUILT_IN_TOPICS } from "./built-in-topics";
import { highlightEvidence, type HighlightedReview } from "./review-text";
import { BUILT_IN_TOPIC_KEYS, type Sentiment } from "./types";

const DAY_MS = 86_400_000;
export const DEFAULT_RANGE_WEEKS = 26;
export const DRILL_DOWN_PAGE_SIZE = 20;
/** Below this many reviews, shares swing with every review: the screen says so instead of showing them. */
export const MIN_REVIEWS_FOR_SHARES = 20;
const RATINGS = [1, 2, 3, 4, 5] as const;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ratingList = z
  .string()
  .transform((text) => [...new Set(text.split(",").map((part) => Number(part.trim())))].sort())
  .pipe(z.array(z.number().int().min(1).max(5)).min(1).max(5));

/**
 * The screen's state in the URL. Anything odd (a hand-edited link, an old bookmark) falls back to the
 * default instead of failing: a filter that cannot be read is a filter not applied.
 */
export const insightsQuerySchema = z.object({
  product: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[\w-]+$/)
    .optional()
    .catch(undefined),
  language: z
    .string()
    .trim()
    .min(2)
    .max(12)
    .regex(/^[a-z]{2,3}$|^unknown$/)
    .optional()
    .catch(undefined),
  ratings: ratingList.optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  topic: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .regex(/^[\w]+$/)
    .optional()
    .catch(undefined),
  sentiment: z.enum(["positive", "negative", "neutral"]).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});
export type InsightsQuery = z.infer<typeof insightsQuerySchema>;

export interface InsightsFilters {
  productShopifyId?: string;
  language?: string;
  ratings?: number[];
  /** Inclusive calendar days in the shop's time zone (each as midnight UTC of that date). */
  from: Date;
  to: Date;
  /** The shop's IANA time zone: where a day begins, for the reviews listed. */
  zone: string;
}

function parseDay(text: string): Date {
  return new Date(`${text}T00:00:00Z`);
}

/**
 * Turns the URL query into filters; without dates, the last DEFAULT_RANGE_WEEKS whole weeks up to today, in the
 * shop's calendar.
 */
export function insightsFiltersFrom(query: InsightsQuery, now: Date = new Date(), zone = "UTC"): InsightsFilters {
  const today = calendarDayOf(now, zone);
  let to = query.to ? parseDay(query.to) : today;
  let from = query.from
    ? parseDay(query.from)
    : new Date(weekStartOf(today).getTime() - (DEFAULT_RANGE_WEEKS - 1) * 7 * DAY_MS);
  if (from > to) [from, to] = [to, from];
  return { productShopifyId: query.product, language: query.language, ratings: query.ratings, from, to, zone };
}

function aggregateWhere(shop: string, filters: InsightsFilters) {
  return {
    shop,
    productShopifyId: filters.productShopifyId ?? EVERY_PRODUCT,
    language: filters.language ?? EVERY_LANGUAGE,
    // Weeks are the unit: a range covers every week it touches.
    weekStart: { gte: weekStartOf(filters.from), lte: filters.to },
  };
}

export interface WeekCounts {
  week: string;
  positive: number;
  negative: number;
  neutral: number;
}

export interface TopicSummary {
  key: string;
  label: string;
  custom: boolean;
  positive: number;
  negative: number;
  neutral: number;
  total: number;
  /** Share of the topic's mentions, 0..1. */
  positiveShare: number;
  negativeShare: number;
  averageScore: number;
  trend: WeekCounts[];
}

export interface ReviewFiguresInRange {
  total: number;
  averageRating: number | null;
  fiveStarShare: number | null;
  positiveShare: number | null;
  negativeShare: number | null;
  /** NPS-style: share of 5-star reviews minus share of 1-3-star reviews, in points (-100..100). */
  netScore: number | null;
  enoughForShares: boolean;
}

export interface InsightsOverview {
  weeks: string[];
  reviews: ReviewFiguresInRange;
  /** Reviews per week and star (index 0 = 1 star). */
  ratingTrend: Array<{ week: string; stars: number[] }>;
  topics: TopicSummary[];
}

interface TopicLabel {
  key: string;
  label: string;
  custom: boolean;
}

export async function topicLabels(shop: string, locale: "en" | "sv"): Promise<Map<string, TopicLabel>> {
  const labels = new Map<string, TopicLabel>();
  for (const topic of BUILT_IN_TOPICS)
    labels.set(topic.key, { key: topic.key, label: topic.labels[locale], custom: false });
  for (const topic of await customTopicsForShop(shop))
    labels.set(topic.key, { key: topic.key, label: topic.label, custom: true });
  return labels;
}

function weeksBetween(from: Date, to: Date): string[] {
  const weeks: string[] = [];
  for (let week = weekStartOf(from).getTime(); week <= to.getTime(); week += 7 * DAY_MS)
    weeks.push(isoDay(new Date(week)));
  return weeks;
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

export async function loadInsightsOverview(
  shop: string,
  filters: InsightsFilters,
  options: { locale?: "en" | "sv" } = {},
): Promise<InsightsOverview> {
  const where = aggregateWhere(shop, filters);
  const ratingFilter = filters.ratings && filters.ratings.length < 5 ? filters.ratings : null;
  const [topicRows, reviewRows, labels] = await Promise.all([
    db.topicAggregate.findMany({
      where: {
        ...where,
        topic: { notIn: [REVIEW_AS_A_WHOLE, REVIEW_MONTHS] },
        rating: ratingFilter ? { in: ratingFilter } : EVERY_RATING,
      },
      select: { topic: true, weekStart: true, positive: true, negative: true, neutral: true, scoreSum: true },
    }),
    // Per star, so the rating distribution over time comes from the same rows as the totals.
    db.topicAggregate.findMany({
      where: { ...where, topic: REVIEW_AS_A_WHOLE, rating: { in: ratingFilter ?? [...RATINGS] } },
      select: { weekStart: true, rating: true, positive: true, negative: true, neutral: true },
    }),
    topicLabels(shop, options.locale ?? "en"),
  ]);

  const weeks = weeksBetween(filters.from, filters.to);
  const weekIndex = new Map(weeks.map((week, index) => [week, index]));

  const ratingTrend = weeks.map((week) => ({ week, stars: [0, 0, 0, 0, 0] }));
  let total = 0;
  let positive = 0;
  let negative = 0;
  let ratingSum = 0;
  const perStar = [0, 0, 0, 0, 0];
  for (const row of reviewRows) {
    const count = row.positive + row.negative + row.neutral;
    total += count;
    positive += row.positive;
    negative += row.negative;
    ratingSum += row.rating * count;
    perStar[row.rating - 1] += count;
    const index = weekIndex.get(isoDay(row.weekStart));
    if (index !== undefined) ratingTrend[index].stars[row.rating - 1] += count;
  }
  const enoughForShares = total >= MIN_REVIEWS_FOR_SHARES;
  const reviews: ReviewFiguresInRange = {
    total,
    averageRating: total === 0 ? null : Math.round((ratingSum / total) * 100) / 100,
    fiveStarShare: total === 0 ? null : share(perStar[4], total),
    positiveShare: total === 0 ? null : share(positive, total),
    negativeShare: total === 0 ? null : share(negative, total),
    netScore:
      total === 0
        ? null
        : Math.round((share(perStar[4], total) - share(perStar[0] + perStar[1] + perStar[2], total)) * 100),
    enoughForShares,
  };

  const byTopic = new Map<string, TopicSummary & { scoreSum: number }>();
  for (const row of topicRows) {
    const label = labels.get(row.topic);
    // A removed custom topic keeps rows until the re-analysis catches up; it is no longer shown.
    if (!label) continue;
    let summary = byTopic.get(row.topic);
    if (!summary) {
      summary = {
        ...label,
        positive: 0,
        negative: 0,
        neutral: 0,
        total: 0,
        positiveShare: 0,
        negativeShare: 0,
        averageScore: 0,
        scoreSum: 0,
        trend: weeks.map((week) => ({ week, positive: 0, negative: 0, neutral: 0 })),
      };
      byTopic.set(row.topic, summary);
    }
    summary.positive += row.positive;
    summary.negative += row.negative;
    summary.neutral += row.neutral;
    summary.scoreSum += row.scoreSum;
    const index = weekIndex.get(isoDay(row.weekStart));
    if (index !== undefined) {
      summary.trend[index].positive += row.positive;
      summary.trend[index].negative += row.negative;
      summary.trend[index].neutral += row.neutral;
    }
  }
  const topics = [...byTopic.values()]
    .map(({ scoreSum, ...summary }) => {
      const count = summary.positive + summary.negative + summary.neutral;
      return {
        ...summary,
        total: count,
        positiveShare: share(summary.positive, count),
        negativeShare: share(summary.negative, count),
        averageScore: count === 0 ? 0 : Math.round((scoreSum / count) * 1000) / 1000,
      };
    })
    .filter((summary) => summary.total > 0)
    .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));

  return { weeks, reviews, ratingTrend, topics };
}

export interface InsightsFilterOptions {
  products: Array<{ id: string; title: string }>;
  languages: string[];
}

const MAX_PRODUCT_OPTIONS = 500;

/**
 * The choices the filters offer: the shop's products (from the catalogue cache; a shop with thousands lists
 * the first MAX_PRODUCT_OPTIONS by title) and the languages its analysed reviews are written in.
 */
export async function insightsFilterOptions(shop: string): Promise<InsightsFilterOptions> {
  const [products, languageRows] = await Promise.all([
    db.product.findMany({
      where: { shop, isGiftCard: false },
      orderBy: { title: "asc" },
      take: MAX_PRODUCT_OPTIONS,
      select: { shopifyId: true, title: true },
    }),
    db.topicAggregate.findMany({
      where: {
        shop,
        topic: REVIEW_AS_A_WHOLE,
        productShopifyId: EVERY_PRODUCT,
        rating: EVERY_RATING,
        language: { not: EVERY_LANGUAGE },
      },
      distinct: ["language"],
      select: { language: true },
    }),
  ]);
  return {
    products: products.map((product) => ({ id: product.shopifyId, title: product.title })),
    languages: languageRows.map((row) => row.language).sort(),
  };
}

export interface MentionSnippet {
  mentionId: string;
  reviewId: string;
  productShopifyId: string;
  productTitle: string | null;
  sentiment: Sentiment;
  score: number;
  evidence: string;
  rating: number;
  language: string;
  reviewCreatedAt: string;
  displayName: string;
  verifiedBuyer: boolean;
  highlighted: HighlightedReview;
}

export interface MentionsPage {
  topic: string;
  snippets: MentionSnippet[];
  nextCursor: string | null;
}

// The cursor is the last snippet's (reviewCreatedAt, id): stable while new reviews arrive.
function encodeCursor(row: { reviewCreatedAt: Date; id: string }): string {
  return Buffer.from(`${row.reviewCreatedAt.getTime()}:${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { reviewCreatedAt: Date; id: string } | null {
  const match = /^(\d{1,15}):([\w-]{1,64})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match ? { reviewCreatedAt: new Date(Number(match[1])), id: match[2] } : null;
}

/** One page of a topic's mentions, newest first, with the evidence marked in each review. */
export async function topicMentionsPage(
  shop: string,
  filters: InsightsFilters & { topic: string; sentiment?: Sentiment; cursor?: string },
  limit: number = DRILL_DOWN_PAGE_SIZE,
): Promise<MentionsPage> {
  const after = filters.cursor ? decodeCursor(filters.cursor) : null;
  const since = startOfDayIn(filters.from, filters.zone);
  const until = startOfDayIn(new Date(filters.to.getTime() + DAY_MS), filters.zone);
  const rows = await db.topicMention.findMany({
    where: {
      shop,
      topic: filters.topic,
      // What the figures count: no rejected reviews.
      counted: true,
      ...(filters.productShopifyId ? { productShopifyId: filters.productShopifyId } : {}),
      ...(filters.language ? { language: filters.language } : {}),
      ...(filters.ratings && filters.ratings.length < 5 ? { rating: { in: filters.ratings } } : {}),
      ...(filters.sentiment ? { sentiment: filters.sentiment } : {}),
      // The cursor's date also bounds the range, so the index seeks straight to the next page.
      reviewCreatedAt: { gte: since, lt: until, ...(after ? { lte: after.reviewCreatedAt } : {}) },
      ...(after
        ? {
            OR: [
              { reviewCreatedAt: { lt: after.reviewCreatedAt } },
              { reviewCreatedAt: after.reviewCreatedAt, id: { lt: after.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ reviewCreatedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      reviewId: true,
      productShopifyId: true,
      sentiment: true,
      score: true,
      evidence: true,
      evidenceStart: true,
      evidenceEnd: true,
      rating: true,
      language: true,
      reviewCreatedAt: true,
      review: { select: { title: true, body: true, displayName: true, verifiedBuyer: true } },
    },
  });
  const page = rows.slice(0, limit);
  const productIds = [...new Set(page.map((row) => row.productShopifyId))];
  const products = productIds.length
    ? await db.product.findMany({
        where: { shop, shopifyId: { in: productIds } },
        select: { shopifyId: true, title: true },
      })
    : [];
  const titleOf = new Map(products.map((product) => [product.shopifyId, product.title]));
  return {
    topic: filters.topic,
    snippets: page.map((row) => ({
      mentionId: row.id,
      reviewId: row.reviewId,
      productShopifyId: row.productShopifyId,
      productTitle: titleOf.get(row.productShopifyId) ?? null,
      sentiment: row.sentiment as Sentiment,
      score: row.score,
      evidence: row.evidence,
      rating: row.rating,
      language: row.language,
      reviewCreatedAt: row.reviewCreatedAt.toISOString(),
      displayName: row.review.displayName,
      verifiedBuyer: row.review.verifiedBuyer,
      highlighted: highlightEvidence(row.review, {
        text: row.evidence,
        start: row.evidenceStart,
        end: row.evidenceEnd,
      }),
    })),
    nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null,
  };
}

/** Whether `topic` is one the shop can drill into (a built-in topic or one of its custom topics). */
export async function isKnownTopic(shop: string, topic: string): Promise<boolean> {
  if ((BUILT_IN_TOPIC_KEYS as readonly string[]).includes(topic)) return true;
  return (await db.customTopic.count({ where: { shop, key: topic } })) > 0;
}

/** A product's topics over all its reviews, for the product page's topic block. */
export async function productTopicSummary(
  shop: string,
  productShopifyId: string,
  options: { locale?: "en" | "sv"; now?: Date; weeks?: number } = {},
): Promise<InsightsOverview> {
  const zone = await shopTimeZone(shop);
  const today = calendarDayOf(options.now ?? new Date(), zone);
  const from = new Date(weekStartOf(today).getTime() - ((options.weeks ?? 52) - 1) * 7 * DAY_MS);
  return loadInsightsOverview(shop, { productShopifyId, from, to: today, zone }, { locale: options.locale });
}

/**
 * Everything the Insights screen shows for a URL query: figures, topics, filter choices, the merchant's topics
 * and, when a topic is chosen, one page of its reviews. The route's loader is this plus authentication.
 */
export async function loadInsightsPage(shop: string, searchParams: URLSearchParams, now: Date = new Date()) {
  const query = insightsQuerySchema.parse(Object.fromEntries(searchParams));
  const zone = await shopTimeZone(shop);
  const filters = insightsFiltersFrom(query, now, zone);
  const [overview, counting, options, customTopics, topicIsKnown] = await Promise.all([
    loadInsightsOverview(shop, filters),
    countingNote(shop, filters),
    insightsFilterOptions(shop),
    customTopicsForShop(shop),
    query.topic ? isKnownTopic(shop, query.topic) : Promise.resolve(false),
  ]);
  const topic = query.topic && topicIsKnown ? query.topic : null;
  const drillDown = topic
    ? await topicMentionsPage(shop, { ...filters, topic, sentiment: query.sentiment, cursor: query.cursor })
    : null;
  return {
    filters: {
      product: filters.productShopifyId ?? "",
      language: filters.language ?? "",
      ratings: filters.ratings ?? [],
      from: isoDay(filters.from),
      to: isoDay(filters.to),
      topic,
      sentiment: query.sentiment ?? null,
      zone,
    },
    overview,
    counting,
    options,
    customTopics: customTopics.map((custom) => ({ key: custom.key, label: custom.label, keywords: custom.keywords })),
    drillDown,
    minReviewsForShares: MIN_REVIEWS_FOR_SHARES,
  };
}

export type InsightsPage = Awaited<ReturnType<typeof loadInsightsPage>>;

/** What the figures in view count, said on the screen: whole weeks, in the shop's zone, and what is pending. */
export interface CountingNote {
  /** The first and last calendar day of the whole weeks counted. */
  firstDay: string;
  lastDay: string;
  zone: string;
  /** Reviews counted in view that are waiting for moderation: not in the product rating yet. */
  pending: number;
}

async function countingNote(shop: string, filters: InsightsFilters): Promise<CountingNote> {
  const firstDay = weekStartOf(filters.from);
  const afterLastDay = new Date(weekStartOf(filters.to).getTime() + 7 * DAY_MS);
  const pending = await db.review.count({
    where: {
      shop,
      status: "pending",
      createdAt: { gte: startOfDayIn(firstDay, filters.zone), lt: startOfDayIn(afterLastDay, filters.zone) },
      ...(filters.productShopifyId ? { productShopifyId: filters.productShopifyId } : {}),
      ...(filters.language ? { language: filters.language } : {}),
      ...(filters.ratings && filters.ratings.length < 5 ? { rating: { in: filters.ratings } } : {}),
    },
  });
  return {
    firstDay: isoDay(firstDay),
    lastDay: isoDay(new Date(afterLastDay.getTime() - DAY_MS)),
    zone: filters.zone,
    pending,
  };
}

/** The catalogue entry a product page is about (our cache of Shopify's product), or null for an unknown id. */
export async function findProductForInsights(shop: string, productShopifyId: string) {
  return db.product.findFirst({
    where: { shop, shopifyId: productShopifyId },
    select: { shopifyId: true, title: true, imageUrl: true, productType: true, vendor: true },
  });
}
