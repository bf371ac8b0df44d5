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

/** The topic's words and phrases in the given languages, lower case, each once ("*" ends a stem). */
export function topicVocabulary(topic: string, languages: readonly string[]): string[] {
  const words = new Set<string>();
  for (const file of topicFiles()) {
    if (!languages.includes(file.lang)) continue;
    const vocabulary = file.topics[topic];
    if (!vocabulary) continue;
    for (const entry of [...vocabulary.terms, ...Object.keys(vocabulary.charged), ...vocabulary.dimensions])
      words.add(entry.trim().toLowerCase());
  }
  words.delete("");
  return [...words];
}
