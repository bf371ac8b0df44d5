/** The twelve topics every shop gets; keys are stored in the database, so never rename one. */
export const BUILT_IN_TOPIC_KEYS = [
  "quality",
  "size_fit",
  "comfort",
  "appearance",
  "durability",
  "functionality",
  "ease_of_use",
  "price_value",
  "shipping_delivery",
  "packaging",
  "customer_service",
  "returns_exchanges",
] as const;

export type BuiltInTopicKey = (typeof BUILT_IN_TOPIC_KEYS)[number];

export type Sentiment = "positive" | "negative" | "neutral";

export interface TopicFinding {
  /** A built-in topic key or a merchant's custom topic key. */
  topic: string;
  sentiment: Sentiment;
  /** In [-1, 1]. */
  score: number;
  /** The words that carried the finding, exactly as written in the review. */
  evidence: string;
  /** Character offsets of `evidence` in the analysed text, for highlighting (end exclusive). */
  start: number;
  end: number;
}

export interface ReviewAnalysis {
  /** ISO 639-1 code of the detected (or given) language, or "unknown". */
  lang: string;
  sentiment: Sentiment;
  /** In [-1, 1]. */
  score: number;
  topics: TopicFinding[];
}

export interface CustomTopicDefinition {
  key: string;
  label: string;
  /** Words or phrases in any language; a trailing "*" matches every word starting with the stem. */
  keywords: string[];
}

export interface AnalyzeOptions {
  /** Skip detection when the language is already known (e.g. from the storefront locale). */
  lang?: string;
  /**
   * The language the writer most likely used (e.g. the review page's locale): stands in for detection when
   * the text is too short to tell ("Perfekt!", "Ok") and the engine has a pack for it. Ignored with `lang`.
   */
  localeHint?: string;
  customTopics?: CustomTopicDefinition[];
  /**
   * false: the lexicon and rules alone, as engine 1.0.1 read reviews (for evaluation and for
   * training the learned layer, whose polarity is stacked on the rules' verdict). Default true.
   */
  learned?: boolean;
}

export interface LanguageGuess {
  lang: string;
  /** In [0, 1]; low for very short texts. */
  confidence: number;
}
