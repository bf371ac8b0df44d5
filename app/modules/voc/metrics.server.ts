// NPS, CES and CSAT for a period of whole calendar months in the shop's time zone, with each month's figures
// (the trend) and the same number of months before (the previous period, for the change). For the shop, or for
// one product: CSAT from the product's reviews, NPS and CES from the answers of orders that contained it.
// NPS and CES come from StoreAnswer (one narrow row per answered order, read by the (shop, answeredAt) index);
// CSAT from the insights module's monthly review counts, which count what the Insights screen counts.
import db from "../../db.server";
import { reviewRatingsByMonth, reviewRatingsOfWeeks } from "../insights";
import { addMonths, isoDay, monthStartOf, startOfDayIn } from "../shops";
import {
  addCesAnswer,
  addNpsAnswer,
  customerEffortScore,
  FEW_ANSWERS,
  netPromoterScore,
  noCesAnswers,
  noNpsAnswers,
  npsAnswers,
  npsConfidenceRange,
  satisfiedShare,
  type CesCounts,
  type NpsCounts,
} from "./scores";

export interface NpsFigure extends NpsCounts {
  answers: number;
  /** Whole points, -100..100; null without answers. */
  score: number | null;
  /** The 95% range, given while answers are few (under FEW_ANSWERS). */
  range: { low: number; high: number } | null;
}

export interface CesFigure {
  answers: number;
  /** Mean of 1..7, one decimal; null without answers. */
  average: number | null;
  /** Share answering 5-7. */
  easyShare: number | null;
}

export interface CsatFigure {
  reviews: number;
  /** 4-5 star reviews. */
  satisfied: number;
  share: number | null;
}

export interface PeriodFigures {
  nps: NpsFigure;
  ces: CesFigure;
  csat: CsatFigure;
}

export interface VocMetrics {
  /** 1sts of the first and last month of the period and of the previous one ("2026-06-01"). */
  period: { firstMonth: string; lastMonth: string; previousFirstMonth: string; previousLastMonth: string };
  zone: string;
  productShopifyId: string | null;
  months: Array<PeriodFigures & { month: string }>;
  current: PeriodFigures;
  previous: PeriodFigures;
  /** Current minus previous: NPS and CSAT in whole points, CES in tenths; null when either side has nothing. */
  change: { nps: number | null; ces: number | null; csat: number | null };
}

export interface MetricsRange {
  /** Calendar days (midnight UTC of the date) in the shop's time zone; the months they touch are the period. */
  from: Date;
  to: Date;
  zone: string;
  productShopifyId?: string;
}

interface Bucket {
  nps: NpsCounts;
  ces: CesCounts;
  stars: number[];
}

const emptyBucket = (): Bucket => ({ nps: noNpsAnswers(), ces: noCesAnswers(), stars: [0, 0, 0, 0, 0] });

function npsFigure(counts: NpsCounts): NpsFigure {
  const answers = npsAnswers(counts);
  const score = netPromoterScore(counts);
  return {
    ...counts,
    answers,
    score: score === null ? null : Math.round(score),
    range: answers > 0 && answers < FEW_ANSWERS ? npsConfidenceRange(counts) : null,
  };
}

function cesFigure(counts: CesCounts): CesFigure {
  const average = customerEffortScore(counts);
  return {
    answers: counts.answers,
    average: average === null ? null : Math.round(average * 10) / 10,
    easyShare: counts.answers === 0 ? null : counts.easy / counts.answers,
  };
}

function csatFigure(stars: number[]): CsatFigure {
  return {
    reviews: stars.reduce((sum, count) => sum + count, 0),
    satisfied: stars[3] + stars[4],
    share: satisfiedShare(stars),
  };
}

function figures(bucket: Bucket): PeriodFigures {
  return { nps: npsFigure(bucket.nps), ces: cesFigure(bucket.ces), csat: csatFigure(bucket.stars) };
}

function merge(buckets: Bucket[]): Bucket {
  const total = emptyBucket();
  for (const bucket of buckets) {
    total.nps.promoters += bucket.nps.promoters;
    total.nps.passives += bucket.nps.passives;
    total.nps.detractors += bucket.nps.detractors;
    total.ces.answers += bucket.ces.answers;
    total.ces.sum += bucket.ces.sum;
    total.ces.easy += bucket.ces.easy;
    bucket.stars.forEach((count, index) => (total.stars[index] += count));
  }
  return total;
}

function difference(now: number | null, before: number | null, decimals: number): number | null {
  if (now === null || before === null) return null;
  const scale = 10 ** decimals;
  return Math.round((now - before) * scale) / scale;
}

/** The months [first, last] as 1sts (calendar dates). */
export function monthsOfPeriod(range: Pick<MetricsRange, "from" | "to">): { first: Date; last: Date; count: number } {
  const first = monthStartOf(range.from);
  const last = monthStartOf(range.to);
  const count = (last.getUTCFullYear() - first.getUTCFullYear()) * 12 + last.getUTCMonth() - first.getUTCMonth() + 1;
  return { first, last, count };
}

export async function loadVocMetrics(shop: string, range: MetricsRange): Promise<VocMetrics> {
  const { first, last, count } = monthsOfPeriod(range);
  const previousFirst = addMonths(first, -count);
  const answers = await db.storeAnswer.findMany({
    where: {
      shop,
      answeredAt: { gte: startOfDayIn(previousFirst, range.zone), lt: startOfDayIn(addMonths(last, 1), range.zone) },
      ...(range.productShopifyId ? { order: { lines: { some: { productShopifyId: range.productShopifyId } } } } : {}),
    },
    select: { answeredAt: true, nps: true, ces: true },
  });
  const ratings = await reviewRatingsByMonth(shop, {
    firstMonth: previousFirst,
    lastMonth: last,
    productShopifyId: range.productShopifyId,
  });

  const buckets = new Map<string, Bucket>();
  for (let month = previousFirst; month <= last; month = addMonths(month, 1)) buckets.set(isoDay(month), emptyBucket());
  for (const answer of answers) {
    const bucket = buckets.get(isoDay(monthStartOf(answer.answeredAt, range.zone)));
    if (!bucket) continue;
    if (answer.nps !== null) addNpsAnswer(bucket.nps, answer.nps);
    if (answer.ces !== null) addCesAnswer(bucket.ces, answer.ces);
  }
  for (const month of ratings) {
    const bucket = buckets.get(month.month);
    if (bucket) bucket.stars = month.stars;
  }

  const monthKeys = [...buckets.keys()];
  const previousKeys = monthKeys.slice(0, count);
  const currentKeys = monthKeys.slice(count);
  const current = merge(currentKeys.map((key) => buckets.get(key)!));
  const previous = merge(previousKeys.map((key) => buckets.get(key)!));
  const currentFigures = figures(current);
  const previousFigures = figures(previous);
  const share = (figure: CsatFigure) => (figure.share === null ? null : figure.share * 100);

  return {
    period: {
      firstMonth: isoDay(first),
      lastMonth: isoDay(last),
      previousFirstMonth: isoDay(previousFirst),
      previousLastMonth: isoDay(addMonths(first, -1)),
    },
    zone: range.zone,
    productShopifyId: range.productShopifyId ?? null,
    months: currentKeys.map((month) => ({ month, ...figures(buckets.get(month)!) })),
    current: currentFigures,
    previous: previousFigures,
    change: {
      nps: difference(netPromoterScore(current.nps), netPromoterScore(previous.nps), 0),
      ces: difference(customerEffortScore(current.ces), customerEffortScore(previous.ces), 1),
      csat: difference(share(currentFigures.csat), share(previousFigures.csat), 0),
    },
  };
}

const WEEK_MS = 7 * 86_400_000;

/** NPS, CES and CSAT over whole weeks, from the Monday `firstWeek` to the Sunday after `lastWeek` (the digest). */
export async function weeksFigures(
  shop: string,
  range: { firstWeek: Date; lastWeek: Date; zone: string },
): Promise<PeriodFigures> {
  const bucket = emptyBucket();
  const answers = await db.storeAnswer.findMany({
    where: {
      shop,
      answeredAt: {
        gte: startOfDayIn(range.firstWeek, range.zone),
        lt: startOfDayIn(new Date(range.lastWeek.getTime() + WEEK_MS), range.zone),
      },
    },
    select: { nps: true, ces: true },
  });
  for (const answer of answers) {
    if (answer.nps !== null) addNpsAnswer(bucket.nps, answer.nps);
    if (answer.ces !== null) addCesAnswer(bucket.ces, answer.ces);
  }
  bucket.stars = await reviewRatingsOfWeeks(shop, { firstWeek: range.firstWeek, lastWeek: range.lastWeek });
  return figures(bucket);
}

/** The change between two periods' figures: NPS and CSAT in whole points, CES in tenths. */
export function figuresChange(now: PeriodFigures, before: PeriodFigures): VocMetrics["change"] {
  const share = (figure: CsatFigure) => (figure.share === null ? null : figure.share * 100);
  const npsOf = (figure: NpsFigure) => netPromoterScore(figure);
  return {
    nps: difference(npsOf(now.nps), npsOf(before.nps), 0),
    ces: difference(
      now.ces.answers === 0 ? null : now.ces.average,
      before.ces.answers === 0 ? null : before.ces.average,
      1,
    ),
    csat: difference(share(now.csat), share(before.csat), 0),
  };
}
