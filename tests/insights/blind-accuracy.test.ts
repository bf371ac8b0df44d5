import { analyzeReview } from "~/modules/insights";
import { heldOutRecords, loadWrittenSet, OVERALL_MARK, WRITTEN_SETS } from "../../scripts/insights-data";

/**
 * Review-level accuracy on the held-out sets of sessions 11 and 12 (docs/data/README.md): reviews written by team
 * members who had read neither the engine nor its training text, never trained on (session 12's 4,800 whole; since
 * session 18 only the held-out fifths of session 11's). The floors sit just under
 * what engine 2.8.0 reads (session 12's sets are the engine's weakest), and the learned layer must stay well above the
 * rules alone, which is what it is for. A retraining moves a single set by up to about a point and a language by about
 * half a point even when nothing else changes (another seed for the visiting orders, decision 010, session 12): 2.8.0's
 * last retraining put sv-quick at 86.7 % and en-blind at 82.8 %, and their floors went down a point with it. 2.9.0
 * raised the floors of the sets it reads a point or more better to a point under its figure. 2.11.0 (session 16) did
 * the same, at or under the lowest of eight seeds' readings (twenty orders each), and put sv-quick's a point under its
 * 88.2 %. Session 14's hard sets (verdicts without plain opinion words) are training sets since 2.11.0: their floors
 * are on their held-out fifths (2.11.0 reads 66.3 % and 68.5 %, 2.10.0 read 58.7 % and 58.4 % of the same texts;
 * 2.12.0 reads 64.3 % and 69.4 %, Swedish 63.9 to 65.1 % under eight seeds). Session 11's seven sets are training sets
 * since 2.14.0 (session 18), their floors on their held-out fifths: en-blind's 45 texts read 73.3 % with 2.13.0 and
 * 2.14.0 alike, and its floor is two texts under that; the others' floors hold as they were. Session 19's sixteen sets
 * were written as training text (engine 2.15.0): their floors are on their held-out fifths, three points under 2.15.0;
 * session 20's first eight likewise, three points under 2.16.0, and its second eight three points under 2.17.0.
 */
const FLOORS = {
  "sv-blind": 0.87,
  "sv-quick": 0.87,
  "sv-fashion-beauty": 0.89,
  "sv-complaints": 0.8,
  "en-blind": 0.71,
  "en-everyday-wear": 0.91,
  "en-general-store": 0.86,
  "en-womens-clothing": 0.8,
  "en-clothing-short": 0.78,
  "en-store-products": 0.75,
  "sv-review-site": 0.79,
  "sv-claims": 0.74,
  "sv-webshop-products": 0.8,
  "sv-mixed": 0.71,
  "sv-short-slang": 0.83,
  "sv-hard": 0.63,
  "en-hard": 0.66,
  // Session 19's sixteen sets, training sets from the start: their held-out fifths (82 to 113 texts each), three points
  // under what 2.15.0 reads (docs/data/README.md).
  "sv-home-garden": 0.89,
  "sv-weighing": 0.65,
  // 2.18.0 reads 84.9 % (73 of 86 texts; 2.15.0 90.7 %, 2.16.0 88.4 %, 2.17.0 86.0 %). Its development fifth reads
  // no worse (84.8 -> 85.0 % over eight seeds), but each retraining since it joined has cost its held-out fifth a text
  // or two: the floor sits two texts under, and the slide is in decision 010 (session 21). 2.19.0 reads 86.0 % (74),
  // 2.20.0 87.2 % (75), 2.21.0 88.4 % (76).
  "sv-service-stories": 0.83,
  "sv-family-hobby": 0.88,
  "sv-food-drink": 0.86,
  "sv-beauty-health": 0.86,
  "sv-electronics": 0.76,
  "sv-clothes-shoes": 0.85,
  "en-dresses-tops": 0.89,
  "en-weighing": 0.85,
  "en-tech": 0.78,
  "en-home-beauty": 0.72,
  "en-shoes-accessories": 0.75,
  "en-short-casual": 0.76,
  "en-services-shops": 0.77,
  "en-menswear-kids": 0.83,
  // Session 20's eight sets, training sets from the start: their held-out fifths (91 to 108 texts each), three points
  // under what 2.16.0 reads.
  "sv-teen-slang": 0.8,
  "sv-older-formal": 0.83,
  "sv-compare-irony": 0.8,
  "sv-price-compare-site": 0.88,
  "sv-apps-media": 0.85,
  "sv-regional-spoken": 0.77,
  "en-uk-aus-everyday": 0.73,
  "en-long-detailed": 0.9,
  // Session 20's second eight, three points under 2.17.0 (58 to 103 texts each).
  "sv-gifts-occasions": 0.81,
  "sv-sport-outdoor": 0.83,
  "sv-updates-longterm": 0.86,
  "sv-short-star-comments": 0.84,
  "sv-pets-animals": 0.85,
  "en-gifts-reactions": 0.69,
  "en-fitness-outdoor": 0.84,
  "en-short-star-comments": 0.86,
  // Session 23's eight, training sets from the start, three points under 2.20.0 (86 to 111 texts each).
  "sv-verdict-turns": 0.91,
  "sv-irony-understatement": 0.7,
  "sv-claims-outcomes": 0.72,
  "sv-told-by-outcome": 0.8,
  "en-store-everyday": 0.85,
  "en-irony-implied": 0.68,
  "en-mixed-verdicts": 0.82,
  "en-service-stories": 0.76,
  // Session 23's second eight, three points under 2.21.0 (82 to 103 texts each).
  "sv-negated-verbs": 0.84,
  "sv-lukewarm-mixed": 0.77,
  "sv-company-reviews": 0.79,
  "sv-product-page-short": 0.82,
  "en-home-products": 0.75,
  "en-clothing-casual": 0.83,
  "en-womens-detailed": 0.82,
  "en-negation-compare": 0.87,
} as const;
const LAYER_GAIN = 0.05;

function accuracy(name: keyof typeof FLOORS, learned: boolean): { accuracy: number; misses: string[] } {
  const set = WRITTEN_SETS.find((candidate) => candidate.name === name);
  if (!set) throw new Error(`no set ${name}`);
  // A held-out set whole; a training set's held-out fifth.
  const records = heldOutRecords(loadWrittenSet(set));
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

/**
 * Plain statements of fact (2.9.0): the held-out fifth of the team-written fact sets (docs/data/README.md), which the
 * engine should read as neutral. 2.8.0 read 54 % (English) and 41 % (Swedish) of them so; 2.9.0 reads 67 % and 83 %.
 * The rules alone still read more of them neutral (83 % and 86 %): a statement the factual output does not recognise
 * takes the model's reading, which leans one way or the other.
 */
const FACT_FLOORS = { "en-facts": 0.62, "sv-facts": 0.78 } as const;

describe("insights on plain statements of fact", () => {
  it.each(Object.entries(FACT_FLOORS) as [keyof typeof FACT_FLOORS, number][])(
    "reads %s's held-out statements as neutral at or above the floor",
    (name, floor) => {
      const set = WRITTEN_SETS.find((candidate) => candidate.name === name);
      if (!set) throw new Error(`no set ${name}`);
      const records = heldOutRecords(loadWrittenSet(set));
      expect(records.length).toBeGreaterThan(100);
      const misses = records.filter(
        (record) => analyzeReview(record.text, { lang: record.lang }).sentiment !== "neutral",
      );
      if (1 - misses.length / records.length < floor) console.log(misses.map((record) => record.id).join("\n"));
      expect(1 - misses.length / records.length).toBeGreaterThanOrEqual(floor);
    },
  );
});

/**
 * Topics on the held-out written sets, pooled per language (2.10.0): joint is the share of the writers' topic labels
 * the engine finds with the writers' tone, reversed the share it finds with the opposite tone. 2.9.0 read joint 59.0 %
 * (English) and 53.9 % (Swedish), reversed 10.8 % and 11.3 %; 2.10.0 reads 61.3 % and 58.0 %, reversed 11.0 % and
 * 11.5 % (without session 14's hard sets: 62.5 -> 65.0 % and 56.7 -> 61.0 % joint, reversed 9.5 -> 9.4 % and
 * 10.2 -> 10.0 %). Since 2.11.0 the hard sets are training sets and these sets are the other fifteen: 2.11.0 reads
 * 65.2 % and 61.2 %, reversed 9.3 % and 10.3 % (2.10.0: 65.0 % and 61.0 %, 9.4 % and 10.0 %). The floors sit about a
 * point under what 2.10.0 read with the hard sets in; the ceilings on reversed tones keep a gain from being bought with
 * praise read as complaints and back. Since 2.14.0 (session 18) session 11's sets are training sets, and these are
 * session 12's eight (3,249 English and 5,288 Swedish topic labels).
 */
const TOPIC_FLOORS = {
  en: { joint: 0.6, reversedAtMost: 0.115, gainOverRules: 0.13 },
  sv: { joint: 0.57, reversedAtMost: 0.12, gainOverRules: 0.19 },
} as const;

function topicFigures(lang: "en" | "sv", learned: boolean): { joint: number; reversed: number } {
  let labels = 0;
  let right = 0;
  let reversed = 0;
  for (const set of WRITTEN_SETS.filter((candidate) => candidate.role === "heldout" && candidate.lang === lang)) {
    for (const record of loadWrittenSet(set).records) {
      const tones = new Map(
        analyzeReview(record.text, { lang, learned }).topics.map((finding) => [finding.topic, finding.sentiment]),
      );
      for (const opinion of record.opinions) {
        if (opinion.topics.length === 0 || opinion.topics.includes(OVERALL_MARK)) continue;
        labels++;
        const found = opinion.topics.filter((topic) => tones.has(topic)).map((topic) => tones.get(topic));
        if (found.includes(opinion.polarity)) right++;
        else if (opinion.polarity !== "neutral" && found.some((tone) => tone !== "neutral")) reversed++;
      }
    }
  }
  expect(labels).toBeGreaterThan(3000);
  return { joint: right / labels, reversed: reversed / labels };
}

describe("insights topics on blind held-out reviews", () => {
  it.each(Object.entries(TOPIC_FLOORS) as ["en" | "sv", (typeof TOPIC_FLOORS)["en" | "sv"]][])(
    "finds %s topics with the writers' tone at or above the floor, and reverses few",
    (lang, floors) => {
      const engine = topicFigures(lang, true);
      expect(engine.joint).toBeGreaterThanOrEqual(floors.joint);
      expect(engine.reversed).toBeLessThanOrEqual(floors.reversedAtMost);
      expect(engine.joint - topicFigures(lang, false).joint).toBeGreaterThanOrEqual(floors.gainOverRules);
    },
  );
});
