import { existsSync, readFileSync } from "node:fs";
import { analyzeReview, readByRules, swapLearnedWeights, trainLearnedWeights } from "~/modules/insights";
import { packForLanguage } from "~/modules/insights/language-packs";
import {
  BIAS_FEATURE,
  bigramFeature,
  collectFeatures,
  createFeatureBuffer,
  ruleBalanceFeature,
  wordFeatureHashes,
} from "~/modules/insights/learned/features";
import {
  addBigram,
  addFeature,
  compileWeights,
  FACTUAL_OUTPUT,
  factualSum,
  modelForLanguage,
  OUTPUT_COUNT,
  OUTPUT_NAMES,
  passesBigramFilter,
  POLARITY_LABELS,
  POLARITY_OUTPUTS,
  scoreSentences,
  WEIGHTS_FORMAT,
  type LanguageModel,
} from "~/modules/insights/learned/model";
import { decodeWeightTables, encodeWeightTables, type EncodedTables } from "~/modules/insights/learned/weights-codec";
import { lastLearnedAfterContrastSums, lastLearnedSentenceScores } from "~/modules/insights/review-analysis";
import { createQuotedSpans, createTokenBuffer, findQuotedSpans, scanTokens } from "~/modules/insights/tokenizer";
import { wordHash } from "~/modules/insights/word-table";
import { loadFixtures, loadWrittenSet, semevalPath, WRITTEN_SETS } from "../../scripts/insights-data";
import { trainingDatasets, trainingExamples, trainToText, weightsPath } from "../../scripts/insights-train";

const NO_RULES = () => ({ score: 0, praise: 0, complaint: 0 });

/** A weights file of English alone, units 1, with these rows and bigrams (decoded), for analysis to swap in. */
function englishWeights(rows: number[][], bigrams: number[][] = []) {
  return {
    format: WEIGHTS_FORMAT,
    scale: 1000,
    outputs: [...OUTPUT_NAMES],
    training: { epochs: 1, seed: 1, minCount: 1 },
    trainedOn: [],
    languages: { en: { examples: 1, polarityUnit: 1, topicUnit: 1, ...encodeWeightTables({ rows, bigrams }) } },
  };
}

/** A weights row for `word` alone (not negated): `weight` thousandths on `output`. */
function unigram(word: string, output: number, weight: number): number[] {
  return [wordFeatureHashes(word, false)[0], output, weight];
}

/** The model's OUTPUT_COUNT sums for a text read alone: its bias and its features' weights, no rules' feature. */
function outputSums(model: LanguageModel, text: string, lang: string): Float64Array {
  const tokens = createTokenBuffer();
  const buffer = createFeatureBuffer();
  scanTokens(text, tokens);
  collectFeatures(tokens, packForLanguage(lang), buffer, text);
  const scores = new Float64Array(buffer.sentenceCount * OUTPUT_COUNT);
  scoreSentences(model, buffer, scores);
  const sums = Float64Array.from(model.bias);
  for (let x = 0; x < buffer.sentenceCount; x++)
    for (let o = 0; o < OUTPUT_COUNT; o++) sums[o] += scores[x * OUTPUT_COUNT + o];
  return sums;
}

const smallSlice = () => [
  { dataset: { ...loadFixtures("en"), records: loadFixtures("en").records.slice(0, 80) }, hasTopicLabels: true },
  { dataset: { ...loadFixtures("sv"), records: loadFixtures("sv").records.slice(0, 80) }, hasTopicLabels: true },
];

describe("training the learned layer", () => {
  it("gives the same weights file, byte for byte, when run twice on the same data", () => {
    const options = { epochs: 3, seed: 7, minCount: 1 };
    const first = trainToText(smallSlice(), options);
    const second = trainToText(smallSlice(), options);
    expect(second).toBe(first);
    // The seed matters (so the comparison above can fail): another order gives other weights.
    expect(trainToText(smallSlice(), { ...options, seed: 8 })).not.toBe(first);
    const weights = JSON.parse(first) as { languages: Record<string, EncodedTables> };
    expect(Object.keys(weights.languages)).toEqual(["en", "sv"]);
    expect(weights.languages.en.rowCount).toBeGreaterThan(100);
    expect(decodeWeightTables(weights.languages.en).rows).toHaveLength(weights.languages.en.rowCount);
  });

  it("averages several visiting orders the same way every run, and one order is the plain perceptron", () => {
    const options = { epochs: 3, seed: 7, minCount: 1 };
    const averaged = trainToText(smallSlice(), { ...options, orders: 3 });
    expect(trainToText(smallSlice(), { ...options, orders: 3 })).toBe(averaged);
    expect(averaged).not.toBe(trainToText(smallSlice(), options));
    const plain = JSON.parse(trainToText(smallSlice(), options)) as { languages: unknown };
    const oneOrder = JSON.parse(trainToText(smallSlice(), { ...options, orders: 1 })) as { languages: unknown };
    expect(oneOrder.languages).toEqual(plain.languages);
  });

  it("learns plain statements of fact on the factual output, from the fact sets only, and leaves polarity to reviews", () => {
    const facts = WRITTEN_SETS.find((set) => set.name === "en-facts");
    if (!facts) throw new Error("en-facts is not among the written sets");
    const statements = trainingExamples(loadWrittenSet(facts), false, false, { statesFacts: true });
    expect(statements.length).toBeGreaterThan(200);
    for (const example of statements)
      expect({ factual: example.factual, polarity: example.polarity }).toEqual({
        factual: true,
        polarity: undefined,
      });
    // Reviews with a verdict are the other side; a neutral review is not asked (a lukewarm verdict is no fact).
    const reviews = trainingExamples(loadFixtures("en"), true);
    for (const example of reviews) expect(example.factual).toBe(example.polarity === "neutral" ? undefined : false);
    const weights = trainLearnedWeights([...statements, ...reviews], { epochs: 4, seed: 5, minCount: 1 }, NO_RULES, []);
    const model = compileWeights(weights).get("en");
    if (!model) throw new Error("no English model");
    const factualOf = (text: string) => outputSums(model, text, "en")[FACTUAL_OUTPUT];
    // Read back on what it learned from: most statements above 0, most verdicts below.
    const above = statements.filter((example) => factualOf(example.text) > 0).length;
    const below = reviews.filter((example) => example.factual === false && factualOf(example.text) < 0).length;
    expect(above / statements.length).toBeGreaterThan(0.9);
    expect(below / reviews.filter((example) => example.factual === false).length).toBeGreaterThan(0.9);
  });

  it("reads some visits without the rules' features, so the words learn from every review (2.18.0)", () => {
    // Rules that are always right: stacked on them, a perceptron stops making mistakes once their features weigh
    // enough, and its words learn from the few mistakes before that.
    const records = loadFixtures("en").records.filter((record) => record.sentiment !== "neutral");
    const labelOf = new Map(records.map((record) => [record.text, record.sentiment]));
    const oracle = (text: string) => {
      const score = labelOf.get(text) === "positive" ? 0.9 : -0.9;
      return { score, praise: score > 0 ? 3 : 0, complaint: score < 0 ? 3 : 0 };
    };
    const examples = records.map((record) => ({
      key: `fixtures:${record.id}`,
      lang: "en",
      text: record.text,
      polarity: record.sentiment,
    }));
    const options = { epochs: 4, seed: 11, minCount: 1 };
    /** How many of the reviews the words alone (bias, words, bigrams; no rules' feature) read with their label. */
    const readByWords = (file: ReturnType<typeof trainLearnedWeights>) => {
      const model = compileWeights(file).get("en");
      if (!model) throw new Error("no English model");
      let right = 0;
      for (const example of examples) {
        const polarity = Array.from(outputSums(model, example.text, "en").subarray(0, POLARITY_OUTPUTS));
        if (POLARITY_LABELS[polarity.indexOf(Math.max(...polarity))] === example.polarity) right++;
      }
      return right / examples.length;
    };
    const stacked = trainLearnedWeights(examples, options, oracle, []);
    const dropped = trainLearnedWeights(examples, { ...options, ruleDropout: 50 }, oracle, []);
    expect(dropped.training.ruleDropout).toBe(50);
    // Measured: 62 % and 92 % of the 201 reviews.
    expect(readByWords(stacked)).toBeLessThan(0.7);
    expect(readByWords(dropped)).toBeGreaterThan(0.85);
    // The same options give the same file; the rules' features still weigh in (analysis reads them).
    expect(trainLearnedWeights(examples, { ...options, ruleDropout: 50 }, oracle, [])).toEqual(dropped);
    const hashes = new Set(decodeWeightTables(dropped.languages.en).rows.map((row) => row[0]));
    expect(hashes.has(ruleBalanceFeature(3, 0))).toBe(true);
  });

  // The project's shared folder holds SemEval (CI lays a copy beside the clone); without it the
  // committed weights cannot be reproduced here, and this says so rather than passing quietly.
  it.skipIf(!existsSync(semevalPath))(
    "reproduces the committed weights file exactly",
    () => {
      expect(trainToText(trainingDatasets())).toBe(readFileSync(weightsPath, "utf8"));
    },
    // About 45 s alone since 2.14.0; more beside the rest of the suite on two cores.
    300_000,
  );
});

describe("the learned layer in analysis", () => {
  const texts = [
    ...loadFixtures("en").records.map((record) => record.text),
    ...loadFixtures("sv").records.map((record) => record.text),
    "Not bad at all, though not great either. 👍 Would buy again!!",
    "No problems at all; it looks like the picture 😍 but not very comfortable, to be honest.",
    "Inga problem alls, den ser ut som på bilden 😍 men passar inte riktigt.",
    // Scare quotes: one feature each, in the sentence of the quote's first word, also inside a phrase.
    'The "waterproof" jacket soaked through. She said "I love the colour!" though, and it is "very well made".',
    "Fick svaret att det var ”normalt slitage”. Och «snabb leverans» tog tre veckor.",
  ];

  it("adds up exactly the features training saw (analysis' walks equal the training path)", () => {
    const tokens = createTokenBuffer();
    const features = createFeatureBuffer();
    let compared = 0;
    let bigramsWeighed = 0;
    let turned = 0;
    for (const text of texts) {
      const lang = /[åäö]/i.test(text) ? "sv" : "en";
      const model = modelForLanguage(lang);
      expect(model).not.toBeNull();
      if (!model) continue;
      scanTokens(text, tokens);
      collectFeatures(tokens, packForLanguage(lang), features, text);
      const slow = new Float64Array(features.sentenceCount * OUTPUT_COUNT);
      scoreSentences(model, features, slow);
      analyzeReview(text, { lang });
      const fast = lastLearnedSentenceScores(features.sentenceCount);
      // Every output but the factual one is walked per word; that one is summed apart, for the reviews that need it.
      let factual = 0;
      for (let i = 0; i < slow.length; i++) {
        if (i % OUTPUT_COUNT === FACTUAL_OUTPUT) factual += slow[i];
        else expect(fast[i]).toBeCloseTo(slow[i], 4);
      }
      const quotes = createQuotedSpans();
      findQuotedSpans(text, quotes, tokens);
      expect(factualSum(model, packForLanguage(lang), tokens, quotes)).toBeCloseTo(factual, 4);
      compared += slow.length;
      // What the review's polarity reads once more: the words and bigrams after a contrast word of their sentence.
      const afterContrast = new Float64Array(OUTPUT_COUNT);
      for (let f = 0; f < features.count; f++) {
        if (features.afterContrast[f] === 0) continue;
        if (features.bigrams[f] === 1) addBigram(model, features.hashes[f], afterContrast, 0);
        else addFeature(model, features.hashes[f], afterContrast, 0);
      }
      const walked = lastLearnedAfterContrastSums();
      for (let o = 0; o < POLARITY_OUTPUTS; o++) expect(walked[o]).toBeCloseTo(afterContrast[o], 4);
      if (afterContrast.some((weight) => weight !== 0)) turned++;
      for (let f = 0; f < features.count; f++) {
        if (features.bigrams[f] === 0) continue;
        const own = new Float64Array(OUTPUT_COUNT);
        addBigram(model, features.hashes[f], own, 0);
        if (own.some((weight) => weight !== 0)) bigramsWeighed++;
      }
    }
    expect(compared).toBeGreaterThan(texts.length * OUTPUT_COUNT);
    // The sums compared hold bigrams the model weighs (so leaving them out of analysis would fail the comparison).
    expect(bigramsWeighed).toBeGreaterThan(texts.length);
    // ... and texts with a contrast word ("but", "men", "however") whose later words the model weighs.
    expect(turned).toBeGreaterThan(10);
  });

  describe("bigrams and the last sentence (2.13.0)", () => {
    // Words no lexicon knows, so the model alone reads these reviews; its factual output says "a verdict" throughout.
    const weights = englishWeights(
      [
        [BIAS_FEATURE, FACTUAL_OUTPUT, -5000],
        unigram("zork", 2, 2000),
        unigram("blix", 0, 1000),
        unigram("quib", 0, 1500),
      ],
      // "zork blix" weighs 3 towards negative: more than "zork" alone towards positive.
      [[bigramFeature(wordHash("zork"), wordHash("blix")), 3000, 0, 0]],
    );
    const read = (text: string) => analyzeReview(text, { lang: "en" }).sentiment;

    beforeAll(() => swapLearnedWeights(weights));
    afterAll(() => swapLearnedWeights(null));

    it("reads two words in a row within a clause as a bigram, and not across a clause or in the other order", () => {
      expect(read("Zork blix.")).toBe("negative");
      expect(read("Blix zork.")).toBe("positive");
      expect(read("Zork, blix.")).toBe("positive");
      expect(read("Zork. Blix zork.")).toBe("positive");
    });

    it("counts a review's last sentence twice towards its polarity, when an earlier sentence has words", () => {
      // zork +2 against quib 1.5: the sentence said last decides.
      expect(read("Zork. Quib.")).toBe("negative");
      expect(read("Quib. Zork.")).toBe("positive");
      // In one sentence, order does not matter.
      expect(read("Zork quib.")).toBe("positive");
      expect(read("Quib zork.")).toBe("positive");
    });
  });

  describe("plain statements against a sure verdict (2.19.0)", () => {
    // Words no lexicon knows, so the rules read no opinion; the factual output reads 1 topic unit on every text.
    const positive = POLARITY_LABELS.indexOf("positive");
    const weights = englishWeights([
      [BIAS_FEATURE, FACTUAL_OUTPUT, 1000],
      unigram("zork", positive, 20000),
      unigram("quib", positive, 5000),
    ]);
    beforeAll(() => swapLearnedWeights(weights));
    afterAll(() => swapLearnedWeights(null));

    it("reads a text without opinion words as plain statements only where the factual output outweighs the verdict", () => {
      // "zork" makes the model sure of praise by 20 polarity units, which outweighs 1 factual topic unit at 0.1 a unit;
      // "quib" by 5, which does not. Before 2.19.0 any factual output above 0 read both as plain statements.
      expect(analyzeReview("A zork.", { lang: "en" }).sentiment).toBe("positive");
      expect(analyzeReview("A quib.", { lang: "en" })).toMatchObject({ sentiment: "neutral", score: 0 });
    });
  });

  describe("the rules' praise and complaint apart (2.17.0)", () => {
    it("sums the praise and the complaint the rules weigh, each side apart", () => {
      const mixed = readByRules(
        "Absolutely love the colour and the fabric is gorgeous, but the zip broke and the seams are terrible.",
        "en",
      );
      expect(mixed.praise).toBeGreaterThan(1.5);
      expect(mixed.complaint).toBeGreaterThan(1.5);
      expect(readByRules("Good.", "en")).toMatchObject({ complaint: 0 });
      expect(readByRules("Good.", "en").praise).toBeGreaterThan(1.5);
      expect(readByRules("Fine.", "en").praise).toBeLessThan(1.5);
      expect(readByRules("Paid by card.", "en")).toEqual({ score: 0, praise: 0, complaint: 0 });
      // The readings are the rules' alone: the same as the score of an analysis without the learned layer.
      const text = "Snygg jacka, men dragkedjan gick sönder direkt.";
      expect(readByRules(text, "sv").score).toBe(analyzeReview(text, { lang: "sv", learned: false }).score);
    });

    it("is a feature of training's reviews, and analysis reads it as training does", () => {
      const reviews = loadFixtures("en").records.slice(0, 60);
      const examples = reviews.map((record) => ({
        key: `fixtures:${record.id}`,
        lang: "en",
        text: record.text,
        polarity: record.sentiment,
      }));
      const trained = trainLearnedWeights(examples, { epochs: 2, seed: 5, minCount: 1 }, readByRules, []);
      const hashes = new Set(decodeWeightTables(trained.languages.en).rows.map((row) => row[0]));
      // Reviews of much praise and none of complaint are among the fixtures: that balance has weights.
      expect(hashes.has(ruleBalanceFeature(3, 0))).toBe(true);
      // Training without the rules' reading has no such weights.
      const without = trainLearnedWeights(examples, { epochs: 2, seed: 5, minCount: 1 }, NO_RULES, []);
      const withoutHashes = new Set(decodeWeightTables(without.languages.en).rows.map((row) => row[0]));
      expect(withoutHashes.has(ruleBalanceFeature(3, 0))).toBe(false);

      // Weights where much praise and no complaint weighs strongly negative: the review of much praise is read so,
      // the review of some praise is not (the rules read both positive).
      const balanced = englishWeights([
        [BIAS_FEATURE, FACTUAL_OUTPUT, -5000],
        [ruleBalanceFeature(3, 0), 0, 9000],
      ]);
      swapLearnedWeights(balanced);
      try {
        expect(analyzeReview("Good.", { lang: "en" }).sentiment).toBe("negative");
        expect(analyzeReview("Fine.", { lang: "en" }).sentiment).toBe("positive");
      } finally {
        swapLearnedWeights(null);
      }
      expect(analyzeReview("Good.", { lang: "en" }).sentiment).toBe("positive");
    });
  });

  it("finds every bigram of the committed weights behind the bigram filter, and no word pair that is none", () => {
    const file = JSON.parse(readFileSync(weightsPath, "utf8")) as {
      scale: number;
      languages: Record<string, EncodedTables>;
    };
    const sums = new Float64Array(3);
    for (const [lang, encoded] of Object.entries(file.languages)) {
      const { bigrams } = decodeWeightTables(encoded);
      const model = modelForLanguage(lang);
      expect(model).not.toBeNull();
      expect(bigrams.length).toBeGreaterThan(1000);
      const kept = new Set<number>();
      for (const [hash, negative, neutral, positive] of bigrams) {
        kept.add(hash >>> 0);
        sums.fill(0);
        addBigram(model!, hash >>> 0, sums, 0);
        expect([...sums]).toEqual([negative, neutral, positive].map((weight) => Math.fround(weight / file.scale)));
      }
      // Pairs of made-up words: none is a bigram, so none adds anything, whether the filter or the table turns it away.
      let passed = 0;
      for (let i = 0; i < 2000; i++) {
        const hash = bigramFeature(wordHash(`qx${i}`), wordHash(`zv${i}`));
        if (kept.has(hash)) continue;
        sums.fill(0);
        addBigram(model!, hash, sums, 0);
        expect([...sums]).toEqual([0, 0, 0]);
        if (passesBigramFilter(model!, hash)) passed++;
      }
      // The filter's point: most pairs that are no bigram never reach the table (about 7 % pass by chance).
      expect(passed).toBeLessThan(2000 * 0.15);
    }
  });

  it("reads with the rules alone when asked to", () => {
    const rulesOnly = analyzeReview("Runs all my games without a hiccup.", { lang: "en", learned: false });
    expect(rulesOnly).toEqual({ lang: "en", sentiment: "neutral", score: 0, topics: [] });
  });

  it("reads plain statements of fact as neutral, topics and all, and a verdict said as what happened as one (2.9.0)", () => {
    // Written for this test, not in any data set. Each sentence here and in the next two tests is read as expected
    // under the committed weights and under seven other seeds' (twenty orders each, 2.11.0): a reading that holds under
    // some draws only is not asserted, and decision 010 (session 16) lists the sentences that were and why.
    for (const [text, lang] of [
      ["Paid by card and picked it up at the locker on Friday.", "en"],
      ["Ordered the blue one in a size 12 for my daughter.", "en"],
      ["Betalade med kort och hämtade paketet på Ica på fredagen.", "sv"],
    ] as const) {
      const analysis = analyzeReview(text, { lang });
      expect({ text, sentiment: analysis.sentiment, score: analysis.score }).toEqual({
        text,
        sentiment: "neutral",
        score: 0,
      });
      for (const finding of analysis.topics)
        expect({ text, topic: finding.sentiment }).toEqual({ text, topic: "neutral" });
    }
    // A verdict without an opinion word the lexicon knows is no statement of fact.
    for (const [text, lang] of [
      ["Washed it once and it came out two sizes smaller.", "en"],
      ["Efter en vecka slutade den ladda.", "sv"],
    ] as const) {
      expect(analyzeReview(text, { lang, learned: false }).sentiment).toBe("neutral");
      expect({ text, sentiment: analyzeReview(text, { lang }).sentiment }).toEqual({ text, sentiment: "negative" });
    }
  });

  it("gives a topic in a sentence without opinion words the model's tone when it is the review's verdict (2.10.0)", () => {
    // Written for this test, not in any data set.
    const tones = (text: string, lang: "en" | "sv", learned = true) =>
      Object.fromEntries(
        analyzeReview(text, { lang, learned }).topics.map((finding) => [finding.topic, finding.sentiment]),
      );
    // What happened, said without an opinion word: the rules find the topic but no tone; the model reads one.
    for (const [text, lang, topic, sentiment] of [
      ["Väskan gick sönder direkt. Leveransen tog fem veckor.", "sv", "shipping_delivery", "negative"],
      ["Jättenöjd! Kundtjänsten ringde upp direkt.", "sv", "customer_service", "positive"],
    ] as const) {
      expect(tones(text, lang, false)[topic]).toBe("neutral");
      expect({ text, tone: tones(text, lang)[topic] }).toEqual({ text, tone: sentiment });
    }
    // A tone against the verdict is taken back: "lasts" and "arrived" lean negative in the English model, from "lasted
    // two weeks" and "arrived broken", and so may a plain description beside praise.
    for (const [text, lang] of [
      ["Love this mug. The box contained two mugs.", "en"],
      ["Snygg klänning. Tyget är 100 % bomull.", "sv"],
      ["Nice headphones. The battery lasts 30 hours.", "en"],
      ["Love it. Arrived the day after I ordered.", "en"],
    ] as const) {
      const analysis = analyzeReview(text, { lang });
      expect({ text, sentiment: analysis.sentiment }).toEqual({ text, sentiment: "positive" });
      for (const finding of analysis.topics)
        expect({ text, topic: finding.topic, tone: finding.sentiment }).not.toEqual({
          text,
          topic: finding.topic,
          tone: "negative",
        });
    }
  });

  it("reads a review with no opinion words the lexicon knows", () => {
    const analysis = analyzeReview("Runs all my games without a hiccup.", { lang: "en" });
    expect(analysis.sentiment).toBe("positive");
    expect(analysis.score).toBeGreaterThan(0.1);
    expect(analysis.score).toBeLessThanOrEqual(0.6);
  });

  it("keeps the rules' negation, contrast and evidence where the lexicon has the words", () => {
    const analysis = analyzeReview("The fabric is not soft at all, but the fit is perfect.", { lang: "en" });
    const byTopic = new Map(analysis.topics.map((finding) => [finding.topic, finding]));
    expect(byTopic.get("size_fit")?.sentiment).toBe("positive");
    expect(byTopic.get("comfort")?.sentiment ?? byTopic.get("quality")?.sentiment).toBe("negative");
    for (const finding of analysis.topics) {
      expect(finding.evidence).toBe(
        "The fabric is not soft at all, but the fit is perfect.".slice(finding.start, finding.end),
      );
    }
  });

  it("overrules the rules' verdict on a review it reads the other way, and decides one the rules leave neutral (2.7.0)", () => {
    // Written for this test, not in any data set: praise words for what the garment could have been, then what went
    // wrong and what the shopper does about it.
    const overruled =
      "The colour is gorgeous and the fabric feels lovely, but it runs about two sizes small and the seams were already coming apart. Sending it back.";
    expect(analyzeReview(overruled, { lang: "en", learned: false }).sentiment).toBe("positive");
    expect(analyzeReview(overruled, { lang: "en" }).sentiment).toBe("negative");
    const undecided =
      "Beautiful dress, great colour, but it's see-through and the zip broke on the first wear. Returned.";
    expect(analyzeReview(undecided, { lang: "en", learned: false }).sentiment).toBe("neutral");
    expect(analyzeReview(undecided, { lang: "en" }).sentiment).toBe("negative");
    // Praise the rules read stays praise when the model has nothing against it.
    expect(analyzeReview("Gorgeous dress, fits perfectly and the fabric is lovely.", { lang: "en" }).sentiment).toBe(
      "positive",
    );
  });

  it("finds a topic the vocabulary misses, with its sentence as evidence", () => {
    // 2.15.0 no longer adds quality to a bare "Great keyboard." here; "The keyboard is great." it does (decision 010).
    const text = "The keyboard is great. The screen flickers whenever the fan spins up, and it gets so hot on my lap.";
    const rules = new Set(analyzeReview(text, { lang: "en", learned: false }).topics.map((finding) => finding.topic));
    const learned = analyzeReview(text, { lang: "en" });
    const added = learned.topics.filter((finding) => !rules.has(finding.topic));
    expect(added.length).toBeGreaterThan(0);
    for (const finding of added) {
      expect(finding.evidence).toBe(text.slice(finding.start, finding.end));
      expect(finding.evidence.length).toBeGreaterThan(0);
    }
  });
});
