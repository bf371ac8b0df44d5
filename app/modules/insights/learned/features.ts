/**
 * Features of the learned layer: hashed word unigrams (marked when a negator governs them), character
 * 4-grams of longer words (Swedish compounds and inflections share them) and emoji, each tagged with
 * the sentence it came from. Every feature but an emoji belongs to one word, so analysis sums a word's
 * features once per distinct word (`describeWord`) and walks a review's words as `walkFeatures` does;
 * training collects the same features through `collectFeatures`. Word bigrams (two words in a row within
 * a clause: "fell apart", "inte köpa") are the exception: they weigh polarity only, from a table of their own,
 * one probe a word (since 2.13.0; session 3 dropped them when the training text was a twentieth of today's,
 * docs/decisions/010-learned-insights.md).
 *
 * Hashes are 32-bit FNV-1a with a murmur finaliser: plain integer arithmetic, the same on every
 * machine, so a retrained model is byte-for-byte the same file.
 */
import { ROLE_NEGATOR, turnsSentence, type CompiledLanguagePack, type LexEntry } from "../compiled-lexicon";
import * as tokenizer from "../tokenizer";
import type { QuotedSpans, TokenBuffer } from "../tokenizer";
import { wordHash } from "../word-table";

// Module-local copies for the per-token loop: under tsx (worker, CLI, benchmarks) every read of an
// imported binding goes through a getter.
const TOKEN_WORD = tokenizer.TOKEN_WORD;
const TOKEN_EMOJI = tokenizer.TOKEN_EMOJI;
const TOKEN_SENTENCE_END = tokenizer.TOKEN_SENTENCE_END;
const TOKEN_CLAUSE_BREAK = tokenizer.TOKEN_CLAUSE_BREAK;

const SEED_WORD = 0x1b873593;
const SEED_NEGATED = 0x2f1a6b3d;
const SEED_SUBWORD = 0x68e31da4;
const SEED_EMOJI = 0x3c6ef372;
const SEED_RULE = 0x7a4b2c19;
const SEED_QUOTE = 0x5bd1e995;
const SEED_BIGRAM = 0x6a09e667;

/** The feature of two words in a row within a clause, from the words' memo hashes (`wordHash`). */
export function bigramFeature(previousHash: number, hash: number): number {
  return finalise((Math.imul(previousHash ^ SEED_BIGRAM, 0x9e3779b1) ^ hash) >>> 0);
}
export const BIAS_FEATURE = 0x00000001;

/**
 * A review's polarity counts the features of its last sentence (the last holding a word or an emoji) this many times
 * more, when an earlier sentence holds features too: a review's verdict is often its last sentence ("Sending it
 * back.", "Aldrig mer."). Decision 010, session 17.
 */
export const LAST_SENTENCE_EXTRA = 1;
/**
 * A review's polarity counts the words (and bigrams) after a contrast word in their sentence ("Pretty, but the ruffles
 * are huge", "Snygg, men tyget nopprar") this many times more: what follows "but" is mostly the writer's verdict.
 * Decision 010, session 19.
 */
export const AFTER_CONTRAST_EXTRA = 1;
/**
 * A bigram (two words in a row within a clause) gets a weight when it occurs in at least this many training texts of
 * its language: at 2 the English tables grew by 17,000 bigrams and the layer's memory past its 30 MB, at 5 and at 10
 * the development figures were the same as at 2 (decision 010, session 17).
 */
export const BIGRAM_MIN_COUNT = 5;

/** Words after a negator that read as negated: "not very comfortable", "inte alls bra". */
export const NEGATION_SCOPE = 3;
const SUBWORD_LENGTH = 4;
const MIN_SUBWORD_WORD_LENGTH = 5;
const CHAR_BEFORE = 0x3c; // '<': word start
const CHAR_AFTER = 0x3e; // '>': word end

function finalise(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0 || 2; // 0 marks an empty slot in the model's table; 1 is the bias
}

function hashWord(seed: number, word: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function charAt(word: string, position: number): number {
  if (position < 0) return CHAR_BEFORE;
  if (position >= word.length) return CHAR_AFTER;
  return word.charCodeAt(position);
}

/** The seven features of the rule engine's verdict, hashed once (analysis asks for one per sentence it reads). */
const RULE_FEATURES = Uint32Array.from([0, 1, 2, 3, 4, 5, 6], (bucket) => finalise(SEED_RULE + bucket));

/** The rule engine's reading of a whole review: its squashed score, and the praise and the complaint it summed. */
export interface RuleReading {
  score: number;
  praise: number;
  complaint: number;
}

const SEED_RULE_BALANCE = 0x4d2f8a61;
/** Praise or complaint (the rules' summed weighted valences, each side apart) this large counts as much. */
const RULE_BALANCE_MUCH = 1.5;
const RULE_BALANCE_FEATURES = Uint32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8], (bucket) =>
  finalise(SEED_RULE_BALANCE + bucket),
);

function sideBucket(mass: number): number {
  if (mass <= 0) return 0;
  return mass < RULE_BALANCE_MUCH ? 1 : 2;
}

/**
 * The feature for how much praise and how much complaint the rules weighed in a review, each none, some or much (nine
 * features): the net score alone does not tell a review of strong praise and strong complaint from one of neither.
 * Beside `ruleFeature` wherever a review's verdict is read (since 2.17.0, decision 010, session 20).
 */
export function ruleBalanceFeature(praise: number, complaint: number): number {
  return RULE_BALANCE_FEATURES[sideBucket(praise) * 3 + sideBucket(complaint)];
}

/** The feature for the rule engine's verdict on a text or a sentence (its squashed score). */
export function ruleFeature(ruleScore: number): number {
  let bucket: number;
  if (ruleScore <= -0.5) bucket = 0;
  else if (ruleScore <= -0.2) bucket = 1;
  else if (ruleScore < 0) bucket = 2;
  else if (ruleScore === 0) bucket = 3;
  else if (ruleScore < 0.2) bucket = 4;
  else if (ruleScore < 0.5) bucket = 5;
  else bucket = 6;
  return RULE_FEATURES[bucket];
}

export interface FeatureBuffer {
  count: number;
  hashes: Uint32Array;
  /** 1 where the feature is a bigram (it has polarity weights only, in a table of its own). */
  bigrams: Uint8Array;
  /** 1 where a word's feature or a bigram comes after a contrast word of its sentence (`turnsSentence`). */
  afterContrast: Uint8Array;
  /** The sentence (counted as the rule engine counts them) each feature belongs to. */
  sentences: Int32Array;
  sentenceCount: number;
}

export function createFeatureBuffer(capacity = 1024): FeatureBuffer {
  return {
    count: 0,
    hashes: new Uint32Array(capacity),
    bigrams: new Uint8Array(capacity),
    afterContrast: new Uint8Array(capacity),
    sentences: new Int32Array(capacity),
    sentenceCount: 1,
  };
}

/**
 * What `walkFeatures` reports, token by token. Training collects feature hashes (`collectFeatures`);
 * analysis adds up weights word by word (model.ts), so both read exactly the same features.
 */
export interface FeatureSink {
  /** Sentence `sentence` begins (the first is 0); false stops the walk. */
  startSentence(sentence: number): boolean;
  /** A feature of no word of its own (an emoji, a scare quote) in sentence `sentence`. */
  feature(feature: number, sentence: number): void;
  /** The feature of a word and the word before it in its clause; null for a sink that reads no polarity. */
  bigram: ((feature: number, sentence: number) => void) | null;
  /** A word, negated or not; sets `negates` when the word is a negator and `turns` when it turns its sentence. */
  word(word: string, negated: boolean, sentence: number): void;
  negates: boolean;
  turns: boolean;
  /** Set by the walk before `bigram` and `word`: a contrast word came before them in their sentence. */
  afterContrast: boolean;
}

/** The feature of a scare quote ('the "indestructible" toy'), once a quote, in the sentence of its first word. */
export const QUOTE_FEATURE = finalise(SEED_QUOTE);

/**
 * Which short quote (QuotedSpans) a word starting at `position` opens, or -1: the first word inside a quote not met
 * before. `cursor` keeps [the span looked at, the last span reported] between the words of one walk.
 */
export function quoteOpenedAt(quotes: QuotedSpans, position: number, cursor: Int32Array): number {
  let q = cursor[0];
  while (q < quotes.count && quotes.closes[q] < position) q++;
  cursor[0] = q;
  if (q >= quotes.count || quotes.opens[q] > position || cursor[1] === q) return -1;
  cursor[1] = q;
  return q;
}

/** Walks scanned tokens the way the rule engine counts sentences; returns the sentence count (-1: stopped). */
export function walkFeatures(tokens: TokenBuffer, sink: FeatureSink, quotes: QuotedSpans | null = null): number {
  let sentence = 0;
  let negationLeft = 0;
  let previous = 0;
  let hasPrevious = false;
  let afterContrast = false;
  quoteCursor[0] = 0;
  quoteCursor[1] = -1;
  if (!sink.startSentence(0)) return -1;
  for (let t = 0; t < tokens.count; t++) {
    const kind = tokens.kinds[t];
    if (kind === TOKEN_SENTENCE_END || kind === TOKEN_CLAUSE_BREAK) {
      if (kind === TOKEN_SENTENCE_END && !sink.startSentence(++sentence)) return -1;
      negationLeft = 0;
      hasPrevious = false;
      if (kind === TOKEN_SENTENCE_END) afterContrast = false;
    } else if (kind === TOKEN_EMOJI) {
      sink.feature(emojiFeature(tokens.words[t]), sentence);
    } else if (kind === TOKEN_WORD) {
      if (quotes !== null && quotes.count > 0 && quoteOpenedAt(quotes, tokens.starts[t], quoteCursor) >= 0)
        sink.feature(QUOTE_FEATURE, sentence);
      sink.negates = false;
      sink.turns = false;
      sink.afterContrast = afterContrast;
      if (sink.bigram !== null) {
        const hash = wordHash(tokens.words[t]);
        if (hasPrevious) sink.bigram(bigramFeature(previous, hash), sentence);
        previous = hash;
        hasPrevious = true;
      }
      sink.word(tokens.words[t], negationLeft > 0, sentence);
      if (negationLeft > 0) negationLeft--;
      if (sink.negates) negationLeft = NEGATION_SCOPE;
      if (sink.turns) afterContrast = true;
    }
  }
  return sentence + 1;
}

const quoteCursor = new Int32Array(2);

function push(out: FeatureBuffer, hash: number, sentence: number, bigram: number, afterContrast: number): void {
  if (out.count === out.hashes.length) {
    const capacity = Math.max(16, out.hashes.length * 2);
    const hashes = new Uint32Array(capacity);
    hashes.set(out.hashes);
    const bigrams = new Uint8Array(capacity);
    bigrams.set(out.bigrams);
    const after = new Uint8Array(capacity);
    after.set(out.afterContrast);
    out.afterContrast = after;
    const sentences = new Int32Array(capacity);
    sentences.set(out.sentences);
    out.hashes = hashes;
    out.bigrams = bigrams;
    out.sentences = sentences;
  }
  out.hashes[out.count] = hash;
  out.bigrams[out.count] = bigram;
  out.afterContrast[out.count] = afterContrast;
  out.sentences[out.count] = sentence;
  out.count++;
}

const collector = {
  out: createFeatureBuffer(0),
  pack: null as CompiledLanguagePack | null,
  negates: false,
  turns: false,
  afterContrast: false,
  startSentence: (): boolean => true,
  feature(feature: number, sentence: number): void {
    push(collector.out, feature, sentence, 0, 0);
  },
  bigram: (feature: number, sentence: number): void => {
    push(collector.out, feature, sentence, 1, collector.afterContrast ? 1 : 0);
  },
  word(word: string, negated: boolean, sentence: number): void {
    const after = collector.afterContrast ? 1 : 0;
    for (const hash of wordFeatureHashes(word, negated)) push(collector.out, hash, sentence, 0, after);
    const entry = collector.pack?.resolve(word) ?? null;
    collector.negates = entry?.role === ROLE_NEGATOR;
    collector.turns = turnsSentence(entry);
  },
};

const collectorQuotes = tokenizer.createQuotedSpans();

/**
 * Fills `out` with the features of already scanned tokens (scanned from `text`, whose quotes they do not keep);
 * `pack` tells which words negate.
 */
export function collectFeatures(
  tokens: TokenBuffer,
  pack: CompiledLanguagePack,
  out: FeatureBuffer,
  text: string,
): void {
  out.count = 0;
  collector.out = out;
  collector.pack = pack;
  tokenizer.findQuotedSpans(text, collectorQuotes, tokens);
  out.sentenceCount = walkFeatures(tokens, collector, collectorQuotes);
}

/**
 * What one word adds to a sentence: its unigram and character 4-grams, plain and negated, beside the
 * lexicon's entry for it, so analysis looks a word up once for both the rules and the model.
 */
export interface WordContribution {
  negator: boolean;
  entry: LexEntry | null;
  /** Whether `plain` and `negated` were worked out (only analysis with the learned layer needs them). */
  weighed: boolean;
  plain: Float32Array | null;
  negated: Float32Array | null;
}

/** The weights a model gives the features `collectFeatures` would emit for `word` (null: none). */
export type FeatureWeights = (hashes: number[]) => Float32Array | null;

/** The hashes of a word's features, in the order `collectFeatures` emits them. */
export function wordFeatureHashes(word: string, negated: boolean): number[] {
  const hashes = [finalise(hashWord(0, word) ^ (negated ? SEED_NEGATED : SEED_WORD))];
  if (word.length >= MIN_SUBWORD_WORD_LENGTH) {
    for (let from = -1; from + SUBWORD_LENGTH <= word.length + 1; from++) {
      let h = (0x811c9dc5 ^ SEED_SUBWORD) >>> 0;
      for (let k = 0; k < SUBWORD_LENGTH; k++) {
        h ^= charAt(word, from + k);
        h = Math.imul(h, 0x01000193);
      }
      hashes.push(finalise(h));
    }
  }
  return hashes;
}

/** What `word` means to the rules in `pack`; its weights are added by `weighWord` when first needed. */
export function describeWord(word: string, pack: CompiledLanguagePack): WordContribution {
  const entry = pack.resolve(word);
  return { negator: entry?.role === ROLE_NEGATOR, entry, weighed: false, plain: null, negated: null };
}

/** Adds a model's summed feature weights to a word's reading. */
export function weighWord(word: string, reading: WordContribution, weightsOf: FeatureWeights): void {
  reading.plain = weightsOf(wordFeatureHashes(word, false));
  reading.negated = weightsOf(wordFeatureHashes(word, true));
  reading.weighed = true;
}

/** A 32-bit hash of any text under a seed (training orders its examples by it). */
export function hashText(seed: number, text: string): number {
  return finalise(hashWord(seed, text));
}

export function emojiFeature(symbol: string): number {
  return finalise(hashWord(SEED_EMOJI, symbol));
}
