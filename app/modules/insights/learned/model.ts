/**
 * The learned layer's weights: one linear model per language with 16 outputs per feature, three
 * for the polarity of a text or sentence (negative, neutral, positive), one per built-in topic
 * (does this sentence talk about it) and one that tells a plain statement of fact ("Paid by card",
 * "Boken har 312 sidor") from a review with a verdict (engine 2.9.0). Loaded once from `weights.json`
 * into an open-addressing table of typed arrays. A word's features are summed once per distinct word
 * (`readWord`, remembered by language detection's word records), so scoring a review is a few
 * additions a word, no look-up; the factual output is summed apart, for the few reviews that need it.
 */
import { z } from "zod";
import { BUILT_IN_TOPIC_KEYS, type Sentiment } from "../types";
import { ROLE_NEGATOR, type CompiledLanguagePack } from "../compiled-lexicon";
import type { QuotedSpans, TokenBuffer } from "../tokenizer";
import {
  BIAS_FEATURE,
  describeWord,
  walkFeatures,
  weighWord,
  wordFeatureHashes,
  type FeatureBuffer,
  type FeatureSink,
  type WordContribution,
} from "./features";
import { decodeWeightTables } from "./weights-codec";
import bundledWeights from "./weights.json";

export const POLARITY_LABELS: readonly Sentiment[] = ["negative", "neutral", "positive"];
export const POLARITY_OUTPUTS = POLARITY_LABELS.length;
/** The output that says a text states facts only: positive for "Paid by card.", negative for a verdict. */
export const FACTUAL_OUTPUT = POLARITY_OUTPUTS + BUILT_IN_TOPIC_KEYS.length;
export const OUTPUT_COUNT = FACTUAL_OUTPUT + 1;
export const OUTPUT_NAMES: readonly string[] = [...POLARITY_LABELS, ...BUILT_IN_TOPIC_KEYS, "factual"];
/**
 * 2 (engine 2.13.0): each language has `bigrams` beside `rows`. 3 (engine 2.16.0): rows and bigrams are written as
 * text (weights-codec.ts), which the parsed file holds in a fifth of the memory.
 */
export const WEIGHTS_FORMAT = 3;

const datasetUseSchema = z.object({
  name: z.string(),
  source: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  examples: z.number().int().nonnegative(),
});

/**
 * A row is [feature hash, output, weight, output, weight, ...] with weights as integers over `scale`; a bigram is
 * [bigram hash, negative, neutral, positive]. Both are coded as lines of text (weights-codec.ts).
 */
export const weightsFileSchema = z.object({
  $comment: z.string().optional(),
  format: z.literal(WEIGHTS_FORMAT),
  scale: z.number().int().positive(),
  outputs: z.array(z.string()),
  training: z.object({
    epochs: z.number().int().positive(),
    seed: z.number().int(),
    minCount: z.number().int().positive(),
    orders: z.number().int().positive().optional(),
    ruleDropout: z.number().int().min(0).max(100).optional(),
  }),
  trainedOn: z.array(datasetUseSchema),
  languages: z.record(
    z.object({
      examples: z.number().int().nonnegative(),
      /** The mean polarity margin and topic score size on the training text (training.ts, `unitsOf`). */
      polarityUnit: z.number().positive(),
      topicUnit: z.number().positive(),
      rowCount: z.number().int().nonnegative(),
      /** A bigram weighs the polarity outputs only. */
      bigramCount: z.number().int().nonnegative(),
      rows: z.array(z.string()),
      bigrams: z.array(z.string()),
    }),
  ),
});

export type WeightsFile = z.infer<typeof weightsFileSchema>;

export interface LanguageModel {
  mask: number;
  keys: Uint32Array;
  /**
   * The row of `weights` each slot of `keys` holds (a feature's OUTPUT_COUNT weights): rows are packed, so the table's
   * empty slots cost four bytes each rather than sixty-four (bench:insights-memory, decision 010, session 19).
   */
  rowAt: Int32Array;
  /** OUTPUT_COUNT weights per feature, in the order of the weights file's rows. */
  weights: Float32Array;
  bias: Float32Array;
  bigramMask: number;
  bigramKeys: Uint32Array;
  /** POLARITY_OUTPUTS weights per slot of `bigramKeys`. */
  bigramWeights: Float32Array;
  /**
   * One bit per value of a bigram hash's top bits (`hash >>> bigramFilterShift`), set for the bigrams of the table:
   * about half the word pairs a review holds are no bigram of it, and the filter turns most of those away before the
   * table's probe (bench:insights, decision 010, session 18).
   */
  bigramFilter: Int32Array;
  bigramFilterShift: number;
  /** The mean polarity margin and topic score size on the training text: the engine's thresholds are in these. */
  polarityUnit: number;
  topicUnit: number;
}

export type ModelUnits = Pick<LanguageModel, "polarityUnit" | "topicUnit">;

/** The slot of `hash` in an open-addressing table of `keys` (0 marks an empty slot), or -1. */
function slotIn(keys: Uint32Array, mask: number, hash: number): number {
  let slot = hash & mask;
  for (;;) {
    const key = keys[slot];
    if (key === hash) return slot;
    if (key === 0) return -1;
    slot = (slot + 1) & mask;
  }
}

/** The slot `hash` takes in such a table: its own, else the first empty one from its home slot. */
function claimSlot(keys: Uint32Array, mask: number, hash: number): number {
  let slot = hash & mask;
  while (keys[slot] !== 0 && keys[slot] !== hash) slot = (slot + 1) & mask;
  keys[slot] = hash;
  return slot;
}

/** The row of `model.weights` that holds feature `hash`, or -1 when the model lacks it. */
function rowOf(model: LanguageModel, hash: number): number {
  const slot = slotIn(model.keys, model.mask, hash);
  return slot < 0 ? -1 : model.rowAt[slot];
}

/** A table's size for `count` keys: a power of two at least `perKey` times as large (2: most misses end at once). */
function tableSize(count: number, perKey = 2): number {
  let size = 16;
  while (size < count * perKey) size *= 2;
  return size;
}

/** Bits of the bigram filter a bigram at least: fewer than one word pair in eight that is no bigram passes it. */
const BIGRAM_FILTER_BITS_PER_KEY = 8;

/** Whether the bigram filter lets `hash` through to the table (every kept bigram passes). */
export function passesBigramFilter(model: LanguageModel, hash: number): boolean {
  const bit = hash >>> model.bigramFilterShift;
  return (model.bigramFilter[bit >>> 5] & (1 << (bit & 31))) !== 0;
}

function letThroughBigramFilter(model: LanguageModel, hash: number): void {
  const bit = hash >>> model.bigramFilterShift;
  model.bigramFilter[bit >>> 5] |= 1 << (bit & 31);
}

export function compileLanguageModel(
  rows: number[][],
  scale: number,
  units: ModelUnits = { polarityUnit: 1, topicUnit: 1 },
  bigrams: readonly (readonly number[])[] = [],
): LanguageModel {
  const size = tableSize(rows.length);
  const bigramSize = tableSize(bigrams.length);
  const filterBits = Math.max(32, tableSize(bigrams.length, BIGRAM_FILTER_BITS_PER_KEY));
  const model: LanguageModel = {
    mask: size - 1,
    keys: new Uint32Array(size),
    rowAt: new Int32Array(size),
    weights: new Float32Array(rows.length * OUTPUT_COUNT),
    bias: new Float32Array(OUTPUT_COUNT),
    bigramMask: bigramSize - 1,
    bigramKeys: new Uint32Array(bigramSize),
    bigramWeights: new Float32Array(bigramSize * POLARITY_OUTPUTS),
    bigramFilter: new Int32Array(filterBits >>> 5),
    bigramFilterShift: 32 - Math.log2(filterBits),
    polarityUnit: units.polarityUnit,
    topicUnit: units.topicUnit,
  };
  for (const row of bigrams) {
    const hash = row[0] >>> 0;
    const slot = claimSlot(model.bigramKeys, model.bigramMask, hash);
    letThroughBigramFilter(model, hash);
    for (let o = 0; o < POLARITY_OUTPUTS; o++) model.bigramWeights[slot * POLARITY_OUTPUTS + o] = row[1 + o] / scale;
  }
  let packed = 0;
  for (const row of rows) {
    const hash = row[0] >>> 0;
    const known = slotIn(model.keys, model.mask, hash);
    const slot = known >= 0 ? known : claimSlot(model.keys, model.mask, hash);
    if (known < 0) model.rowAt[slot] = packed++;
    const at = model.rowAt[slot] * OUTPUT_COUNT;
    for (let i = 1; i + 1 < row.length; i += 2) {
      const output = row[i];
      if (output < 0 || output >= OUTPUT_COUNT) throw new Error(`Weights row ${hash} names output ${output}`);
      model.weights[at + output] = row[i + 1] / scale;
    }
  }
  const biasRow = rowOf(model, BIAS_FEATURE);
  if (biasRow >= 0) model.bias.set(model.weights.subarray(biasRow * OUTPUT_COUNT, (biasRow + 1) * OUTPUT_COUNT));
  return model;
}

export function compileWeights(file: unknown): Map<string, LanguageModel> {
  const weights = weightsFileSchema.parse(file);
  if (weights.outputs.join(",") !== OUTPUT_NAMES.join(",")) {
    throw new Error(`The weights file's outputs (${weights.outputs.join(", ")}) are not the engine's`);
  }
  const models = new Map<string, LanguageModel>();
  for (const [lang, language] of Object.entries(weights.languages)) {
    const tables = decodeWeightTables(language);
    models.set(lang, compileLanguageModel(tables.rows, weights.scale, language, tables.bigrams));
  }
  return models;
}

let bundledModels: Map<string, LanguageModel> | null = null;
let weightsVersion = 0;

/** The model for a language, or null when the weights file has none (rules alone then). */
export function modelForLanguage(lang: string): LanguageModel | null {
  bundledModels ??= compileWeights(bundledWeights);
  return bundledModels.get(lang) ?? null;
}

/**
 * Analysis in this process reads with other weights from now on (a weights file's parsed JSON), or with the bundled
 * file again (null). For evaluation only (`insights eval --cross` scores each data set with weights trained without
 * it); the app never calls it. Remembered word readings start afresh (`learnedWeightsVersion`).
 */
export function swapLearnedWeights(file: unknown): void {
  bundledModels = file === null ? null : compileWeights(file);
  weightsVersion++;
}

/** Bumps whenever `swapLearnedWeights` swaps the weights, so word readings weighed by the old ones are dropped. */
export function learnedWeightsVersion(): number {
  return weightsVersion;
}

/** Adds one feature's weights to `target` at `offset` (does nothing for a feature the model lacks). */
export function addFeature(model: LanguageModel, hash: number, target: Float64Array, offset: number): void {
  const row = rowOf(model, hash);
  if (row < 0) return;
  const from = row * OUTPUT_COUNT;
  for (let o = 0; o < OUTPUT_COUNT; o++) target[offset + o] += model.weights[from + o];
}

/** Where a bigram's POLARITY_OUTPUTS weights start in `model.bigramWeights`, or -1 for a bigram the model lacks. */
export function bigramWeightsAt(model: LanguageModel, hash: number): number {
  if (!passesBigramFilter(model, hash)) return -1;
  const slot = slotIn(model.bigramKeys, model.bigramMask, hash);
  return slot < 0 ? -1 : slot * POLARITY_OUTPUTS;
}

/** Adds a bigram's polarity weights to `target` at `offset` (nothing for a bigram the model lacks). */
export function addBigram(model: LanguageModel, hash: number, target: Float64Array, offset: number): void {
  const from = bigramWeightsAt(model, hash);
  if (from < 0) return;
  const weights = model.bigramWeights;
  target[offset] += weights[from];
  target[offset + 1] += weights[from + 1];
  target[offset + 2] += weights[from + 2];
}

/** Adds one feature's polarity weights (the first POLARITY_OUTPUTS outputs) to `target` from 0. */
export function addPolarityOfFeature(model: LanguageModel, hash: number, target: Float64Array): void {
  const row = rowOf(model, hash);
  if (row < 0) return;
  const from = row * OUTPUT_COUNT;
  for (let o = 0; o < POLARITY_OUTPUTS; o++) target[o] += model.weights[from + o];
}

/** One feature's weight on the factual output (0 for a feature the model lacks). */
export function factualOfFeature(model: LanguageModel, hash: number): number {
  const row = rowOf(model, hash);
  return row < 0 ? 0 : model.weights[row * OUTPUT_COUNT + FACTUAL_OUTPUT];
}

const factualSink: FeatureSink & { model: LanguageModel | null; pack: CompiledLanguagePack | null; sum: number } = {
  model: null,
  pack: null,
  sum: 0,
  negates: false,
  // The factual output reads no extra weight after a contrast word.
  turns: false,
  afterContrast: false,
  startSentence: (): boolean => true,
  feature(feature: number): void {
    factualSink.sum += factualOfFeature(factualSink.model as LanguageModel, feature);
  },
  // A bigram weighs polarity only.
  bigram: null,
  word(word: string, negated: boolean): void {
    const model = factualSink.model as LanguageModel;
    for (const hash of wordFeatureHashes(word, negated)) factualSink.sum += factualOfFeature(model, hash);
    factualSink.negates = factualSink.pack?.resolve(word)?.role === ROLE_NEGATOR;
  },
};

/**
 * The factual output's weights summed over the features of scanned tokens (no bias, no rule feature), walked as
 * training walks them. Analysis asks for it only of a review without an opinion word, so the per-word sums that every
 * review adds up (`weighReading`) leave this output out.
 */
export function factualSum(
  model: LanguageModel,
  pack: CompiledLanguagePack,
  tokens: TokenBuffer,
  quotes: QuotedSpans | null,
): number {
  factualSink.model = model;
  factualSink.pack = pack;
  factualSink.sum = 0;
  walkFeatures(tokens, factualSink, quotes);
  return factualSink.sum;
}

/** Per-sentence sums of the feature weights (no bias, no rule feature): sentenceCount rows of OUTPUT_COUNT. */
export function scoreSentences(model: LanguageModel, buffer: FeatureBuffer, target: Float64Array): void {
  target.fill(0, 0, buffer.sentenceCount * OUTPUT_COUNT);
  for (let f = 0; f < buffer.count; f++) {
    const at = buffer.sentences[f] * OUTPUT_COUNT;
    if (buffer.bigrams[f] === 1) addBigram(model, buffer.hashes[f], target, at);
    else addFeature(model, buffer.hashes[f], target, at);
  }
}

function sumOf(model: LanguageModel, hashes: number[]): Float32Array | null {
  let sum: Float32Array | null = null;
  for (const hash of hashes) {
    const row = rowOf(model, hash);
    if (row < 0) continue;
    sum ??= new Float32Array(OUTPUT_COUNT);
    for (let o = 0; o < OUTPUT_COUNT; o++) sum[o] += model.weights[row * OUTPUT_COUNT + o];
  }
  return sum;
}

/**
 * What a word means to the rules (its lexicon entry) and to the learned layer (its summed feature
 * weights, none when `model` is null): worked out once per distinct word and language, then remembered
 * by the caller (language-detection.ts keeps one record a word for detection, lexicon and model).
 */
export function readWord(pack: CompiledLanguagePack, word: string): WordContribution {
  return describeWord(word, pack);
}

/** Gives a word's reading the model's summed feature weights (once; a language has one model). */
export function weighReading(model: LanguageModel, word: string, reading: WordContribution): void {
  weighWord(word, reading, (hashes) => sumOf(model, hashes));
}

/** Features and typed-array bytes of each bundled language model, for the benchmark's report. */
export function learnedLayerSize(): { lang: string; features: number; bytes: number }[] {
  const weights = weightsFileSchema.parse(bundledWeights);
  return Object.keys(weights.languages)
    .sort()
    .map((lang) => {
      const model = modelForLanguage(lang) as LanguageModel;
      const bytes =
        model.keys.byteLength +
        model.rowAt.byteLength +
        model.weights.byteLength +
        model.bias.byteLength +
        model.bigramKeys.byteLength +
        model.bigramWeights.byteLength +
        model.bigramFilter.byteLength;
      const language = weights.languages[lang];
      return { lang, features: language.rowCount + language.bigramCount, bytes };
    });
}
