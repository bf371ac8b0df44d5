/**
 * Trains the learned layer: an averaged perceptron per language over the features in features.ts.
 * Three outputs learn the polarity of a text (stacked on the rule engine's own verdict, which is a
 * feature; bigrams, and the last sentence's features once more, weigh these three only, as analysis reads them),
 * twelve learn whether a text talks about a built-in topic, and one whether it only states facts (plain statements
 * against reviews with a verdict; stacked on the rules' verdict too). Every step is deterministic: examples are
 * sorted, visited in an order fixed by a seeded hash of their keys, updates are integers and the averaged weights are
 * rounded to integers over `scale`, so the same data gives the same file on any machine.
 */
import { packForLanguage } from "../language-packs";
import { scanTokens, createTokenBuffer } from "../tokenizer";
import { BUILT_IN_TOPIC_KEYS, type Sentiment } from "../types";
import {
  BIAS_FEATURE,
  BIGRAM_MIN_COUNT,
  collectFeatures,
  createFeatureBuffer,
  AFTER_CONTRAST_EXTRA,
  hashText,
  LAST_SENTENCE_EXTRA,
  ruleBalanceFeature,
  ruleFeature,
  type RuleReading,
} from "./features";
import {
  addBigram,
  addFeature,
  compileLanguageModel,
  FACTUAL_OUTPUT,
  OUTPUT_COUNT,
  OUTPUT_NAMES,
  POLARITY_LABELS,
  POLARITY_OUTPUTS,
  WEIGHTS_FORMAT,
  type ModelUnits,
  type WeightsFile,
} from "./model";
import { encodeWeightTables } from "./weights-codec";

export interface TrainingExample {
  /** Unique and stable ("dataset:id"): examples are sorted by it before training. */
  key: string;
  lang: string;
  text: string;
  polarity?: Sentiment;
  /** Topic keys the text talks about, and keys that may be right but are not asked of the model. */
  topics?: { positive: string[]; ignore: string[] };
  /** True: the text only states facts ("Paid by card."); false: it gives a verdict; left out: not asked. */
  factual?: boolean;
}

export interface TrainingOptions {
  epochs: number;
  seed: number;
  /** A feature must occur in at least this many training texts of its language to get a weight. */
  minCount: number;
  /**
   * Models trained from this many visiting orders (order k from seed `seed + 7919 k`), averaged before rounding
   * (1 when left out). A perceptron's weights depend on the order it meets the examples: a changed training text
   * moved development figures by one to three points; averaging several orders steadies them.
   */
  orders?: number;
  /**
   * In this share of its visits (per cent, 0 when left out), a review's polarity outputs are scored and updated on its
   * text alone, without the rules' features (their verdict and their praise and complaint); which visits is fixed by a
   * seeded hash of the review's key, the seed and the epoch. A perceptron stacked on the rules updates only where its
   * sum is wrong, and on the training text the rules' features are right so often that the words learn mostly from the
   * rules' mistakes: corrections of the rules rather than a reading of the text. Read without the rules most of the
   * time, the words learn from every review, and the rules' features learn how far to trust the rules beside them
   * (engine 2.18.0, decision 010, session 21). Topics and the factual output always read the rules' features, as
   * before.
   */
  ruleDropout?: number;
}

export interface DatasetUse {
  name: string;
  source: string;
  sha256: string;
  examples: number;
}

/**
 * The rule engine's reading of a text (its score, and the praise and complaint summed apart), the features the polarity
 * and factual outputs are stacked on (`ruleFeature`, `ruleBalanceFeature`).
 */
export type RuleScorer = (text: string, lang: string) => RuleReading;

const SCALE = 1000;
/** Seeds of the averaged orders lie this far apart, so no two orders share an epoch's order (epochs < 7919). */
const ORDER_SEED_STRIDE = 7919;
/** Set before a review's key when hashing which visits read it without the rules (no visiting order's hash). */
const RULE_DROPOUT_SALT = "without-rules:";

interface Prepared {
  /**
   * Features every output reads in training (words, their 4-grams, emoji, quotes, the bias, the rules' verdict and its
   * praise and complaint; analysis reads the rules' features for polarity and the factual output only).
   */
  features: number[];
  /** Bigrams: polarity only. */
  bigrams: number[];
  /**
   * What the polarity outputs read once more for each time it is listed: the features and bigrams of the review's
   * last sentence when an earlier sentence has features too (LAST_SENTENCE_EXTRA times), and those of the words after
   * a contrast word of their sentence (AFTER_CONTRAST_EXTRA times).
   */
  extraFeatures: number[];
  extraBigrams: number[];
  polarity: number;
  /** Per topic: 1 talks about it, -1 does not, 0 unknown. */
  topics: Int8Array | null;
  /** 1 states facts only, -1 gives a verdict, 0 unknown. */
  factual: number;
  /** How many of `features`, at its end, are the rules' (their verdict and balance: 2, or 0 when not read). */
  ruleCount: number;
}

function prepare(examples: TrainingExample[], lang: string, ruleScore: RuleScorer, minCount: number): Prepared[] {
  const pack = packForLanguage(lang);
  const tokens = createTokenBuffer();
  const buffer = createFeatureBuffer();
  const raw: { features: number[]; bigrams: number[]; extraFeatures: number[]; extraBigrams: number[] }[] = [];
  const documentFrequency = new Map<number, number>();
  const bigramFrequency = new Map<number, number>();
  for (const example of examples) {
    scanTokens(example.text, tokens);
    collectFeatures(tokens, pack, buffer, example.text);
    const split = {
      features: [] as number[],
      bigrams: [] as number[],
      extraFeatures: [] as number[],
      extraBigrams: [] as number[],
    };
    let first = Infinity;
    let last = -1;
    for (let f = 0; f < buffer.count; f++) {
      first = Math.min(first, buffer.sentences[f]);
      last = Math.max(last, buffer.sentences[f]);
    }
    for (let f = 0; f < buffer.count; f++) {
      const bigram = buffer.bigrams[f] === 1;
      const hash = buffer.hashes[f];
      (bigram ? split.bigrams : split.features).push(hash);
      const extra =
        (last > first && buffer.sentences[f] === last ? LAST_SENTENCE_EXTRA : 0) +
        (buffer.afterContrast[f] === 1 ? AFTER_CONTRAST_EXTRA : 0);
      for (let k = 0; k < extra; k++) (bigram ? split.extraBigrams : split.extraFeatures).push(hash);
    }
    raw.push(split);
    for (const hash of new Set(split.features)) documentFrequency.set(hash, (documentFrequency.get(hash) ?? 0) + 1);
    for (const hash of new Set(split.bigrams)) bigramFrequency.set(hash, (bigramFrequency.get(hash) ?? 0) + 1);
  }
  const kept = (hash: number) => (documentFrequency.get(hash) ?? 0) >= minCount;
  const keptBigram = (hash: number) => (bigramFrequency.get(hash) ?? 0) >= Math.max(minCount, BIGRAM_MIN_COUNT);
  return examples.map((example, index) => {
    const features = raw[index].features.filter(kept);
    const bigrams = raw[index].bigrams.filter(keptBigram);
    const extraFeatures = raw[index].extraFeatures.filter(kept);
    const extraBigrams = raw[index].extraBigrams.filter(keptBigram);
    features.push(BIAS_FEATURE);
    let polarity = -1;
    if (example.polarity) polarity = POLARITY_LABELS.indexOf(example.polarity);
    const factual = example.factual === undefined ? 0 : example.factual ? 1 : -1;
    let ruleCount = 0;
    if (polarity >= 0 || factual !== 0) {
      const reading = ruleScore(example.text, lang);
      // Last, so a visit without them reads the features before them (`ruleCount`).
      features.push(ruleFeature(reading.score), ruleBalanceFeature(reading.praise, reading.complaint));
      ruleCount = 2;
    }
    let topics: Int8Array | null = null;
    if (example.topics) {
      topics = new Int8Array(BUILT_IN_TOPIC_KEYS.length).fill(-1);
      for (const key of example.topics.ignore) {
        const topic = (BUILT_IN_TOPIC_KEYS as readonly string[]).indexOf(key);
        if (topic >= 0) topics[topic] = 0;
      }
      for (const key of example.topics.positive) {
        const topic = (BUILT_IN_TOPIC_KEYS as readonly string[]).indexOf(key);
        if (topic >= 0) topics[topic] = 1;
      }
    }
    return { features, bigrams, extraFeatures, extraBigrams, polarity, topics, factual, ruleCount };
  });
}

/** Bigrams are keyed apart from the other features in training, as analysis keeps them in a table of their own. */
const BIGRAM_KEY = 2 ** 32;

function trainLanguage(
  prepared: Prepared[],
  keys: string[],
  options: TrainingOptions,
): { rows: number[][]; bigrams: [number, number, number, number][] } {
  const orders = options.orders ?? 1;
  // Features by dense index, so an update is an array write rather than a map look-up (the arithmetic, and so the
  // file, is the same as with a map of rows).
  const slotOf = new Map<number, number>();
  const slotKeys: number[] = [];
  const slotFor = (key: number) => {
    let slot = slotOf.get(key);
    if (slot === undefined) {
      slot = slotKeys.length;
      slotOf.set(key, slot);
      slotKeys.push(key);
    }
    return slot;
  };
  const slots = prepared.map((example) => Int32Array.from(example.features, slotFor));
  // What the polarity outputs read besides: bigrams, and the extra features and bigrams (a slot listed twice is read
  // and updated twice).
  const polaritySlots = prepared.map((example) => {
    const list = example.bigrams.map((hash) => slotFor(BIGRAM_KEY + hash));
    for (const hash of example.extraFeatures) list.push(slotFor(hash));
    for (const hash of example.extraBigrams) list.push(slotFor(BIGRAM_KEY + hash));
    return Int32Array.from(list);
  });
  const sum = new Float64Array(slotKeys.length * OUTPUT_COUNT);
  for (let order = 0; order < orders; order++) {
    const averaged = trainOneOrder(
      prepared,
      slots,
      polaritySlots,
      slotKeys.length,
      keys,
      options.epochs,
      options.seed + order * ORDER_SEED_STRIDE,
      options.ruleDropout ?? 0,
    );
    for (let i = 0; i < sum.length; i++) sum[i] += averaged[i];
  }
  const rows: number[][] = [];
  const bigrams: [number, number, number, number][] = [];
  const averagedWeight = (slot: number, output: number) =>
    Math.round((sum[slot * OUTPUT_COUNT + output] / orders) * SCALE);
  const bySlot = slotKeys.map((_key, slot) => slot).sort((a, b) => slotKeys[a] - slotKeys[b]);
  for (const slot of bySlot) {
    if (slotKeys[slot] >= BIGRAM_KEY) {
      const row: [number, number, number, number] = [slotKeys[slot] - BIGRAM_KEY, 0, 0, 0];
      for (let o = 0; o < POLARITY_OUTPUTS; o++) row[1 + o] = averagedWeight(slot, o);
      if (row[1] !== 0 || row[2] !== 0 || row[3] !== 0) bigrams.push(row);
      continue;
    }
    const out = [slotKeys[slot]];
    for (let o = 0; o < OUTPUT_COUNT; o++) {
      const averaged = averagedWeight(slot, o);
      if (averaged !== 0) out.push(o, averaged);
    }
    if (out.length > 1) rows.push(out);
  }
  return { rows, bigrams };
}

/**
 * One averaged perceptron, visiting the examples in the orders `seed` fixes; its weights unrounded, `OUTPUT_COUNT`
 * a feature slot (`slots` holds each example's features as slots, `polaritySlots` what its polarity reads besides).
 */
function trainOneOrder(
  prepared: Prepared[],
  slots: Int32Array[],
  polaritySlots: Int32Array[],
  featureCount: number,
  keys: string[],
  epochs: number,
  seed: number,
  ruleDropout: number,
): Float64Array {
  const weights = new Float64Array(featureCount * OUTPUT_COUNT);
  const totals = new Float64Array(featureCount * OUTPUT_COUNT);
  const update = (features: Int32Array, output: number, amount: number, step: number) => {
    for (let f = 0; f < features.length; f++) {
      const at = features[f] * OUTPUT_COUNT + output;
      weights[at] += amount;
      totals[at] += amount * step;
    }
  };
  const scores = new Float64Array(OUTPUT_COUNT);
  // Salted once an order, not once a visit.
  const dropoutKeys = ruleDropout > 0 ? keys.map((key) => RULE_DROPOUT_SALT + key) : keys;
  let step = 1;
  for (let epoch = 0; epoch < epochs; epoch++) {
    // Each epoch visits the examples in an order fixed by a hash of their keys, the seed and the epoch.
    const rank = keys.map((key) => hashText(seed + epoch, key));
    const order = keys.map((_key, index) => index).sort((a, b) => rank[a] - rank[b] || a - b);
    for (const index of order) {
      const example = prepared[index];
      const features = slots[index];
      const text = features.subarray(0, features.length - example.ruleCount);
      // This visit, the polarity outputs read the text alone (TrainingOptions.ruleDropout).
      const withoutRules =
        example.ruleCount > 0 && ruleDropout > 0 && hashText(seed + epoch, dropoutKeys[index]) % 100 < ruleDropout;
      const polarityFeatures = withoutRules ? text : features;
      scores.fill(0);
      for (let f = 0; f < text.length; f++) {
        const from = text[f] * OUTPUT_COUNT;
        for (let o = 0; o < OUTPUT_COUNT; o++) scores[o] += weights[from + o];
      }
      // The rules' features: every output's score but polarity's on a visit without them.
      const firstRuleOutput = withoutRules ? POLARITY_OUTPUTS : 0;
      for (let f = text.length; f < features.length; f++) {
        const from = features[f] * OUTPUT_COUNT;
        for (let o = firstRuleOutput; o < OUTPUT_COUNT; o++) scores[o] += weights[from + o];
      }
      if (example.polarity >= 0) {
        const more = polaritySlots[index];
        for (let f = 0; f < more.length; f++) {
          const from = more[f] * OUTPUT_COUNT;
          for (let o = 0; o < POLARITY_OUTPUTS; o++) scores[o] += weights[from + o];
        }
        let predicted = 0;
        for (let o = 1; o < POLARITY_OUTPUTS; o++) if (scores[o] > scores[predicted]) predicted = o;
        if (predicted !== example.polarity) {
          update(polarityFeatures, example.polarity, 1, step);
          update(polarityFeatures, predicted, -1, step);
          update(more, example.polarity, 1, step);
          update(more, predicted, -1, step);
        }
      }
      if (example.topics) {
        for (let topic = 0; topic < example.topics.length; topic++) {
          const wanted = example.topics[topic];
          if (wanted !== 0 && wanted * scores[POLARITY_OUTPUTS + topic] <= 0) {
            update(features, POLARITY_OUTPUTS + topic, wanted, step);
          }
        }
      }
      if (example.factual !== 0 && example.factual * scores[FACTUAL_OUTPUT] <= 0)
        update(features, FACTUAL_OUTPUT, example.factual, step);
      step++;
    }
  }
  const averaged = new Float64Array(weights.length);
  for (let i = 0; i < weights.length; i++) averaged[i] = weights[i] - totals[i] / step;
  return averaged;
}

/**
 * The size of the model's readings on its own training text: the mean margin of its polarity (best output over the
 * runner-up) and the mean size of its topic scores where a label says yes or no. A perceptron's weights grow with
 * the mistakes it meets, so with more training text every score is larger; the engine states its thresholds in
 * these units, which keeps their meaning when the data grows (engine 2.8.0).
 */
function unitsOf(prepared: Prepared[], rows: number[][], bigrams: number[][]): ModelUnits {
  const model = compileLanguageModel(rows, SCALE, undefined, bigrams);
  const scores = new Float64Array(OUTPUT_COUNT);
  const last = new Float64Array(OUTPUT_COUNT);
  let polarity = 0;
  let polarityCount = 0;
  let topic = 0;
  let topicCount = 0;
  for (const example of prepared) {
    scores.fill(0);
    for (const hash of example.features) addFeature(model, hash, scores, 0);
    if (example.polarity >= 0) {
      for (const hash of example.bigrams) addBigram(model, hash, scores, 0);
      last.fill(0);
      for (const hash of example.extraFeatures) addFeature(model, hash, last, 0);
      for (const hash of example.extraBigrams) addBigram(model, hash, last, 0);
      for (let o = 0; o < POLARITY_OUTPUTS; o++) scores[o] += last[o];
      const sorted = Array.from(scores.subarray(0, POLARITY_OUTPUTS)).sort((a, b) => b - a);
      polarity += sorted[0] - sorted[1];
      polarityCount++;
    }
    if (example.topics) {
      for (let t = 0; t < example.topics.length; t++) {
        if (example.topics[t] === 0) continue;
        topic += Math.abs(scores[POLARITY_OUTPUTS + t]);
        topicCount++;
      }
    }
  }
  const unit = (sum: number, count: number) =>
    count === 0 ? 1 : Math.max(0.001, Math.round((sum / count) * 1000) / 1000);
  return { polarityUnit: unit(polarity, polarityCount), topicUnit: unit(topic, topicCount) };
}

function compareKeys(a: TrainingExample, b: TrainingExample): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Trains every language that has examples; the result is what `weights.json` holds. */
export function trainWeights(
  examples: TrainingExample[],
  options: TrainingOptions,
  ruleScore: RuleScorer,
  trainedOn: DatasetUse[],
): WeightsFile {
  const languages: WeightsFile["languages"] = {};
  const byLanguage = new Map<string, TrainingExample[]>();
  for (const example of [...examples].sort(compareKeys)) {
    const list = byLanguage.get(example.lang) ?? [];
    list.push(example);
    byLanguage.set(example.lang, list);
  }
  for (const lang of [...byLanguage.keys()].sort()) {
    const list = byLanguage.get(lang) as TrainingExample[];
    const prepared = prepare(list, lang, ruleScore, options.minCount);
    const keys = list.map((example) => example.key);
    const { rows, bigrams } = trainLanguage(prepared, keys, options);
    languages[lang] = {
      examples: list.length,
      ...unitsOf(prepared, rows, bigrams),
      ...encodeWeightTables({ rows, bigrams }),
    };
  }
  return {
    $comment: "Generated by `npm run insights:train` (scripts/insights-train.ts); do not edit by hand.",
    format: WEIGHTS_FORMAT,
    scale: SCALE,
    outputs: [...OUTPUT_NAMES],
    training: { ...options },
    trainedOn,
    languages,
  };
}

/** The weights file as text: the coded tables one line of the stream per line of the file (weights-codec.ts). */
export function formatWeights(weights: WeightsFile): string {
  const { languages, ...head } = weights;
  const headText = JSON.stringify(head, null, 2).replace(/\n}$/, "");
  const languageTexts = Object.keys(languages)
    .sort()
    .map((lang) => {
      const { examples, polarityUnit, topicUnit, rowCount, bigramCount, rows, bigrams } = languages[lang];
      const lines = (list: readonly string[]) => list.map((line) => `        ${JSON.stringify(line)}`).join(",\n");
      const units = `"polarityUnit": ${polarityUnit},\n      "topicUnit": ${topicUnit}`;
      const counts = `"rowCount": ${rowCount},\n      "bigramCount": ${bigramCount}`;
      const rowText = `"rows": [\n${lines(rows)}\n      ]`;
      const bigramText = `"bigrams": [\n${lines(bigrams)}\n      ]`;
      return `    ${JSON.stringify(lang)}: {\n      "examples": ${examples},\n      ${units},\n      ${counts},\n      ${rowText},\n      ${bigramText}\n    }`;
    });
  return `${headText},\n  "languages": {\n${languageTexts.join(",\n")}\n  }\n}\n`;
}
