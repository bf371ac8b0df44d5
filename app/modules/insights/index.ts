/**
 * Insights: language detection, topic extraction and topic-level sentiment for shop reviews in English and
 * Swedish (more languages are data: see lexicon/), the pipeline that stores it, and the admin screens' queries.
 * The engine is pure, in-process and synchronous. Other modules, routes and scripts call only what is exported
 * here. The engine comes through engine.server.ts: it compiles its lexicons when it is loaded, and a *.server
 * file is left out of the browser build, so a route importing this face does not ship them to the browser.
 */
export { analyzeReview, detectLanguage, tokenize, registerLanguagePack, BUILT_IN_TOPICS } from "./engine.server";
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

export { ENGINE_VERSION } from "./engine-version";
export type { BuiltInTopic } from "./built-in-topics";

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
