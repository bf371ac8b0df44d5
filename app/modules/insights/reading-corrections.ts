// A merchant's corrections laid over what the engine read in a review (pure). The engine's reading of a topic is
// replaced by the merchant's sentiment, or dropped when the merchant says the review is not about it; a topic the
// engine missed is added without evidence. "_review" corrects the review's overall sentiment.
import { REVIEW_AS_A_WHOLE } from "./aggregates.server";
import type { ReviewAnalysis, Sentiment, TopicFinding } from "./types";

export const CORRECTED_SENTIMENTS = ["positive", "negative", "neutral", "absent"] as const;
export type CorrectedSentiment = (typeof CORRECTED_SENTIMENTS)[number];

export interface ReadingCorrectionInput {
  topic: string;
  sentiment: CorrectedSentiment;
}

export interface CorrectedAnalysis {
  analysis: ReviewAnalysis;
  /** Topics (and "_review") whose reading is the merchant's. */
  corrected: Set<string>;
}

/** A score that agrees with the merchant's sentiment: the engine's when it already does, else a moderate one. */
function scoreFor(sentiment: Sentiment, engineScore: number | null): number {
  if (engineScore !== null) {
    if (sentiment === "positive" && engineScore > 0) return engineScore;
    if (sentiment === "negative" && engineScore < 0) return engineScore;
    if (sentiment === "neutral" && engineScore === 0) return 0;
  }
  return sentiment === "positive" ? 0.5 : sentiment === "negative" ? -0.5 : 0;
}

export function applyCorrections(
  analysis: ReviewAnalysis,
  corrections: readonly ReadingCorrectionInput[],
  knownTopics: ReadonlySet<string>,
): CorrectedAnalysis {
  const corrected = new Set<string>();
  let overall = { sentiment: analysis.sentiment, score: analysis.score };
  const topics: TopicFinding[] = [...analysis.topics];
  for (const correction of corrections) {
    if (correction.topic === REVIEW_AS_A_WHOLE) {
      // A review is always about something: its overall reading can change, not go.
      if (correction.sentiment === "absent") continue;
      overall = { sentiment: correction.sentiment, score: scoreFor(correction.sentiment, analysis.score) };
      corrected.add(REVIEW_AS_A_WHOLE);
      continue;
    }
    // A merchant's topic that was removed since: nothing to correct any more.
    if (!knownTopics.has(correction.topic)) continue;
    const index = topics.findIndex((finding) => finding.topic === correction.topic);
    if (correction.sentiment === "absent") {
      if (index >= 0) topics.splice(index, 1);
      corrected.add(correction.topic);
      continue;
    }
    const found = index >= 0 ? topics[index] : null;
    const finding: TopicFinding = {
      topic: correction.topic,
      sentiment: correction.sentiment,
      score: scoreFor(correction.sentiment, found?.score ?? null),
      evidence: found?.evidence ?? "",
      start: found?.start ?? 0,
      end: found?.end ?? 0,
    };
    if (index >= 0) topics[index] = finding;
    else topics.push(finding);
    corrected.add(correction.topic);
  }
  return { analysis: { ...analysis, ...overall, topics }, corrected };
}
