// Smart Prompts' chips turn "covered" when the text mentions their topic, in English and Swedish: the matcher the
// review page's script runs, over the keyword index the server builds from the lexicons. Checked against the
// labelled fixtures: every product topic a fixture is labelled with is covered by the chips' index.
import { readFileSync } from "node:fs";
import path from "node:path";
import { topicVocabulary } from "~/modules/insights";
import { coveredTopics, type PromptIndex } from "~/shopper/prompt-coverage";

const PRODUCT_TOPICS = [
  "quality",
  "size_fit",
  "comfort",
  "appearance",
  "durability",
  "functionality",
  "ease_of_use",
  "price_value",
  "packaging",
];

function indexFor(languages: string[], topics = PRODUCT_TOPICS): PromptIndex {
  return Object.fromEntries(topics.map((topic) => [topic, topicVocabulary(topic, languages).join("|")]));
}

describe("which prompts a text covers", () => {
  const jeans = indexFor(["en", "sv"], ["size_fit", "quality", "comfort", "appearance"]);

  it("marks a topic covered as soon as the text names it, in English", () => {
    expect(coveredTopics("", jeans)).toEqual([]);
    expect(coveredTopics("Love them", jeans)).toEqual([]);
    expect(coveredTopics("Love them, the fit", jeans)).toEqual(["size_fit"]);
    expect(coveredTopics("They fitted well and the denim is thick", jeans)).toEqual(["size_fit", "quality"]);
    expect(coveredTopics("True to size. Soft and comfy!", jeans)).toEqual(["size_fit", "comfort"]);
  });

  it("marks a topic covered in Swedish, inflected and compounded", () => {
    expect(coveredTopics("Passformen är perfekt", jeans)).toEqual(["size_fit"]);
    expect(coveredTopics("Storleken stämmer och kvaliteten är bra", jeans)).toEqual(["size_fit", "quality"]);
    expect(coveredTopics("Sköna att ha på sig", jeans)).toEqual(["comfort"]);
  });

  it("does not take a longer word for a topic's word", () => {
    expect(coveredTopics("Great for fitness", jeans)).toEqual([]);
  });

  it("covers every phrase of a topic's lexicon it leaves out of the index (a word of the phrase is in it)", () => {
    let dropped = 0;
    for (const lang of ["en", "sv"]) {
      const file = path.join(process.cwd(), "app", "modules", "insights", "lexicon", `${lang}.topics.json`);
      const topics = (
        JSON.parse(readFileSync(file, "utf8")) as {
          topics: Record<string, { terms: string[]; charged: Record<string, number>; dimensions: string[] }>;
        }
      ).topics;
      for (const topic of PRODUCT_TOPICS) {
        const vocabulary = topics[topic];
        const listed = topicVocabulary(topic, [lang]);
        const index = { [topic]: listed.join("|") };
        const all = [...vocabulary.terms, ...Object.keys(vocabulary.charged), ...vocabulary.dimensions];
        const full = { [topic]: all.map((entry) => entry.toLowerCase()).join("|") };
        for (const entry of all) {
          const text = entry.toLowerCase().replace(/\*$/, "");
          if (!listed.includes(entry.toLowerCase())) dropped += 1;
          // "$" names no word the page can match, with or without the rest of the list.
          expect({ entry, covered: coveredTopics(text, index) }).toEqual({ entry, covered: coveredTopics(text, full) });
        }
      }
    }
    expect(dropped).toBeGreaterThan(50);
  });

  it("covers every product topic the labelled fixtures find, in both languages", () => {
    const index = indexFor(["en", "sv"]);
    const misses: string[] = [];
    let checked = 0;
    for (const lang of ["en", "sv"]) {
      const file = path.join(process.cwd(), "tests", "insights", "fixtures", `${lang}.jsonl`);
      for (const line of readFileSync(file, "utf8").split("\n").filter(Boolean)) {
        const fixture = JSON.parse(line) as { id: string; text: string; topics?: Record<string, string> };
        const labelled = Object.keys(fixture.topics ?? {}).filter((topic) => PRODUCT_TOPICS.includes(topic));
        const covered = new Set(coveredTopics(fixture.text, index));
        for (const topic of labelled) {
          checked += 1;
          if (!covered.has(topic)) misses.push(`${fixture.id} ${topic}: ${fixture.text}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
    // The index names topics; the engine also reads them from context it does not carry. Nearly all must match.
    expect(misses.length / checked, misses.join("\n")).toBeLessThan(0.1);
  });
});
