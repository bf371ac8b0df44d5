// What one shop's weekly digest says, gathered for the week it is sent in (its Monday, the shop's calendar date):
// the week before, Monday to Sunday, in the shop's time zone. Everything comes from the aggregates and small
// bounded reads (insights, reviews, the store answers); nothing scans the shop's reviews.
import db from "../../db.server";
import { BUILT_IN_TOPICS, bestNewQuotes, customTopicsForShop, topicNegativeRises } from "../insights";
import type { BestQuote, TopicRise } from "../insights";
import { FOLLOW_UP_DAYS, reviewsAwaitingAction } from "../reviews";
import { pickShopperLanguage, type ShopperLanguage } from "../shopper-language";
import { isoDay, loadShopBrand, startOfDayIn } from "../shops";
import { figuresChange, weeksFigures, type PeriodFigures, type VocMetrics } from "./metrics.server";

const WEEK_MS = 7 * 86_400_000;
/** The scores compare the last SCORE_WEEKS whole weeks with the SCORE_WEEKS before. */
export const SCORE_WEEKS = 4;

export interface DigestContent {
  shop: string;
  shopName: string;
  brandColor: string;
  locale: ShopperLanguage;
  zone: string;
  /** The Monday of the week the digest is sent in. */
  weekStart: string;
  /** The week it covers: Monday and Sunday, calendar dates. */
  covered: { from: string; to: string };
  rises: Array<TopicRise & { topicLabel: string }>;
  awaiting: { pending: number; followUps: number; followUpDays: number };
  scores: { current: PeriodFigures; change: VocMetrics["change"] };
  quotes: BestQuote[];
}

async function topicLabelsIn(shop: string, locale: ShopperLanguage): Promise<Map<string, string>> {
  const labels = new Map<string, string>(BUILT_IN_TOPICS.map((topic) => [topic.key, topic.labels[locale]]));
  for (const topic of await customTopicsForShop(shop)) labels.set(topic.key, topic.label);
  return labels;
}

export async function digestLocale(shop: string): Promise<ShopperLanguage> {
  const [settings, brand] = await Promise.all([
    db.digestSettings.findUnique({ where: { shop }, select: { locale: true } }),
    loadShopBrand(shop),
  ]);
  return pickShopperLanguage(settings?.locale, brand.primaryLocale);
}

export async function buildDigest(shop: string, weekStart: Date, now: Date = new Date()): Promise<DigestContent> {
  const brand = await loadShopBrand(shop);
  const locale = await digestLocale(shop);
  const zone = brand.timezone;
  const lastWeek = new Date(weekStart.getTime() - WEEK_MS);
  const firstScoreWeek = new Date(weekStart.getTime() - SCORE_WEEKS * WEEK_MS);
  const [rises, labels, awaiting, current, previous, quotes] = await Promise.all([
    topicNegativeRises(shop, { lastWeek, zone }),
    topicLabelsIn(shop, locale),
    reviewsAwaitingAction(shop, now),
    weeksFigures(shop, { firstWeek: firstScoreWeek, lastWeek, zone }),
    weeksFigures(shop, {
      firstWeek: new Date(firstScoreWeek.getTime() - SCORE_WEEKS * WEEK_MS),
      lastWeek: new Date(firstScoreWeek.getTime() - WEEK_MS),
      zone,
    }),
    bestNewQuotes(shop, { since: startOfDayIn(lastWeek, zone), until: startOfDayIn(weekStart, zone) }),
  ]);
  return {
    shop,
    shopName: brand.name,
    brandColor: brand.brandColor,
    locale,
    zone,
    weekStart: isoDay(weekStart),
    covered: { from: isoDay(lastWeek), to: isoDay(new Date(weekStart.getTime() - 86_400_000)) },
    rises: rises.map((rise) => ({ ...rise, topicLabel: labels.get(rise.topic) ?? rise.topic })),
    awaiting: { ...awaiting, followUpDays: FOLLOW_UP_DAYS },
    scores: { current, change: figuresChange(current, previous) },
    quotes,
  };
}
