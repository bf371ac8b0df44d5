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
export const ENGINE_VERSION = "1.0.0";

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
