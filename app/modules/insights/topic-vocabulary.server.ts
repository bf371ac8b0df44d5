// The words that name each built-in topic in a language, straight from the lexicon data (terms, charged words and
// phrases, size-like dimensions): what Smart Prompts show the browser so it can tell when a text covers a topic.
// Not the engine: no valence, negation or inflection rules travel with them. A .server file: the lexicons stay
// out of the browser build.
import { bundledLanguagePacks } from "./lexicon-catalog";
import { topicsFileSchema, type TopicsFile } from "./lexicon-format";

let parsed: TopicsFile[] | null = null;

function topicFiles(): TopicsFile[] {
  parsed ??= bundledLanguagePacks.map((source) => topicsFileSchema.parse(source.topics));
  return parsed;
}

/** Words as the review page's coverage test splits them (app/shopper/prompt-coverage.ts): apostrophes dropped. */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

function wordsOf(entry: string): string[] {
  return (entry.normalize("NFC").match(WORD) ?? []).map((word) => word.replace(/['’]/g, ""));
}

/**
 * The topic's words and phrases in the given languages, lower case, each once ("*" ends a stem). A phrase that
 * holds one of the single words or stems as a word of its own is left out ("runs very small" beside "small",
 * "fabric is thin" beside "fabric"): wherever the page's coverage test finds the phrase it finds that word too,
 * so the list names the same texts in fewer bytes.
 */
export function topicVocabulary(topic: string, languages: readonly string[]): string[] {
  const entries = new Set<string>();
  for (const file of topicFiles()) {
    if (!languages.includes(file.lang)) continue;
    const vocabulary = file.topics[topic];
    if (!vocabulary) continue;
    for (const entry of [...vocabulary.terms, ...Object.keys(vocabulary.charged), ...vocabulary.dimensions])
      entries.add(entry.trim().toLowerCase());
  }
  entries.delete("");
  const singles = new Set<string>();
  const stems: string[] = [];
  for (const entry of entries) {
    const stem = entry.endsWith("*");
    const words = wordsOf(stem ? entry.slice(0, -1) : entry);
    if (words.length !== 1) continue;
    if (stem) stems.push(words[0]);
    else singles.add(words[0]);
  }
  return [...entries].filter((entry) => {
    const words = wordsOf(entry.endsWith("*") ? entry.slice(0, -1) : entry);
    if (words.length < 2) return true;
    return !words.some((word) => singles.has(word) || stems.some((stem) => word.startsWith(stem)));
  });
}
