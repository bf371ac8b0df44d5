import type { CustomTopicDefinition } from "./types";

export interface CompiledCustomTopics {
  keys: string[];
  exact: Map<string, number[]>;
  /** Stems long enough to match inflections and compounds by prefix ("ärm" is too short, "sleeve" is not). */
  stems: Array<{ stem: string; topic: number }>;
  phrases: Map<string, Array<{ rest: string[]; topic: number }>>;
}

const MIN_IMPLICIT_STEM_LENGTH = 4;
const compiledByDefinitionList = new WeakMap<CustomTopicDefinition[], CompiledCustomTopics>();

/**
 * Merchant topics are matched by their keywords, in whatever language the merchant wrote them.
 * A keyword of four letters or more also matches longer words that start with it (sleeve -> sleeves,
 * doft -> doften), because merchants list base forms and Swedish adds endings and compounds.
 * Topic numbers start at `firstTopicNumber` so they never collide with the built-in topics.
 */
export function compileCustomTopics(
  definitions: CustomTopicDefinition[],
  firstTopicNumber: number,
): CompiledCustomTopics {
  const cached = compiledByDefinitionList.get(definitions);
  if (cached) return cached;
  const compiled: CompiledCustomTopics = { keys: [], exact: new Map(), stems: [], phrases: new Map() };
  definitions.forEach((definition, index) => {
    const topic = firstTopicNumber + index;
    compiled.keys.push(definition.key);
    for (const keyword of definition.keywords) {
      const words = keyword
        .trim()
        .toLowerCase()
        .split(/\s+/)
        .filter((word) => word.length > 0);
      if (words.length === 0) continue;
      if (words.length > 1) {
        const list = compiled.phrases.get(words[0]) ?? [];
        list.push({ rest: words.slice(1), topic });
        compiled.phrases.set(words[0], list);
        continue;
      }
      const word = words[0];
      const explicitStem = word.endsWith("*") && word.length > 1;
      const stem = explicitStem ? word.slice(0, -1) : word;
      const list = compiled.exact.get(stem) ?? [];
      if (!list.includes(topic)) list.push(topic);
      compiled.exact.set(stem, list);
      if (explicitStem || stem.length >= MIN_IMPLICIT_STEM_LENGTH) compiled.stems.push({ stem, topic });
    }
  });
  compiledByDefinitionList.set(definitions, compiled);
  return compiled;
}
