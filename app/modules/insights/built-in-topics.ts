import { languagePacks } from "./language-packs";
import { BUILT_IN_TOPIC_KEYS, type BuiltInTopicKey } from "./types";

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
