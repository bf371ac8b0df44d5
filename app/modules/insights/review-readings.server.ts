// What was read from one review, for its detail screen: every topic the engine found (or the merchant set) with
// its sentiment and the evidence marked, whether it counts in the figures, and the merchant's corrections.
// Correcting a reading stores the correction and analyses the review again at once: the figures follow, and
// every later analysis (a re-analysis, a new engine version) applies the correction again.
import { z } from "zod";
import db from "../../db.server";
import { enqueueJob } from "../jobs";
import { REVIEW_AS_A_WHOLE } from "./aggregates.server";
import { BUILT_IN_TOPICS } from "./built-in-topics";
import { customTopicsForShop } from "./custom-topics.server";
import { ANALYZE_REVIEW_JOB } from "./job-types";
import { analyzeStoredReviews } from "./pipeline.server";
import { CORRECTED_SENTIMENTS } from "./reading-corrections";
import { reviewTextForAnalysis, highlightEvidence, type HighlightedReview } from "./review-text";
import type { Sentiment } from "./types";

export interface ReviewReading {
  topic: string;
  label: string;
  sentiment: Sentiment;
  evidence: string;
  highlighted: HighlightedReview | null;
  corrected: boolean;
  /** What the engine had read before the merchant's correction (null: it had not found the topic). */
  engineSentiment: Sentiment | null;
}

export interface ReviewReadings {
  /** The review's overall sentiment; null before its first analysis. */
  overall: ReviewReading | null;
  topics: ReviewReading[];
  /** Topics the merchant said the review is not about. */
  absent: Array<{ topic: string; label: string; engineSentiment: Sentiment | null }>;
  /** Topics the merchant can add (not read from the review yet). */
  addable: Array<{ topic: string; label: string }>;
  counted: boolean;
  language: string | null;
  analysed: boolean;
}

async function topicLabels(shop: string): Promise<Map<string, string>> {
  const labels = new Map<string, string>(BUILT_IN_TOPICS.map((topic) => [topic.key, topic.labels.en]));
  for (const topic of await customTopicsForShop(shop)) labels.set(topic.key, topic.label);
  return labels;
}

export async function loadReviewReadings(shop: string, reviewId: string): Promise<ReviewReadings | null> {
  const review = await db.review.findFirst({
    where: { shop, id: reviewId },
    select: {
      title: true,
      body: true,
      language: true,
      insightsVersion: true,
      mentions: { orderBy: { score: "asc" } },
      corrections: true,
    },
  });
  if (!review) return null;
  const labels = await topicLabels(shop);
  const correctionOf = new Map(review.corrections.map((correction) => [correction.topic, correction]));
  const reading = (mention: (typeof review.mentions)[number]): ReviewReading => ({
    topic: mention.topic,
    label: mention.topic === REVIEW_AS_A_WHOLE ? "Overall" : (labels.get(mention.topic) ?? mention.topic),
    sentiment: mention.sentiment as Sentiment,
    evidence: mention.evidence,
    highlighted:
      mention.evidence === ""
        ? null
        : highlightEvidence(
            review,
            { text: mention.evidence, start: mention.evidenceStart, end: mention.evidenceEnd },
            { maxBodyLength: 160 },
          ),
    corrected: mention.corrected,
    engineSentiment: mention.corrected
      ? ((correctionOf.get(mention.topic)?.engineSentiment as Sentiment | null) ?? null)
      : (mention.sentiment as Sentiment),
  });
  const overallMention = review.mentions.find((mention) => mention.topic === REVIEW_AS_A_WHOLE);
  const topics = review.mentions
    .filter((mention) => mention.topic !== REVIEW_AS_A_WHOLE && labels.has(mention.topic))
    .map(reading)
    .sort((a, b) => a.label.localeCompare(b.label));
  const present = new Set(topics.map((topic) => topic.topic));
  const absent = review.corrections
    .filter((correction) => correction.sentiment === "absent" && labels.has(correction.topic))
    .map((correction) => ({
      topic: correction.topic,
      label: labels.get(correction.topic)!,
      engineSentiment: correction.engineSentiment as Sentiment | null,
    }));
  const hidden = new Set(absent.map((entry) => entry.topic));
  return {
    overall: overallMention ? reading(overallMention) : null,
    topics,
    absent,
    addable: [...labels.entries()]
      .filter(([topic]) => !present.has(topic) && !hidden.has(topic))
      .map(([topic, label]) => ({ topic, label })),
    counted: overallMention?.counted ?? false,
    language: review.language,
    analysed: review.insightsVersion !== null,
  };
}

const CorrectionInput = z.object({
  shop: z.string().min(1),
  reviewId: z.string().regex(/^[\w-]{1,64}$/),
  topic: z.string().regex(/^[\w]{1,60}$/),
  /** A sentiment, "absent", or "engine" to take the correction back. */
  sentiment: z.enum([...CORRECTED_SENTIMENTS, "engine"]),
});

export type CorrectionResult =
  { ok: true; changed: boolean } | { ok: false; reason: "not_found" | "unknown_topic" | "invalid" };

export async function correctReading(input: unknown): Promise<CorrectionResult> {
  const parsed = CorrectionInput.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { shop, reviewId, topic, sentiment } = parsed.data;
  if (topic === REVIEW_AS_A_WHOLE ? sentiment === "absent" : !(await topicLabels(shop)).has(topic))
    return { ok: false, reason: topic === REVIEW_AS_A_WHOLE ? "invalid" : "unknown_topic" };

  const outcome = await db.$transaction(async (tx) => {
    const review = await tx.review.findFirst({ where: { shop, id: reviewId }, select: { id: true } });
    if (!review) return "not_found" as const;
    const existing = await tx.readingCorrection.findUnique({ where: { reviewId_topic: { reviewId, topic } } });
    if (sentiment === "engine") {
      if (!existing) return "unchanged" as const;
      await tx.readingCorrection.delete({ where: { id: existing.id } });
    } else {
      if (existing?.sentiment === sentiment) return "unchanged" as const;
      const mention = await tx.topicMention.findFirst({
        where: { shop, reviewId, topic },
        select: { sentiment: true },
      });
      // The engine's own reading: the mention's, unless the mention already carries an earlier correction.
      const engineSentiment = existing ? existing.engineSentiment : (mention?.sentiment ?? null);
      await tx.readingCorrection.upsert({
        where: { reviewId_topic: { reviewId, topic } },
        create: { shop, reviewId, topic, sentiment, engineSentiment },
        update: { sentiment },
      });
    }
    // Committed with the correction: if the analysis below does not finish, the job applies it.
    await enqueueJob({ type: ANALYZE_REVIEW_JOB, shop, payload: { shop, reviewId } }, tx);
    return "changed" as const;
  });
  if (outcome === "not_found") return { ok: false, reason: "not_found" };
  if (outcome === "unchanged") return { ok: true, changed: false };
  await analyzeStoredReviews(shop, [reviewId]);
  return { ok: true, changed: true };
}

const EXPORT_PAGE = 500;

/**
 * The shop's corrections as labelled data, one JSON line per corrected review in the format of the engine's
 * evaluation set (shared/eval/README.md; `npm run insights -- eval <file>` scores the engine on it): the analysed
 * text, its language and the merchant's opinions (topics ["@overall"] for the overall sentiment), plus `absent`,
 * the topics the merchant said the review is not about. No names, emails or ids of people.
 */
export async function labelledDataExport(shop: string): Promise<string> {
  const lines: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const reviews = await db.review.findMany({
      where: { shop, corrections: { some: {} } },
      orderBy: { id: "asc" },
      take: EXPORT_PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: {
        id: true,
        title: true,
        body: true,
        language: true,
        locale: true,
        corrections: { orderBy: { topic: "asc" }, select: { topic: true, sentiment: true } },
      },
    });
    for (const review of reviews) {
      const opinions = review.corrections
        .filter((correction) => correction.sentiment !== "absent")
        .map((correction) => ({
          category: `merchant:${correction.topic}`,
          polarity: correction.sentiment,
          topics: [correction.topic === REVIEW_AS_A_WHOLE ? "@overall" : correction.topic],
        }));
      const absent = review.corrections
        .filter((correction) => correction.sentiment === "absent")
        .map((correction) => correction.topic);
      lines.push(
        JSON.stringify({
          id: review.id,
          text: reviewTextForAnalysis(review).text,
          lang: review.language && review.language !== "unknown" ? review.language : review.locale,
          opinions,
          absent,
        }),
      );
    }
    if (reviews.length < EXPORT_PAGE) break;
    cursor = reviews[reviews.length - 1].id;
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
