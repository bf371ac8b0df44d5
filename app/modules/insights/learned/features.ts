/**
 * Features of the learned layer: hashed word unigrams (marked when a negator governs them), word
 * bigrams, character 4-grams of longer words (Swedish compounds and inflections share them) and
 * emoji, each tagged with the sentence it came from. Training and analysis both call
 * `collectFeatures`, so the model sees exactly the features it was trained on.
 *
 * Hashes are 32-bit FNV-1a with a murmur finaliser: plain integer arithmetic, the same on every
 * machine, so a retrained model is byte-for-byte the same file.
 */
import { ROLE_NEGATOR, type CompiledLanguagePack } from "../compiled-lexicon";
import { TOKEN_CLAUSE_BREAK, TOKEN_EMOJI, TOKEN_SENTENCE_END, TOKEN_WORD, type TokenBuffer } from "../tokenizer";

const SEED_WORD = 0x1b873593;
const SEED_NEGATED = 0x2f1a6b3d;
const SEED_BIGRAM = 0x5bd1e995;
const SEED_SUBWORD = 0x68e31da4;
const SEED_EMOJI = 0x3c6ef372;
const SEED_RULE = 0x7a4b2c19;
export const BIAS_FEATURE = 0x00000001;

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

function combine(seed: number, a: number, b: number): number {
  return finalise(Math.imul(a ^ seed, 0x01000193) ^ Math.imul(b, 0x5bd1e995) ^ (b >>> 15));
}

function charAt(word: string, position: number): number {
  if (position < 0) return CHAR_BEFORE;
  if (position >= word.length) return CHAR_AFTER;
  return word.charCodeAt(position);
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
  return finalise(SEED_RULE + bucket);
}

export interface FeatureBuffer {
  count: number;
  hashes: Uint32Array;
  /** The sentence (counted as the rule engine counts them) each feature belongs to. */
  sentences: Int32Array;
  sentenceCount: number;
  /** Character offsets of each sentence's first and last word or emoji (-1 when it has none). */
  sentenceStart: number[];
  sentenceEnd: number[];
}

export function createFeatureBuffer(capacity = 1024): FeatureBuffer {
  return {
    count: 0,
    hashes: new Uint32Array(capacity),
    sentences: new Int32Array(capacity),
    sentenceCount: 1,
    sentenceStart: [],
    sentenceEnd: [],
  };
}

function push(out: FeatureBuffer, hash: number, sentence: number): void {
  if (out.count === out.hashes.length) {
    const hashes = new Uint32Array(out.hashes.length * 2);
    hashes.set(out.hashes);
    const sentences = new Int32Array(out.sentences.length * 2);
    sentences.set(out.sentences);
    out.hashes = hashes;
    out.sentences = sentences;
  }
  out.hashes[out.count] = hash;
  out.sentences[out.count] = sentence;
  out.count++;
}

/**
 * Fills `out` with the features of already scanned tokens; `pack` tells which words negate.
 * model.ts `accumulateSentences` is the fast path of the same walk for analysis; a test holds them equal.
 */
export function collectFeatures(tokens: TokenBuffer, pack: CompiledLanguagePack, out: FeatureBuffer): void {
  out.count = 0;
  let sentence = 0;
  let previousWord = 0;
  let negationLeft = 0;
  out.sentenceStart[0] = -1;
  out.sentenceEnd[0] = -1;
  for (let t = 0; t < tokens.count; t++) {
    const kind = tokens.kinds[t];
    if (kind === TOKEN_SENTENCE_END) {
      sentence++;
      out.sentenceStart[sentence] = -1;
      out.sentenceEnd[sentence] = -1;
      previousWord = 0;
      negationLeft = 0;
      continue;
    }
    if (kind === TOKEN_CLAUSE_BREAK) {
      previousWord = 0;
      negationLeft = 0;
      continue;
    }
    const word = tokens.words[t];
    if (kind === TOKEN_WORD || kind === TOKEN_EMOJI) {
      if (out.sentenceStart[sentence] < 0) out.sentenceStart[sentence] = tokens.starts[t];
      out.sentenceEnd[sentence] = tokens.ends[t];
    }
    if (kind === TOKEN_EMOJI) {
      push(out, emojiFeature(word), sentence);
      continue;
    }
    if (kind !== TOKEN_WORD) continue;
    const wordHash = hashWord(0, word);
    for (const hash of wordFeatureHashes(word, negationLeft > 0)) push(out, hash, sentence);
    if (previousWord !== 0) push(out, bigramFeature(previousWord, wordHash), sentence);
    previousWord = wordHash;
    if (negationLeft > 0) negationLeft--;
    if (pack.resolve(word)?.role === ROLE_NEGATOR) negationLeft = NEGATION_SCOPE;
  }
  out.sentenceCount = sentence + 1;
}

/** What one word adds to a sentence: its unigram and character 4-grams, plain and negated. */
export interface WordContribution {
  hash: number;
  negator: boolean;
  plain: Float32Array | null;
  negated: Float32Array | null;
}

/** The weights a model gives the features `collectFeatures` would emit for `word` (null: none). */
export type FeatureWeights = (hashes: number[]) => Float32Array | null;

/** The hashes of a word's features other than bigrams, in the order `collectFeatures` emits them. */
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

export function describeWord(word: string, pack: CompiledLanguagePack, weightsOf: FeatureWeights): WordContribution {
  return {
    hash: hashWord(0, word),
    negator: pack.resolve(word)?.role === ROLE_NEGATOR,
    plain: weightsOf(wordFeatureHashes(word, false)),
    negated: weightsOf(wordFeatureHashes(word, true)),
  };
}

/** A 32-bit hash of any text under a seed (training orders its examples by it). */
export function hashText(seed: number, text: string): number {
  return finalise(hashWord(seed, text));
}

export function bigramFeature(previousWord: number, wordHash: number): number {
  return combine(SEED_BIGRAM, previousWord, wordHash);
}

export function emojiFeature(symbol: string): number {
  return finalise(hashWord(SEED_EMOJI, symbol));
}
