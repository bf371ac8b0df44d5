import * as packRegistry from "./language-packs";
import { languageHints, languagePacks } from "./language-packs";
import * as tokenizer from "./tokenizer";
import { createTokenBuffer, scanTokens, type TokenBuffer } from "./tokenizer";
import { addWord, createWordTable, findWord, internalized, wordHash, type WordTable } from "./word-table";
import type { LanguageGuess } from "./types";
import type { CompiledLanguagePack, LexEntry } from "./compiled-lexicon";
import { ROLE_NEGATOR as ROLE_NEGATOR_IMPORTED, turnsSentence } from "./compiled-lexicon";
import { learnedWeightsVersion } from "./learned/model";

/** Module-local copies: under tsx every read of an imported binding goes through a getter. */
const TOKEN_WORD = tokenizer.TOKEN_WORD;
const languagePacksVersion = packRegistry.languagePacksVersion;
const ROLE_NEGATOR = ROLE_NEGATOR_IMPORTED;

/** Enough words to decide; long reviews do not need every word read twice. */
const WORDS_TO_READ = 24;
/** Stop reading once one language leads this clearly (checked every few words). */
const DECISIVE_EVIDENCE = 2.5;
const DECISIVE_LEAD = 3;
const FUNCTION_WORD_WEIGHT = 1;
/** Lexicon words ("snygg", "gorgeous") are weaker evidence than function words but decide "Toppen!". */
const LEXICON_WORD_WEIGHT = 0.6;
const LETTER_WEIGHT = 0.5;
const MAX_LETTER_EVIDENCE = 3;
const LETTER_TABLE_SIZE = 0x250;

/** Sparse: most words belong to one to three languages, so only those are stored. */
export interface WordEvidence {
  languages: Int32Array;
  weights: Float64Array;
}

interface DetectionTables {
  languages: string[];
  wordWeights: Map<string, WordEvidence>;
  /** Indexed by char code below LETTER_TABLE_SIZE: a Map lookup per character was measurable. */
  letterWeights: Array<Float64Array | undefined>;
  version: number;
}

let tables: DetectionTables | null = null;

/**
 * Everything the engine knows about one word, looked up once a word of a review: its evidence for language
 * detection here, and per language pack what the rules and the learned layer read in it in the memo's
 * `PackColumns` at the record's `index` (filled on first use).
 */
export interface WordRecord {
  word: string;
  /** `wordHash(word)`: the memo is a tokenizer WordTable, so the engine's scan finds a word's record itself. */
  hash: number;
  /** The record's index in the memo's list: its row in every pack's columns. */
  index: number;
  evidence: WordEvidence | null;
}

/** `PackColumns.state`: nothing read in the pack yet; the entry and flags; and the model's sums too. */
export const WORD_UNREAD = 0;
export const WORD_READ = 1;
export const WORD_WEIGHED = 2;
/**
 * `PackColumns.flags`: the word is a negator; it has plain sums; it has negated sums (else they are zeros); it turns
 * its sentence (`turnsSentence`).
 */
export const FLAG_NEGATOR = 1;
export const FLAG_PLAIN = 2;
export const FLAG_NEGATED = 4;
export const FLAG_TURNS = 8;
/**
 * `PackColumns.rows` per word: the model's fifteen plain sums (polarity and topics), then the fifteen negated ones. The
 * factual output is summed only for the reviews that need it (learned/model.ts, `factualSum`).
 */
export const ROW_WIDTH = 30;

/**
 * What one language pack reads in each remembered word, indexed by the record's `index`: typed arrays (and one
 * array of entries) the analysis reads a word from with one index, where a record's own readings cost four
 * dependent loads a word (record, reading, entry, sums). The arrays grow with the memo; read them through the
 * object, since growing replaces them.
 */
export interface PackColumns {
  /** WORD_UNREAD, WORD_READ or WORD_WEIGHED (by the pack's model; a pack has one model). */
  state: Uint8Array;
  entries: (LexEntry | null)[];
  flags: Uint8Array;
  /** Empty until the pack's model weighs a word (the rules alone never need it), then ROW_WIDTH a record. */
  rows: Float32Array;
}

/** Words remembered; past this the memo starts afresh (reviews reuse a modest vocabulary). */
const MAX_REMEMBERED_WORDS = 25_000;

/**
 * The remembered words: open addressing over a hash of the word's characters computed in compiled code
 * (a Map keyed by the tokenizer's fresh strings cost more than the rest of a word's reading: the engine
 * hashed every new string object through the runtime). The analysis hands the table to the scanner
 * (`recordTable`), which finds a known word's record from the review's text without making its string.
 * `columns[packSlot(pack)]` holds what each pack reads in the words.
 */
interface RecordTable extends WordTable<WordRecord> {
  columns: (PackColumns | undefined)[];
  /** Each record's `hash` by its index (the learned layer's bigrams read it a word, without the record). */
  hashes: Int32Array;
  /**
   * Each record's detection evidence by its index, so detection reads a word from two typed arrays: the one language
   * it is evidence for (`evidenceWeight` how much), EVIDENCE_NONE, or EVIDENCE_SHARED for a word of several languages
   * (read from the record's `evidence`).
   */
  evidenceLanguage: Int32Array;
  evidenceWeight: Float64Array;
  /** Rows every pack's columns (and `hashes` and the evidence arrays) have room for. */
  columnCapacity: number;
}

function emptyRecordTable(): RecordTable {
  return {
    ...createWordTable<WordRecord>(),
    columns: [],
    hashes: new Int32Array(1024),
    evidenceLanguage: new Int32Array(1024),
    evidenceWeight: new Float64Array(1024),
    columnCapacity: 1024,
  };
}

function emptyColumns(capacity: number): PackColumns {
  return {
    state: new Uint8Array(capacity),
    entries: new Array<LexEntry | null>(capacity).fill(null),
    flags: new Uint8Array(capacity),
    rows: new Float32Array(0),
  };
}

/** A copy of `array` `length` long (the rest zeros): the columns grow by replacing their arrays. */
function grown<T extends Uint8Array | Int32Array | Float32Array | Float64Array>(array: T, length: number): T {
  const copy = new (array.constructor as new (size: number) => T)(length);
  copy.set(array as ArrayLike<number>);
  return copy;
}

function growColumns(table: RecordTable): void {
  const capacity = table.columnCapacity * 2;
  table.hashes = grown(table.hashes, capacity);
  table.evidenceLanguage = grown(table.evidenceLanguage, capacity);
  table.evidenceWeight = grown(table.evidenceWeight, capacity);
  for (const columns of table.columns) {
    if (!columns) continue;
    columns.state = grown(columns.state, capacity);
    while (columns.entries.length < capacity) columns.entries.push(null);
    columns.flags = grown(columns.flags, capacity);
    if (columns.rows.length > 0) columns.rows = grown(columns.rows, capacity * ROW_WIDTH);
  }
  table.columnCapacity = capacity;
}

const EVIDENCE_NONE = -1;
const EVIDENCE_SHARED = -2;

let records = emptyRecordTable();
let recordsWeightsVersion = 0;
const packSlots = new WeakMap<object, number>();
let packSlotCount = 0;

function currentTables(): DetectionTables {
  if (!tables || tables.version !== languagePacksVersion()) {
    // A registered pack changes what words mean: the tables and every remembered reading start afresh.
    tables = buildTables();
    records = emptyRecordTable();
  }
  return tables;
}

/**
 * The tables brought up to date at the start of a call (an analysis, a detection): the memo starts afresh here
 * when full, never within a call, whose tokens keep their records' indexes into the columns.
 */
function startCall(): DetectionTables {
  const current = currentTables();
  // Other learned weights (evaluation swaps them) make every remembered word's model sums stale.
  if (records.list.length >= MAX_REMEMBERED_WORDS || recordsWeightsVersion !== learnedWeightsVersion()) {
    records = emptyRecordTable();
    recordsWeightsVersion = learnedWeightsVersion();
  }
  return current;
}

function recordOf(word: string, wordWeights: Map<string, WordEvidence>): WordRecord {
  const hash = wordHash(word);
  const found = findWord(records, word, hash);
  if (found !== null) return found;
  const record: WordRecord = {
    word: internalized(word),
    hash,
    index: records.list.length,
    evidence: wordWeights.get(word) ?? null,
  };
  addWord(records, record);
  if (records.list.length > records.columnCapacity) growColumns(records);
  records.hashes[record.index] = hash;
  const evidence = record.evidence;
  records.evidenceLanguage[record.index] =
    evidence === null ? EVIDENCE_NONE : evidence.languages.length === 1 ? evidence.languages[0] : EVIDENCE_SHARED;
  records.evidenceWeight[record.index] = evidence !== null && evidence.languages.length === 1 ? evidence.weights[0] : 0;
  return record;
}

/** The memo hash (`wordHash`) of the remembered word at `index`. */
export function recordHashAt(index: number): number {
  return records.hashes[index];
}

/** The record of a word (lower-cased, as the tokenizer gives it). */
export function wordRecord(word: string): WordRecord {
  return recordOf(word, startCall().wordWeights);
}

/**
 * The word memo, for `scanTokens` to intern a review's words in (the tables brought up to date, and the memo
 * started afresh when full, first: call it once at the start of an analysis).
 */
export function recordTable(): WordTable {
  startCall();
  return records;
}

/** What `pack` (of slot `slot`) reads in the memo's words (see `recordTable`; the same for a whole analysis). */
export function packColumns(slot: number): PackColumns {
  let columns = records.columns[slot];
  if (columns === undefined) {
    while (records.columns.length <= slot) records.columns.push(undefined);
    columns = emptyColumns(records.columnCapacity);
    records.columns[slot] = columns;
  }
  return columns;
}

/** Fills `columns` at `index` with what `pack` reads in `word` (its entry, and whether it negates). */
export function describeInPack(columns: PackColumns, index: number, word: string, pack: CompiledLanguagePack): void {
  const entry = pack.resolve(word);
  columns.entries[index] = entry;
  columns.flags[index] = (entry?.role === ROLE_NEGATOR ? FLAG_NEGATOR : 0) | (turnsSentence(entry) ? FLAG_TURNS : 0);
  columns.state[index] = WORD_READ;
}

/**
 * The record of word token `t`: the one the scan found (when `buffer` was scanned with `recordTable()`), else
 * looked up (and remembered in the buffer, so a token is looked up once).
 */
export function recordAt(buffer: TokenBuffer, t: number): WordRecord {
  if (buffer.internedIn !== null) {
    const found = buffer.interned[t];
    if (found !== null) return found as WordRecord;
    const record = recordOf(buffer.words[t], currentTables().wordWeights);
    buffer.interned[t] = record;
    buffer.internedIndex[t] = record.index;
    return record;
  }
  return recordOf(buffer.words[t], currentTables().wordWeights);
}

/** The index of word token `t`'s record (its row in the memo's columns); see `recordAt`. */
export function recordIndexAt(buffer: TokenBuffer, t: number): number {
  if (buffer.internedIn !== null) {
    const index = buffer.internedIndex[t];
    if (index >= 0) return index;
  }
  return recordAt(buffer, t).index;
}

let lastSlotPack: object | null = null;
let lastSlot = -1;

/** A language pack's index into the memo's columns. */
export function packSlot(pack: object): number {
  // The last pack asked about first: a WeakMap look-up a review was measurable.
  if (pack === lastSlotPack) return lastSlot;
  let slot = packSlots.get(pack);
  if (slot === undefined) {
    slot = packSlotCount++;
    packSlots.set(pack, slot);
  }
  lastSlotPack = pack;
  lastSlot = slot;
  return slot;
}

function addWeight(
  table: Map<string, Float64Array>,
  word: string,
  language: number,
  weight: number,
  width: number,
): void {
  let weights = table.get(word);
  if (!weights) {
    weights = new Float64Array(width);
    table.set(word, weights);
  }
  weights[language] += weight;
}

function buildTables(): DetectionTables {
  const packs = languagePacks();
  const languages = [...new Set([...Object.keys(languageHints.languages), ...packs.keys()])];
  const width = languages.length;
  const wordWeights = new Map<string, Float64Array>();

  // A word shared by k languages is weak evidence for each of them: 1/k.
  const functionWordLanguages = new Map<string, number[]>();
  languages.forEach((lang, index) => {
    for (const word of languageHints.languages[lang]?.words ?? []) {
      const list = functionWordLanguages.get(word) ?? [];
      list.push(index);
      functionWordLanguages.set(word, list);
    }
  });
  for (const [word, owners] of functionWordLanguages) {
    for (const owner of owners) addWeight(wordWeights, word, owner, FUNCTION_WORD_WEIGHT / owners.length, width);
  }

  const lexiconWordLanguages = new Map<string, number[]>();
  for (const [lang, pack] of packs) {
    const index = languages.indexOf(lang);
    for (const word of pack.knownWords()) {
      if (word.length < 3 || !/^\p{L}+$/u.test(word)) continue;
      const list = lexiconWordLanguages.get(word) ?? [];
      list.push(index);
      lexiconWordLanguages.set(word, list);
    }
  }
  for (const [word, owners] of lexiconWordLanguages) {
    if (owners.length === 1 && !functionWordLanguages.has(word))
      addWeight(wordWeights, word, owners[0], LEXICON_WORD_WEIGHT, width);
  }

  const letterWeights = new Array<Float64Array | undefined>(LETTER_TABLE_SIZE).fill(undefined);
  const letterOwners = new Map<number, number[]>();
  languages.forEach((lang, index) => {
    for (const letter of languageHints.languages[lang]?.letters ?? "") {
      const code = letter.charCodeAt(0);
      const list = letterOwners.get(code) ?? [];
      list.push(index);
      letterOwners.set(code, list);
    }
  });
  for (const [code, owners] of letterOwners) {
    const weights = new Float64Array(width);
    for (const owner of owners) weights[owner] = LETTER_WEIGHT / owners.length;
    if (code < LETTER_TABLE_SIZE) letterWeights[code] = weights;
  }
  const sparseWeights = new Map<string, WordEvidence>();
  for (const [word, dense] of wordWeights) {
    const owners: number[] = [];
    dense.forEach((weight, index) => {
      if (weight !== 0) owners.push(index);
    });
    sparseWeights.set(word, {
      languages: Int32Array.from(owners),
      weights: Float64Array.from(owners.map((index) => dense[index])),
    });
  }
  return { languages, wordWeights: sparseWeights, letterWeights, version: languagePacksVersion() };
}

/** Below this much evidence from word lists, the language packs are consulted too. */
const CONFIDENT_EVIDENCE = 2.5;
const PACK_WORDS_TO_READ = 20;
const PACK_WORD_WEIGHT = 0.6;

/**
 * The leading language while detection reads (totals only grow): `best` is the largest total, at `index`, and
 * `second` the largest of the others, so whether the text is decided is two comparisons rather than a pass over
 * every language every other word. Equal totals give the same `best` and `second` as sorting would.
 */
const lead = { index: -1, best: 0, second: 0 };

function resetLead(): void {
  lead.index = -1;
  lead.best = 0;
  lead.second = 0;
}

/** Adds `amount` (>= 0) to language `l`'s total and keeps `lead` up to date. */
function addEvidence(totals: Float64Array, l: number, amount: number): void {
  const value = (totals[l] += amount);
  if (l === lead.index) lead.best = value;
  else if (value > lead.best) {
    lead.second = lead.best;
    lead.best = value;
    lead.index = l;
  } else if (value > lead.second) lead.second = value;
}

function isDecided(): boolean {
  return lead.best >= DECISIVE_EVIDENCE && lead.best >= DECISIVE_LEAD * lead.second;
}

/** The packs with their index into the detection tables' languages, made again when the packs change. */
let packList: { version: number; packs: { index: number; pack: CompiledLanguagePack; slot: number }[] } | null = null;

function packsWithIndex(languages: string[]): { index: number; pack: CompiledLanguagePack; slot: number }[] {
  if (!packList || packList.version !== languagePacksVersion()) {
    packList = {
      version: languagePacksVersion(),
      packs: [...languagePacks()].map(([lang, pack]) => ({
        index: languages.indexOf(lang),
        pack,
        slot: packSlot(pack),
      })),
    };
  }
  return packList.packs;
}

/**
 * Asks every pack which of the first words it recognises. A word's reading in a pack is the one the
 * analysis uses (`packColumns`), worked out once and remembered, so asking costs a look-up.
 */
function addPackEvidence(buffer: TokenBuffer, languages: string[], totals: Float64Array): void {
  const packs = packsWithIndex(languages);
  let wordsRead = 0;
  for (let i = 0; i < buffer.count && wordsRead < PACK_WORDS_TO_READ; i++) {
    if (buffer.kinds[i] !== TOKEN_WORD) continue;
    wordsRead++;
    const index = recordIndexAt(buffer, i);
    let recognised = 0;
    for (let p = 0; p < packs.length; p++) {
      const { pack, slot } = packs[p];
      const columns = packColumns(slot);
      if (columns.state[index] === WORD_UNREAD) describeInPack(columns, index, buffer.words[i], pack);
      const entry = columns.entries[index];
      if (entry && (entry.valence !== 0 || entry.topic >= 0 || entry.role !== 0)) recognised |= 1 << p;
    }
    if (recognised === 0) continue;
    let count = 0;
    for (let p = 0; p < packs.length; p++) if (recognised & (1 << p)) count++;
    for (let p = 0; p < packs.length; p++)
      if (recognised & (1 << p)) totals[packs[p].index] += PACK_WORD_WEIGHT / count;
  }
}

const scores: { values: Float64Array } = { values: new Float64Array(0) };

const sharedGuess: LanguageGuess = { lang: "unknown", confidence: 0 };

/**
 * Language of already-scanned tokens (so the text is scanned once), in an object the next call reuses: the analysis
 * reads it at once, and a fresh object a review was measurable (`detectLanguage` copies it).
 */
export function guessLanguageOfTokens(buffer: TokenBuffer): Readonly<LanguageGuess> {
  const { languages, letterWeights } = currentTables();
  if (scores.values.length !== languages.length) scores.values = new Float64Array(languages.length);
  const totals = scores.values;
  for (let l = 0; l < totals.length; l++) totals[l] = 0;
  resetLead();
  let letterEvidence = 0;
  let wordsRead = 0;
  let i = 0;
  for (; i < buffer.count && wordsRead < WORDS_TO_READ; i++) {
    if (buffer.kinds[i] !== TOKEN_WORD) continue;
    wordsRead++;
    const index = recordIndexAt(buffer, i);
    const owner = records.evidenceLanguage[index];
    if (owner >= 0) addEvidence(totals, owner, records.evidenceWeight[index]);
    else if (owner === EVIDENCE_SHARED) {
      const evidence = records.list[index].evidence as WordEvidence;
      const owners = evidence.languages;
      for (let k = 0; k < owners.length; k++) addEvidence(totals, owners[k], evidence.weights[k]);
    }
    if ((wordsRead & 1) === 0 && isDecided()) {
      i++;
      break;
    }
    if (buffer.nonAscii[i] === 1 && letterEvidence < MAX_LETTER_EVIDENCE) {
      const word = buffer.words[i];
      for (let c = 0; c < word.length; c++) {
        const code = word.charCodeAt(c);
        const letter = code < LETTER_TABLE_SIZE ? letterWeights[code] : undefined;
        if (!letter) continue;
        for (let l = 0; l < totals.length; l++) addEvidence(totals, l, letter[l]);
        letterEvidence++;
      }
    }
  }
  // Short or unusual texts ("Kundtjänsten var jättetrevlig!"): ask each language pack, whose
  // stems and compounds recognise words no list of function words holds.
  if (lead.best < CONFIDENT_EVIDENCE) addPackEvidence(buffer, languages, totals);
  let best = 0;
  let second = -1;
  for (let l = 1; l < totals.length; l++) {
    if (totals[l] > totals[best]) {
      second = best;
      best = l;
    } else if (second === -1 || totals[l] > totals[second]) {
      second = l;
    }
  }
  const bestScore = totals[best];
  if (bestScore < languageHints.minimumEvidence) {
    sharedGuess.lang = "unknown";
    sharedGuess.confidence = 0;
    return sharedGuess;
  }
  const runnerUp = second >= 0 ? totals[second] : 0;
  const margin = (bestScore - runnerUp) / bestScore;
  const amount = Math.min(1, bestScore / 4);
  sharedGuess.lang = languages[best];
  sharedGuess.confidence = Math.round(margin * amount * 100) / 100;
  return sharedGuess;
}

const detectionBuffer = createTokenBuffer();

export function detectLanguage(text: string): LanguageGuess {
  startCall();
  scanTokens(text, detectionBuffer);
  const guess = guessLanguageOfTokens(detectionBuffer);
  return { lang: guess.lang, confidence: guess.confidence };
}
