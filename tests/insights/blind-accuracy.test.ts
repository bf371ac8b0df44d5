import { analyzeReview } from "~/modules/insights";
import { loadWrittenSet, WRITTEN_SETS } from "../../scripts/insights-data";

/**
 * Review-level accuracy on the held-out sets of sessions 11 and 12 (docs/data/README.md): 8,500 reviews written by
 * team members who had read neither the engine nor its training text, never trained on. The floors sit just under
 * what engine 2.8.0 reads (session 12's sets are the engine's weakest), and the learned layer must stay well above the
 * rules alone, which is what it is for. A retraining moves a single set by up to about a point and a language by about
 * half a point even when nothing else changes (another seed for the visiting orders, decision 010, session 12): 2.8.0's
 * last retraining put sv-quick at 86.7 % and en-blind at 82.8 %, and their floors went down a point with it.
 */
const FLOORS = {
  "sv-blind": 0.87,
  "sv-quick": 0.86,
  "sv-fashion-beauty": 0.88,
  "sv-complaints": 0.8,
  "en-blind": 0.82,
  "en-everyday-wear": 0.9,
  "en-general-store": 0.86,
  "en-womens-clothing": 0.78,
  "en-clothing-short": 0.76,
  "en-store-products": 0.72,
  "sv-review-site": 0.78,
  "sv-claims": 0.72,
  "sv-webshop-products": 0.8,
  "sv-mixed": 0.68,
  "sv-short-slang": 0.8,
} as const;
const LAYER_GAIN = 0.05;

function accuracy(name: keyof typeof FLOORS, learned: boolean): { accuracy: number; misses: string[] } {
  const set = WRITTEN_SETS.find((candidate) => candidate.name === name);
  if (!set) throw new Error(`no set ${name}`);
  const records = loadWrittenSet(set).records;
  const misses: string[] = [];
  for (const record of records) {
    const sentiment = analyzeReview(record.text, { lang: record.lang, learned }).sentiment;
    if (sentiment !== record.sentiment) misses.push(`${record.id}: ${record.sentiment} read ${sentiment}`);
  }
  return { accuracy: 1 - misses.length / records.length, misses };
}

describe("insights on blind held-out reviews", () => {
  it.each(Object.entries(FLOORS) as [keyof typeof FLOORS, number][])(
    "reads %s's reviews at or above the floor, and the learned layer adds to the rules",
    (name, floor) => {
      const engine = accuracy(name, true);
      // Ids only: the texts are not printed, so a failing run does not invite tuning to them.
      if (engine.accuracy < floor) console.log(engine.misses.join("\n"));
      expect(engine.accuracy).toBeGreaterThanOrEqual(floor);
      expect(engine.accuracy - accuracy(name, false).accuracy).toBeGreaterThanOrEqual(LAYER_GAIN);
    },
  );
});
