// The insights pipeline: stored reviews in, TopicMention rows and TopicAggregate counts out.
//
// analyzeStoredReviews is the one way a review's insights are written: on arrival (the insights.analyze-review
// job the reviews module enqueues when it saves a review), when the engine or the shop's custom topics change
// (insights.reanalyze-shop), and for the demo seed. Per batch, ONE transaction: lock the reviews, read the
// mentions they have, analyse, replace the mentions, store the review-level result, apply the aggregate delta
// (old rows out, new rows in). See aggregates.server.ts for why that keeps the counts exact. Every review gets
// its mentions (the review detail shows them); a rejected review's are not counted (countsInInsights), and the
// rest are counted in the shop's week and month. recountReviews follows a moderation decision without
// analysing again.
import db, { dbProvider, type DbClient } from "../../db.server";
import { monthStartOf, shopTimeZone, weekStartOf } from "../shops";
import {
  addToDelta,
  applyAggregateDelta,
  countsInInsights,
  REVIEW_AS_A_WHOLE,
  type AggregateDelta,
  type CountedMention,
} from "./aggregates.server";
import { customTopicsFingerprint, customTopicsForShop } from "./custom-topics.server";
// The engine keeps its version in index.ts; read only inside functions, so the import cycle is harmless.
import { ENGINE_VERSION } from "./engine-version";
import { analyzeReview } from "./review-analysis";
import { applyCorrections, type CorrectedSentiment, type ReadingCorrectionInput } from "./reading-corrections";
import { reviewTextForAnalysis } from "./review-text";
import { BUILT_IN_TOPIC_KEYS } from "./types";
import type { CustomTopicDefinition, ReviewAnalysis } from "./types";

const MENTION_COLUMNS = {
  productShopifyId: true,
  topic: true,
  sentiment: true,
  score: true,
  language: true,
  rating: true,
  reviewCreatedAt: true,
  counted: true,
  weekStart: true,
  monthStart: true,
} as const;

/**
 * What a stored analysis was made with: the engine version, plus a fingerprint of the shop's custom topics
 * when it has any. A review whose insightsVersion differs is analysed again by insights.reanalyze-shop.
 */
export function analysisVersion(customTopics: readonly CustomTopicDefinition[]): string {
  const fingerprint = customTopicsFingerprint(customTopics);
  return fingerprint ? `${ENGINE_VERSION}+${fingerprint}` : ENGINE_VERSION;
}

export async function currentAnalysisVersion(shop: string, client: DbClient = db): Promise<string> {
  return analysisVersion(await customTopicsForShop(shop, client));
}

interface ReviewToAnalyse {
  id: string;
  productShopifyId: string;
  rating: number;
  title: string | null;
  body: string;
  locale: string;
  createdAt: Date;
  /** A rejected review's mentions are not counted in the aggregates (countsInInsights). */
  status: string;
}

/** Where a review's mentions are counted (whether is its status: countsInInsights). */
export interface CountingOptions {
  /** The shop's IANA time zone (weeks and months are the shop's). */
  zone: string;
}

export interface AnalysedReview {
  analysis: ReviewAnalysis;
  mentions: Array<
    CountedMention & { evidence: string; evidenceStart: number; evidenceEnd: number; corrected: boolean }
  >;
}

/**
 * Pure: the engine's result for a review, with the merchant's corrections laid over it, and the mention rows it
 * becomes (one per topic, one for the whole).
 */
export function mentionsForReview(
  review: ReviewToAnalyse,
  customTopics: CustomTopicDefinition[],
  counting: CountingOptions,
  corrections: readonly ReadingCorrectionInput[] = [],
): AnalysedReview {
  const { text } = reviewTextForAnalysis(review);
  const knownTopics = new Set<string>([...BUILT_IN_TOPIC_KEYS, ...customTopics.map((topic) => topic.key)]);
  const { analysis, corrected } = applyCorrections(
    // "Perfekt!" or "Ok" carry too little to tell the language: the review page's locale stands in then.
    analyzeReview(text, { localeHint: review.locale, customTopics }),
    corrections,
    knownTopics,
  );
  const counted = {
    productShopifyId: review.productShopifyId,
    language: analysis.lang,
    rating: review.rating,
    reviewCreatedAt: review.createdAt,
    counted: countsInInsights(review.status),
    weekStart: weekStartOf(review.createdAt, counting.zone),
    monthStart: monthStartOf(review.createdAt, counting.zone),
  };
  return {
    analysis,
    mentions: [
      {
        ...counted,
        topic: REVIEW_AS_A_WHOLE,
        sentiment: analysis.sentiment,
        score: analysis.score,
        evidence: "",
        evidenceStart: 0,
        evidenceEnd: 0,
        corrected: corrected.has(REVIEW_AS_A_WHOLE),
      },
      ...analysis.topics.map((finding) => ({
        ...counted,
        topic: finding.topic,
        sentiment: finding.sentiment,
        score: finding.score,
        evidence: finding.evidence,
        evidenceStart: finding.start,
        evidenceEnd: finding.end,
        corrected: corrected.has(finding.topic),
      })),
    ],
  };
}

export interface AnalyzeResult {
  analysed: number;
  /** Ids that no longer exist (deleted before the job ran): nothing to do for them. */
  missing: number;
  aggregateRows: number;
}

/**
 * Analyses the given reviews of one shop and stores the result, replacing whatever an earlier analysis
 * stored. Safe to repeat and safe to crash: everything happens in one transaction.
 */
export async function analyzeStoredReviews(
  shop: string,
  reviewIds: readonly string[],
  options: { client?: typeof db; customTopics?: CustomTopicDefinition[]; zone?: string } = {},
): Promise<AnalyzeResult> {
  const client = options.client ?? db;
  const ids = [...new Set(reviewIds)].sort();
  if (ids.length === 0) return { analysed: 0, missing: 0, aggregateRows: 0 };
  const customTopics = options.customTopics ?? (await customTopicsForShop(shop, client));
  const counting: CountingOptions = { zone: options.zone ?? (await shopTimeZone(shop)) };
  const version = analysisVersion(customTopics);

  return client.$transaction(
    async (tx) => {
      // Writing the reviews first takes their row locks (the write lock on SQLite): a second analysis of the
      // same review waits here and then reads the mentions this one leaves, instead of subtracting the same
      // old rows twice.
      // Raw SQL, because the analysis is not an edit of the review: its updatedAt stays as the author left it.
      await tx.$executeRawUnsafe(
        `UPDATE "Review" SET "insightsVersion" = ${placeholder(1)} WHERE "shop" = ${placeholder(2)} AND "id" IN (${ids.map((_, i) => placeholder(i + 3)).join(", ")})`,
        version,
        shop,
        ...ids,
      );
      const reviews = await tx.review.findMany({
        where: { shop, id: { in: ids } },
        select: {
          id: true,
          productShopifyId: true,
          rating: true,
          title: true,
          body: true,
          locale: true,
          createdAt: true,
          status: true,
        },
      });
      const found = reviews.map((review) => review.id);
      const correctionsByReview = new Map<string, ReadingCorrectionInput[]>();
      for (const correction of await tx.readingCorrection.findMany({
        where: { shop, reviewId: { in: found } },
        orderBy: { createdAt: "asc" },
        select: { reviewId: true, topic: true, sentiment: true },
      })) {
        const list = correctionsByReview.get(correction.reviewId) ?? [];
        list.push({ topic: correction.topic, sentiment: correction.sentiment as CorrectedSentiment });
        correctionsByReview.set(correction.reviewId, list);
      }
      const previous = await tx.topicMention.findMany({
        where: { shop, reviewId: { in: found } },
        select: MENTION_COLUMNS,
      });
      const delta: AggregateDelta = addToDelta(new Map(), previous, -1);

      const rows = [];
      const results: Array<{ id: string; analysis: ReviewAnalysis }> = [];
      for (const review of reviews) {
        const { analysis, mentions } = mentionsForReview(
          review,
          customTopics,
          counting,
          correctionsByReview.get(review.id),
        );
        addToDelta(delta, mentions, 1);
        rows.push(...mentions.map((mention) => ({ ...mention, shop, reviewId: review.id })));
        results.push({ id: review.id, analysis });
      }
      await storeReviewResults(tx, shop, results);
      await tx.topicMention.deleteMany({ where: { shop, reviewId: { in: found } } });
      if (rows.length > 0) await tx.topicMention.createMany({ data: rows });
      const aggregateRows = await applyAggregateDelta(tx, shop, delta);
      return { analysed: reviews.length, missing: ids.length - reviews.length, aggregateRows };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

function placeholder(position: number): string {
  return dbProvider() === "postgresql" ? `$${position}` : "?";
}

const RESULT_UPDATE_CHUNK = 200;

/** The review-level results, one UPDATE per chunk (CASE by id) rather than one round trip per review. */
async function storeReviewResults(
  client: DbClient,
  shop: string,
  results: Array<{ id: string; analysis: ReviewAnalysis }>,
): Promise<void> {
  for (let i = 0; i < results.length; i += RESULT_UPDATE_CHUNK) {
    const chunk = results.slice(i, i + RESULT_UPDATE_CHUNK);
    const params: unknown[] = [];
    const next = (value: unknown) => {
      params.push(value);
      return placeholder(params.length);
    };
    const column = (name: string, value: (analysis: ReviewAnalysis) => unknown, cast = "") =>
      `"${name}" = CASE "id" ${chunk.map((result) => `WHEN ${next(result.id)} THEN ${next(value(result.analysis))}${cast}`).join(" ")} END`;
    const postgres = dbProvider() === "postgresql";
    const sets = [
      column("language", (analysis) => analysis.lang, postgres ? "::text" : ""),
      column("sentiment", (analysis) => analysis.sentiment, postgres ? "::text" : ""),
      column("sentimentScore", (analysis) => analysis.score, postgres ? "::double precision" : ""),
    ].join(", ");
    const where = `"shop" = ${next(shop)} AND "id" IN (${chunk.map((result) => next(result.id)).join(", ")})`;
    await client.$executeRawUnsafe(`UPDATE "Review" SET ${sets} WHERE ${where}`, ...params);
  }
}

/**
 * Takes reviews out of the insights before they are deleted (customer redaction, a merchant deleting a
 * review): subtracts their mentions from the aggregates and deletes the mentions. Call it in the SAME
 * transaction as the deletion; deleting a review alone would cascade its mentions but leave the counts.
 */
export async function forgetReviewInsights(
  client: DbClient,
  shop: string,
  reviewIds: readonly string[],
): Promise<number> {
  if (reviewIds.length === 0) return 0;
  const ids = [...reviewIds];
  const mentions = await client.topicMention.findMany({
    where: { shop, reviewId: { in: ids } },
    select: MENTION_COLUMNS,
  });
  if (mentions.length === 0) return 0;
  await applyAggregateDelta(client, shop, addToDelta(new Map(), mentions, -1));
  const { count } = await client.topicMention.deleteMany({ where: { shop, reviewId: { in: ids } } });
  return count;
}

/**
 * Brings the counting of reviews in line with their moderation status (countsInInsights), without analysing
 * them again: a moderation decision calls it in its own transaction, so a rejected review leaves the figures.
 * Returns how many reviews moved in or out of the figures.
 */
export async function recountReviews(client: DbClient, shop: string, reviewIds: readonly string[]): Promise<number> {
  if (reviewIds.length === 0) return 0;
  const reviews = await client.review.findMany({
    where: { shop, id: { in: [...reviewIds] } },
    select: { id: true, status: true },
  });
  const shouldCount = new Map(reviews.map((review) => [review.id, countsInInsights(review.status)]));
  const mentions = await client.topicMention.findMany({
    where: { shop, reviewId: { in: reviews.map((review) => review.id) } },
    select: { ...MENTION_COLUMNS, reviewId: true },
  });
  const wrong = mentions.filter((mention) => mention.counted !== shouldCount.get(mention.reviewId));
  if (wrong.length === 0) return 0;
  const delta: AggregateDelta = new Map();
  addToDelta(delta, wrong, -1);
  addToDelta(
    delta,
    wrong.map((mention) => ({ ...mention, counted: !mention.counted })),
    1,
  );
  const moved = [...new Set(wrong.map((mention) => mention.reviewId))];
  for (const counted of [true, false]) {
    const ids = moved.filter((id) => shouldCount.get(id) === counted);
    if (ids.length > 0)
      await client.topicMention.updateMany({ where: { shop, reviewId: { in: ids } }, data: { counted } });
  }
  await applyAggregateDelta(client, shop, delta);
  return moved.length;
}

/** Up to `limit` of the shop's reviews not analysed with `version`, after `afterId` in id order. */
export async function reviewsNeedingAnalysis(
  shop: string,
  version: string,
  options: { afterId?: string; limit: number; client?: DbClient },
): Promise<string[]> {
  const client = options.client ?? db;
  const rows = await client.review.findMany({
    where: {
      shop,
      OR: [{ insightsVersion: null }, { insightsVersion: { not: version } }],
      ...(options.afterId ? { id: { gt: options.afterId } } : {}),
    },
    orderBy: { id: "asc" },
    take: options.limit,
    select: { id: true },
  });
  return rows.map((row) => row.id);
}
