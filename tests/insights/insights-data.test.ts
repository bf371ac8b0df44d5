import { existsSync } from "node:fs";
import { BUILT_IN_TOPIC_KEYS } from "~/modules/insights/types";
import {
  heldOutRecords,
  loadFixtures,
  loadSemeval,
  loadSwedishHeldout,
  loadWrittenSet,
  loadUciSentences,
  normalisedText,
  OVERALL_MARK,
  WRITTEN_SETS,
  semevalPath,
  trainingRecords,
  UCI_PACKAGE,
  type Dataset,
} from "../../scripts/insights-data";
import { trainingDatasets, trainingExamples } from "../../scripts/insights-train";

function expectCleanSplit(dataset: Dataset): void {
  const held = new Set(heldOutRecords(dataset).map((record) => record.id));
  const development = new Set(heldOutRecords(dataset, true).map((record) => record.id));
  const trained = new Set(trainingRecords(dataset).map((record) => record.id));
  // A training text that a held-out set also holds ("Toppen!") is in neither split: a few stock phrases a set (9 of
  // sv-quick's 600 short reviews: "10/10", "Superbra!", "ok").
  const dropped = dataset.records.filter((record) => !held.has(record.id) && !trained.has(record.id));
  expect(dropped.length).toBeLessThanOrEqual(Math.max(3, dataset.records.length * 0.02));
  for (const id of held) expect(trained.has(id)).toBe(false);
  for (const id of held) expect(development.has(id)).toBe(false);
  for (const id of development) expect(trained.has(id) || dropped.some((record) => record.id === id)).toBe(true);
  expect(held.size + trained.size + dropped.length).toBe(dataset.records.length);
  // A fifth held out, give or take what hashing gives.
  expect(held.size).toBeGreaterThan(dataset.records.length * 0.12);
  expect(held.size).toBeLessThan(dataset.records.length * 0.28);
  // Training without the development fifth leaves it out too.
  for (const record of trainingRecords(dataset, true)) expect(development.has(record.id)).toBe(false);
}

describe("the insights data sets", () => {
  it("reads the UCI sentences from the pinned npm package, labelled and without the trailing empty record", () => {
    for (const source of ["amazon", "yelp", "imdb"] as const) {
      const dataset = loadUciSentences(source);
      expect(dataset.source).toContain(`${UCI_PACKAGE.name}@${UCI_PACKAGE.version}`);
      expect(dataset.source).toContain("CC BY 4.0");
      expect(dataset.records).toHaveLength(1000);
      expect(dataset.records.filter((record) => record.sentiment === "positive")).toHaveLength(500);
      for (const record of dataset.records) {
        expect(record.text.trim()).not.toBe("");
        expect(record.lang).toBe("en");
      }
      expectCleanSplit(dataset);
    }
  });

  it("holds out a fifth of the English and Swedish fixtures that training never sees", () => {
    for (const lang of ["en", "sv"] as const) {
      const dataset = loadFixtures(lang);
      expectCleanSplit(dataset);
      const held = new Set(heldOutRecords(dataset).map((record) => `${dataset.name}:${record.id}`));
      const examples = trainingExamples(dataset, true);
      expect(examples.length).toBeGreaterThan(100);
      for (const example of examples) {
        expect(held.has(example.key)).toBe(false);
        expect(example.lang).toBe(lang);
      }
    }
  });

  it("keeps the Swedish held-out reviews out of training altogether", () => {
    const dataset = loadSwedishHeldout();
    expect(dataset.role).toBe("heldout");
    expect(dataset.records.length).toBeGreaterThanOrEqual(60);
    expect(trainingRecords(dataset)).toHaveLength(0);
    expect(heldOutRecords(dataset)).toHaveLength(dataset.records.length);
    expect(trainingDatasets().map(({ dataset: used }) => used.name)).not.toContain(dataset.name);
    for (const record of dataset.records) {
      expect(record.lang).toBe("sv");
      expect(record.sentiment).toBeDefined();
      for (const opinion of record.opinions)
        for (const topic of opinion.topics) expect([...BUILT_IN_TOPIC_KEYS, OVERALL_MARK]).toContain(topic);
    }
  });

  it("splits the team-written training sets and keeps the held-out sets out of training altogether", () => {
    const trainedOn = new Set(trainingDatasets().map(({ dataset }) => dataset.name));
    const blindTexts = new Set<string>();
    const trainingTexts = new Set<string>();
    for (const set of WRITTEN_SETS) {
      const dataset = loadWrittenSet(set);
      expect(dataset.records.length).toBeGreaterThanOrEqual(250);
      for (const record of dataset.records) {
        expect(record.lang).toBe(set.lang);
        expect(record.sentiment).toBeDefined();
        for (const opinion of record.opinions) expect(BUILT_IN_TOPIC_KEYS).toContain(opinion.topics[0]);
      }
      if (set.role === "heldout") {
        expect(trainedOn.has(set.name)).toBe(false);
        expect(trainingRecords(dataset)).toHaveLength(0);
        for (const record of dataset.records) blindTexts.add(normalisedText(record.text));
      } else {
        expect(trainedOn.has(set.name)).toBe(true);
        expectCleanSplit(dataset);
        for (const record of trainingRecords(dataset)) trainingTexts.add(normalisedText(record.text));
      }
    }
    // A review written twice, once into a training set and once into a blind set ("Toppen!"), is never trained on.
    for (const text of blindTexts) expect(trainingTexts.has(text), text).toBe(false);
    expect(blindTexts.has(normalisedText(" Toppen! "))).toBe(true);
  });

  it.skipIf(!existsSync(semevalPath))("keeps every SemEval review's sentences in one split", () => {
    const dataset = loadSemeval();
    expectCleanSplit(dataset);
    const splitOfReview = new Map<string, boolean>();
    const held = new Set(heldOutRecords(dataset).map((record) => record.id));
    for (const record of dataset.records) {
      const review = dataset.groupOf(record);
      const isHeld = held.has(record.id);
      expect(splitOfReview.get(review) ?? isHeld).toBe(isHeld);
      splitOfReview.set(review, isHeld);
    }
    expect(new Set(splitOfReview.values()).size).toBe(2);
  });
});
