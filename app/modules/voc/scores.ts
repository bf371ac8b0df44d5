// The standard voice-of-the-customer scores, as plain arithmetic over counts (pure; the tests hand-compute them).
//   NPS  Net Promoter Score: % promoters (9-10) minus % detractors (0-6) of "How likely are you to recommend us
//        to a friend?" (0-10), from -100 to +100.
//   CES  Customer Effort Score: "How easy was it to order?" from 1 (very difficult) to 7 (very easy): the mean,
//        and the share answering 5-7 (easy).
//   CSAT customer satisfaction: the share of 4-5 star reviews.

export const NPS_MIN = 0;
export const NPS_MAX = 10;
export const CES_MIN = 1;
export const CES_MAX = 7;
/** CES answers at or above this count as "easy". */
export const CES_EASY_FROM = 5;
/** Below this many answers an NPS moves a lot with each answer: the screens show its confidence range. */
export const FEW_ANSWERS = 100;

export type NpsGroup = "promoter" | "passive" | "detractor";

export function npsGroup(score: number): NpsGroup {
  return score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
}

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export const noNpsAnswers = (): NpsCounts => ({ promoters: 0, passives: 0, detractors: 0 });

export function addNpsAnswer(counts: NpsCounts, score: number): void {
  const group = npsGroup(score);
  if (group === "promoter") counts.promoters += 1;
  else if (group === "passive") counts.passives += 1;
  else counts.detractors += 1;
}

export function npsAnswers(counts: NpsCounts): number {
  return counts.promoters + counts.passives + counts.detractors;
}

/** The unrounded NPS (-100..100), or null without answers. */
export function netPromoterScore(counts: NpsCounts): number | null {
  const n = npsAnswers(counts);
  return n === 0 ? null : (100 * (counts.promoters - counts.detractors)) / n;
}

/**
 * A 95% confidence range for the NPS, for when answers are few. The NPS is a difference of two shares of one
 * sample, so its variance is (p + d - (p - d)^2) / n (p, d: the promoter and detractor shares). With few answers
 * the observed shares are a poor estimate of that variance (ten promoters out of ten would claim certainty), so
 * the variance uses shares with one pseudo-answer added to each of the three groups (n + 3), the way the
 * Agresti-Coull interval adds pseudo-counts to a single share. The range is centred on the observed NPS and
 * clipped to -100..100; rounded to whole points.
 */
export function npsConfidenceRange(counts: NpsCounts): { low: number; high: number } | null {
  const nps = netPromoterScore(counts);
  if (nps === null) return null;
  const n = npsAnswers(counts) + 3;
  const p = (counts.promoters + 1) / n;
  const d = (counts.detractors + 1) / n;
  const halfWidth = 1.96 * Math.sqrt((p + d - (p - d) ** 2) / n) * 100;
  return {
    low: Math.max(-100, Math.round(nps - halfWidth)),
    high: Math.min(100, Math.round(nps + halfWidth)),
  };
}

export interface CesCounts {
  answers: number;
  sum: number;
  easy: number;
}

export const noCesAnswers = (): CesCounts => ({ answers: 0, sum: 0, easy: 0 });

export function addCesAnswer(counts: CesCounts, score: number): void {
  counts.answers += 1;
  counts.sum += score;
  if (score >= CES_EASY_FROM) counts.easy += 1;
}

/** The mean effort score (1..7), or null without answers. */
export function customerEffortScore(counts: CesCounts): number | null {
  return counts.answers === 0 ? null : counts.sum / counts.answers;
}

/** Reviews per star (index 0 = 1 star) -> share of 4-5 star reviews, or null without reviews. */
export function satisfiedShare(stars: readonly number[]): number | null {
  const total = stars.reduce((sum, count) => sum + count, 0);
  return total === 0 ? null : (stars[3] + stars[4]) / total;
}
