/**
 * Insights: language detection, topic extraction and topic-level sentiment for shop reviews in English and
 * Swedish (more languages are data: see lexicon/), the pipeline that stores it, and the admin screens' queries.
 * The engine is pure, in-process and synchronous. Other modules, routes and scripts call only what is exported
 * here. The engine comes through engine.server.ts: it compiles its lexicons when it is loaded, and a *.server
 * file is left out of the browser build, so a route importing this face does not ship them to the browser.
 */
export { analyzeReview, detectLanguage, tokenize, registerLanguagePack, BUILT_IN_TOPICS } from "./engine.server";
export type { ReviewAnalysis } from "./types";
// The learned layer's size and its training (scripts/insights-train.ts; analysis never calls these).
export {
  learnedLayerSize,
  readByRules,
  trainLearnedWeights,
  formatLearnedWeights,
  swapLearnedWeights,
} from "./engine.server";
export type {
  TrainingExample as LearnedTrainingExample,
  TrainingOptions as LearnedTrainingOptions,
} from "./learned/training";

export { ENGINE_VERSION } from "./engine-version";

// The pipeline and the screens' queries (database; see pipeline.server.ts and insights-page.server.ts).
export { analyzeStoredReviews, forgetReviewInsights, mentionsForReview, recountReviews } from "./pipeline.server";
export { recomputeShopAggregates, aggregateRowsFor, REVIEW_AS_A_WHOLE } from "./aggregates.server";
export { insightsJobs, scheduleInsightsCatchUp, REANALYZE_BATCH_SIZE } from "./jobs.server";
export { startShopReanalysis } from "./reanalysis.server";
export { ANALYZE_REVIEW_JOB, REANALYZE_SHOP_JOB } from "./job-types";
export { addCustomTopic, removeCustomTopic, customTopicsForShop } from "./custom-topics.server";
export {
  loadInsightsPage,
  findProductForInsights,
  loadInsightsOverview,
  insightsFiltersFrom,
  productTopicSummary,
  type InsightsOverview,
  type InsightsPage,
} from "./insights-page.server";
export { topTopicsByProduct } from "./product-topics.server";
export { type HighlightedReview, type TextSegment } from "./review-text";
export { reviewRatingsByMonth, reviewRatingsOfWeeks } from "./review-ratings.server";
export { loadReviewReadings, correctReading, labelledDataExport, type ReviewReadings } from "./review-readings.server";
export { topicNegativeRises, bestNewQuotes, type TopicRise, type BestQuote } from "./digest-figures.server";
export { topicVocabulary } from "./topic-vocabulary.server";
export { topicCountsForProducts, type TopicCounts } from "./product-topic-counts.server";
