/**
 * Insights engine: language detection, topic extraction and topic-level sentiment for shop reviews
 * in English and Swedish (more languages are data: see lexicon/). Pure, in-process and synchronous;
 * the database, jobs and screens live elsewhere and call only what is exported here.
 */
import { languagePacks } from "./language-packs";
import { BUILT_IN_TOPIC_KEYS, type BuiltInTopicKey } from "./types";

export { analyzeReview } from "./review-analysis";
export { detectLanguage } from "./language-detection";
export { tokenize } from "./tokenizer";
export { registerLanguagePack } from "./language-packs";
export { BUILT_IN_TOPIC_KEYS } from "./types";
export type {
  AnalyzeOptions,
  BuiltInTopicKey,
  CustomTopicDefinition,
  LanguageGuess,
  ReviewAnalysis,
  Sentiment,
  TopicFinding,
} from "./types";
export type { LanguagePackSource } from "./lexicon-format";

/**
 * Stored with every analysis; when it changes, the pipeline re-analyses old reviews in the
 * background. Bump it with any change to code or lexicon data that can change a result.
 */
export const ENGINE_VERSION = "1.0.1";

export interface BuiltInTopic {
  key: BuiltInTopicKey;
  labels: { en: string; sv: string };
}

function labelIn(lang: string, topicIndex: number, fallback: string): string {
  return languagePacks().get(lang)?.topicLabels.get(topicIndex) ?? fallback;
}

/** The twelve built-in topics with their English and Swedish labels, in display order. */
export const BUILT_IN_TOPICS: readonly BuiltInTopic[] = BUILT_IN_TOPIC_KEYS.map((key, index) => ({
  key,
  labels: { en: labelIn("en", index, key), sv: labelIn("sv", index, key) },
}));

// The pipeline and the screens' queries (database; see pipeline.server.ts and insights-page.server.ts).
export {
  analyzeStoredReviews,
  forgetReviewInsights,
  mentionsForReview,
  analysisVersion,
  currentAnalysisVersion,
  reviewsNeedingAnalysis,
  type AnalyseResult,
} from "./pipeline.server";
export {
  recomputeShopAggregates,
  aggregateRowsFor,
  weekStartOf,
  REVIEW_AS_A_WHOLE,
  EVERY_PRODUCT,
  EVERY_LANGUAGE,
  EVERY_RATING,
  type CountedMention,
} from "./aggregates.server";
export {
  insightsJobs,
  scheduleInsightsCatchUp,
  startShopReanalysis,
  ANALYZE_REVIEW_JOB,
  REANALYZE_SHOP_JOB,
  INSIGHTS_CATCH_UP_JOB,
  REANALYZE_BATCH_SIZE,
} from "./jobs.server";
export {
  addCustomTopic,
  removeCustomTopic,
  customTopicsForShop,
  customTopicKey,
  MAX_CUSTOM_TOPICS,
  type AddCustomTopicResult,
  type CustomTopicFieldErrors,
} from "./custom-topics.server";
export {
  loadInsightsPage,
  findProductForInsights,
  loadInsightsOverview,
  insightsFilterOptions,
  insightsFiltersFrom,
  insightsQuerySchema,
  topicMentionsPage,
  productTopicSummary,
  isKnownTopic,
  isoDay,
  DEFAULT_RANGE_WEEKS,
  MIN_REVIEWS_FOR_SHARES,
  type InsightsFilters,
  type InsightsOverview,
  type InsightsQuery,
  type TopicSummary,
  type MentionSnippet,
  type MentionsPage,
  type ReviewFiguresInRange,
  type WeekCounts,
  type InsightsFilterOptions,
  type InsightsPage,
} from "./insights-page.server";
export { topTopicsByProduct, type ProductTopic } from "./product-topics.server";
export { reviewTextForAnalysis, highlightEvidence, type HighlightedReview, type TextSegment } from "./review-text";
