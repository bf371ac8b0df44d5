/**
 * One pass over the review text that yields words (lower-cased, with offsets), emoji, and the
 * sentence and clause boundaries the analysis needs. It writes into reusable typed arrays so that
 * analysing a review allocates little more than the word strings themselves.
 */

import type { InternedWord, WordTable } from "./word-table";

export const TOKEN_WORD = 1;
export const TOKEN_EMOJI = 2;
export const TOKEN_SENTENCE_END = 3;
export const TOKEN_CLAUSE_BREAK = 4;

const CLASS_OTHER = 0;
const CLASS_LETTER = 1;
const CLASS_DIGIT = 2;
const CLASS_APOSTROPHE = 3;
const CLASS_HYPHEN = 4;
const CLASS_SENTENCE_END = 5;
const CLASS_CLAUSE_BREAK = 6;
const CLASS_NEWLINE = 7;
const CLASS_EMOJI = 8;
const CLASS_EMOTICON_START = 9;

const LOW_CLASS_LIMIT = 0x2000;
const lowCharClass = buildLowCharClassTable();

function buildLowCharClassTable(): Uint8Array {
  const table = new Uint8Array(LOW_CLASS_LIMIT);
  const letter = /\p{L}|\p{M}/u;
  for (let code = 0; code < LOW_CLASS_LIMIT; code++) {
    const ch = String.fromCharCode(code);
    if (code >= 48 && code <= 57) table[code] = CLASS_DIGIT;
    else if (letter.test(ch)) table[code] = CLASS_LETTER;
  }
  table[39] = CLASS_APOSTROPHE; // '
  table[45] = CLASS_HYPHEN;
  for (const ch of ".!?") table[ch.charCodeAt(0)] = CLASS_SENTENCE_END;
  for (const ch of ',;()[]{}"') table[ch.charCodeAt(0)] = CLASS_CLAUSE_BREAK;
  table[10] = CLASS_NEWLINE;
  table[13] = CLASS_NEWLINE;
  for (const ch of ":;=<x") table[ch.charCodeAt(0)] = table[ch.charCodeAt(0)] || CLASS_EMOTICON_START;
  table[0x3b] = CLASS_CLAUSE_BREAK; // ';' is mostly a clause break; emoticons starting with it are rare
  return table;
}

function highCharClass(code: number): number {
  if (code === 0x2019 || code === 0x2018) return CLASS_APOSTROPHE;
  if (code === 0x2026) return CLASS_SENTENCE_END; // …
  if (code === 0x2013 || code === 0x2014) return CLASS_CLAUSE_BREAK; // – —
  if (code === 0x201c || code === 0x201d) return CLASS_CLAUSE_BREAK;
  if (code < 0x2070) return CLASS_OTHER;
  if (code >= 0xd800 && code <= 0xdbff) return CLASS_EMOJI; // astral plane: emoji mostly
  if ((code >= 0x2190 && code <= 0x2bff) || code === 0x3030) return CLASS_EMOJI;
  if (code === 0xfe0f || code === 0x200d) return CLASS_OTHER;
  if (code >= 0xdc00 && code <= 0xdfff) return CLASS_OTHER;
  return CLASS_LETTER;
}

/** Latin-1 capitals (À..Þ) and anything beyond Latin-1 may have a lower-case form. */
function needsLoweringAbove127(code: number): number {
  if (code < 0xc0) return 0;
  if (code <= 0xde) return code === 0xd7 ? 0 : 1;
  return code > 0xff ? 1 : 0;
}

function charClassAt(code: number): number {
  return code < LOW_CLASS_LIMIT ? lowCharClass[code] : highCharClass(code);
}

export interface TokenBuffer {
  count: number;
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  /** For words: lower-cased text. For emoji and emoticons: the base symbol. Otherwise "". */
  words: string[];
  /** For sentence ends: how many "!" they had. For words: 1 when written in capitals. */
  marks: Uint8Array;
  /** 1 when the word has letters outside ASCII (cheap hint for language detection). */
  nonAscii: Uint8Array;
  /**
   * The table the last scan interned words in (`scanTokens`'s third argument), else null. When set,
   * `interned[t]` is word token t's entry in it (kept for word tokens only), or null where the word took the
   * string path (a word the table lacks, or one `scanInternedWord` leaves to `toLowerCase`); `words[t]` is the
   * entry's own string where there is one.
   */
  internedIn: WordTable | null;
  interned: (InternedWord | null)[];
  /** `interned[t]`'s index in `internedIn.list` (-1 where `interned[t]` is null): per-word columns are read by it. */
  internedIndex: Int32Array;
  /** Double quotes seen in the text (any of `findQuotedSpans`' kinds): under two, it has no quoted span to find. */
  quoteMarks: number;
}

export function createTokenBuffer(capacity = 256): TokenBuffer {
  return {
    count: 0,
    kinds: new Uint8Array(capacity),
    starts: new Int32Array(capacity),
    ends: new Int32Array(capacity),
    words: new Array<string>(capacity).fill(""),
    marks: new Uint8Array(capacity),
    nonAscii: new Uint8Array(capacity),
    internedIn: null,
    interned: new Array<InternedWord | null>(capacity).fill(null),
    internedIndex: new Int32Array(capacity),
    quoteMarks: 0,
  };
}

function grow(buffer: TokenBuffer): void {
  const capacity = buffer.kinds.length * 2;
  const kinds = new Uint8Array(capacity);
  kinds.set(buffer.kinds);
  const starts = new Int32Array(capacity);
  starts.set(buffer.starts);
  const ends = new Int32Array(capacity);
  ends.set(buffer.ends);
  const marks = new Uint8Array(capacity);
  marks.set(buffer.marks);
  const nonAscii = new Uint8Array(capacity);
  nonAscii.set(buffer.nonAscii);
  buffer.kinds = kinds;
  buffer.starts = starts;
  buffer.ends = ends;
  buffer.marks = marks;
  buffer.nonAscii = nonAscii;
  const internedIndex = new Int32Array(capacity);
  internedIndex.set(buffer.internedIndex);
  buffer.internedIndex = internedIndex;
  while (buffer.words.length < capacity) buffer.words.push("");
  while (buffer.interned.length < capacity) buffer.interned.push(null);
}

function push(
  buffer: TokenBuffer,
  kind: number,
  start: number,
  end: number,
  word: string,
  mark: number,
  nonAscii: number,
): void {
  if (buffer.count === buffer.kinds.length) grow(buffer);
  const index = buffer.count++;
  buffer.kinds[index] = kind;
  buffer.starts[index] = start;
  buffer.ends[index] = end;
  buffer.words[index] = word;
  buffer.marks[index] = mark;
  buffer.nonAscii[index] = nonAscii;
}

/** Two- and three-character emoticons, lower-cased; ":/" only after a space so URLs stay words. */
const EMOTICONS = new Set([
  ":)",
  ":-)",
  ":d",
  ":-d",
  ";)",
  ";-)",
  "<3",
  ":(",
  ":-(",
  ":/",
  ":-/",
  ":'(",
  ":p",
  "=)",
  "=(",
  "xd",
]);

/**
 * The code units of the word being scanned, lower-cased as the scan hashes them (`scanInternedWord`), so the
 * probe compares typed arrays instead of reading the text a second time. Words longer than this take the
 * string path.
 */
const SCANNED_WORD_LIMIT = 64;
const scannedWord = new Uint16Array(SCANNED_WORD_LIMIT);

/**
 * The index in `table.list` of the word whose `length` lower-cased code units are in `scannedWord` and whose hash
 * the scan worked out as it read the word; -1 when the table lacks it. A probe reads typed arrays only.
 */
function internedAt(length: number, hash: number, table: WordTable): number {
  const slots = table.slots;
  const mask = table.mask;
  let slot = hash & mask;
  for (;;) {
    const index = slots[slot];
    if (index === 0) return -1;
    if (table.slotHashes[slot] === hash && table.charLength[index - 1] === length) {
      const chars = table.chars;
      const from = table.charStart[index - 1];
      let j = 0;
      while (j < length && scannedWord[j] === chars[from + j]) j++;
      if (j === length) return index - 1;
    }
    slot = (slot + 1) & mask;
  }
}

/**
 * One word of `text` from `start` (a letter or digit of class `cls`), read exactly as `scanTokens` reads words
 * and looked up in `table` as it is read: a word the table has is not cut out of the text, its token carries
 * the table's entry and string. Returns where the word ends.
 */
function scanInternedWord(text: string, start: number, cls: number, buffer: TokenBuffer, table: WordTable): number {
  const length = text.length;
  const code = text.charCodeAt(start);
  let nonAscii = code > 0x7f ? 1 : 0;
  let upper = 0;
  let lowerCount = 0;
  let needsLowering = code >= 65 && code <= 90 ? 1 : needsLoweringAbove127(code);
  // The hash of the word as the string path would give it (wordHash of the lower-cased word): capitals of ASCII
  // and Latin-1 lower-case by adding 32. A word with a character beyond Latin-1 (curly apostrophes too) or a
  // capital or non-ASCII letter right after an apostrophe or hyphen takes the string path (`simple` false).
  let simple = code <= 0xff;
  let curlyApostrophe = false;
  const first = code + 32 * needsLowering;
  let h = Math.imul(0x811c9dc5 ^ first, 0x01000193);
  scannedWord[0] = first;
  // `n` counts the code units kept in scannedWord (the word's length while it fits).
  let n = 1;
  if (code >= 65 && code <= 90) upper++;
  let i = start + 1;
  while (i < length) {
    const next = text.charCodeAt(i);
    if (next >= 97 && next <= 122) {
      // Most of a word is ASCII lower case: no class look-up, nothing to lower.
      lowerCount++;
      h = Math.imul(h ^ next, 0x01000193);
      if (n < SCANNED_WORD_LIMIT) scannedWord[n] = next;
      n++;
      i++;
      continue;
    }
    const nextCls = charClassAt(next);
    if (nextCls === CLASS_LETTER || nextCls === CLASS_DIGIT) {
      let lowered = next;
      if (next > 0x7f) {
        nonAscii = 1;
        const lowering = needsLoweringAbove127(next);
        needsLowering |= lowering;
        if (next > 0xff) simple = false;
        lowered = next + 32 * lowering;
      } else if (next >= 65 && next <= 90) {
        upper++;
        needsLowering = 1;
        lowered = next + 32;
      } else if (next >= 97 && next <= 122) lowerCount++;
      h = Math.imul(h ^ lowered, 0x01000193);
      if (n < SCANNED_WORD_LIMIT) scannedWord[n] = lowered;
      n++;
      i++;
      continue;
    }
    if (nextCls === CLASS_APOSTROPHE || nextCls === CLASS_HYPHEN || (next === 46 && cls === CLASS_DIGIT)) {
      const after = i + 1 < length ? charClassAt(text.charCodeAt(i + 1)) : CLASS_OTHER;
      if (after === CLASS_LETTER || after === CLASS_DIGIT) {
        const letter = text.charCodeAt(i + 1);
        if (next === 0x2019 || next === 0x2018) curlyApostrophe = true;
        if (next > 0xff || (letter >= 65 && letter <= 90) || letter > 0x7f) simple = false;
        h = Math.imul(Math.imul(h ^ next, 0x01000193) ^ letter, 0x01000193);
        if (n + 1 < SCANNED_WORD_LIMIT) {
          scannedWord[n] = next;
          scannedWord[n + 1] = letter;
        }
        n += 2;
        i += 2;
        continue;
      }
    }
    break;
  }
  const shouting = upper >= 3 && lowerCount === 0 ? 1 : 0;
  const index = simple && n <= SCANNED_WORD_LIMIT ? internedAt(n, (h ^ (h >>> 15)) | 0, table) : -1;
  if (index >= 0) {
    const entry = table.list[index];
    push(buffer, TOKEN_WORD, start, i, entry.word, shouting, nonAscii);
    buffer.interned[buffer.count - 1] = entry;
  } else {
    let word = needsLowering === 1 ? text.slice(start, i).toLowerCase() : text.slice(start, i);
    if (curlyApostrophe) word = word.replace(/[\u2018\u2019]/g, "'");
    push(buffer, TOKEN_WORD, start, i, word, shouting, nonAscii);
    buffer.interned[buffer.count - 1] = null;
  }
  buffer.internedIndex[buffer.count - 1] = index;
  return i;
}

/**
 * Fills `buffer` with the tokens of `text`. With a `table`, a word found there is not cut out of the text: its
 * token carries the table's entry and string (see TokenBuffer.interned), which spares the engine a string and a
 * hash a word; the tokens are the same either way.
 */
export function scanTokens(text: string, buffer: TokenBuffer, table: WordTable | null = null): void {
  buffer.count = 0;
  buffer.internedIn = table;
  buffer.quoteMarks = 0;
  const length = text.length;
  let lastKind = 0;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    const cls = charClassAt(code);
    if (table !== null && (cls === CLASS_LETTER || cls === CLASS_DIGIT)) {
      i = scanInternedWord(text, i, cls, buffer, table);
      lastKind = TOKEN_WORD;
      continue;
    }
    if (cls === CLASS_LETTER || cls === CLASS_DIGIT) {
      const start = i;
      let nonAscii = code > 0x7f ? 1 : 0;
      let upper = 0;
      let lowerCount = 0;
      let curlyApostrophe = false;
      // Lower-casing the whole text is slow for non-ASCII strings; most words need no lower-casing at all.
      let needsLowering = code >= 65 && code <= 90 ? 1 : needsLoweringAbove127(code);
      if (code >= 65 && code <= 90) upper++;
      i++;
      while (i < length) {
        const next = text.charCodeAt(i);
        const nextCls = charClassAt(next);
        if (nextCls === CLASS_LETTER || nextCls === CLASS_DIGIT) {
          if (next > 0x7f) {
            nonAscii = 1;
            needsLowering |= needsLoweringAbove127(next);
          } else if (next >= 65 && next <= 90) {
            upper++;
            needsLowering = 1;
          } else if (next >= 97 && next <= 122) lowerCount++;
          i++;
          continue;
        }
        if (nextCls === CLASS_APOSTROPHE || nextCls === CLASS_HYPHEN || (next === 46 && cls === CLASS_DIGIT)) {
          const after = i + 1 < length ? charClassAt(text.charCodeAt(i + 1)) : CLASS_OTHER;
          if (after === CLASS_LETTER || after === CLASS_DIGIT) {
            if (next === 0x2019 || next === 0x2018) curlyApostrophe = true;
            i += 2;
            continue;
          }
        }
        break;
      }
      let word = needsLowering === 1 ? text.slice(start, i).toLowerCase() : text.slice(start, i);
      if (curlyApostrophe) word = word.replace(/[\u2018\u2019]/g, "'");
      const shouting = upper >= 3 && lowerCount === 0 ? 1 : 0;
      push(buffer, TOKEN_WORD, start, i, word, shouting, nonAscii);
      lastKind = TOKEN_WORD;
      continue;
    }
    if (cls === CLASS_SENTENCE_END || cls === CLASS_NEWLINE) {
      const start = i;
      let exclamations = 0;
      while (i < length) {
        const c = text.charCodeAt(i);
        const k = charClassAt(c);
        if (k !== CLASS_SENTENCE_END && k !== CLASS_NEWLINE && c !== 32) break;
        if (c === 33) exclamations++;
        i++;
      }
      if (lastKind === TOKEN_SENTENCE_END) {
        const previous = buffer.count - 1;
        buffer.ends[previous] = i;
        buffer.marks[previous] = Math.min(255, buffer.marks[previous] + exclamations);
      } else {
        push(buffer, TOKEN_SENTENCE_END, start, i, "", Math.min(255, exclamations), 0);
      }
      lastKind = TOKEN_SENTENCE_END;
      continue;
    }
    if (cls === CLASS_EMOJI) {
      const start = i;
      const width = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
      const symbol = text.slice(i, i + width);
      i += width;
      // Swallow variation selectors, skin tones and zero-width-joined parts of the same emoji.
      while (i < length) {
        const c = text.charCodeAt(i);
        if (c === 0xfe0f || c === 0x20e3) i++;
        else if (c === 0xd83c && i + 1 < length && text.charCodeAt(i + 1) >= 0xdffb && text.charCodeAt(i + 1) <= 0xdfff)
          i += 2;
        else if (c === 0x200d && i + 1 < length)
          i += text.charCodeAt(i + 1) >= 0xd800 && text.charCodeAt(i + 1) <= 0xdbff ? 3 : 2;
        else break;
      }
      push(buffer, TOKEN_EMOJI, start, i, symbol, 0, 1);
      lastKind = TOKEN_EMOJI;
      continue;
    }
    if (cls === CLASS_EMOTICON_START || code === 0x3b) {
      const previous = i > 0 ? text.charCodeAt(i - 1) : 32;
      if (previous === 32 || previous === 10 || charClassAt(previous) === CLASS_SENTENCE_END) {
        const three = text.slice(i, i + 3).toLowerCase();
        const two = three.slice(0, 2);
        const width = EMOTICONS.has(three) ? 3 : EMOTICONS.has(two) ? 2 : 0;
        const nextAfter = i + width < length ? charClassAt(text.charCodeAt(i + width)) : CLASS_OTHER;
        if (width > 0 && nextAfter !== CLASS_LETTER && nextAfter !== CLASS_DIGIT) {
          push(buffer, TOKEN_EMOJI, i, i + width, width === 3 ? three : two, 0, 0);
          i += width;
          lastKind = TOKEN_EMOJI;
          continue;
        }
      }
      if (code === 0x3b) {
        if (lastKind !== TOKEN_CLAUSE_BREAK && lastKind !== TOKEN_SENTENCE_END)
          push(buffer, TOKEN_CLAUSE_BREAK, i, i + 1, "", 0, 0);
        lastKind = TOKEN_CLAUSE_BREAK;
      }
      i++;
      continue;
    }
    if (cls === CLASS_CLAUSE_BREAK) {
      if (isDoubleQuote(code)) buffer.quoteMarks++;
      if (lastKind !== TOKEN_CLAUSE_BREAK && lastKind !== TOKEN_SENTENCE_END) {
        push(buffer, TOKEN_CLAUSE_BREAK, i, i + 1, "", 0, 0);
        lastKind = TOKEN_CLAUSE_BREAK;
      }
      i++;
      continue;
    }
    if (isDoubleQuote(code)) buffer.quoteMarks++;
    i++;
  }
}

const sharedTokenizeBuffer = createTokenBuffer();

/**
 * The lower-cased words of `text`, as the engine sees them. The benchmark times this as the floor
 * any analysis must pay, so it runs the scanner the engine uses, without a word table: the engine's scan
 * reads the same tokens but finds a known word in its word memo (`scanInternedWord`) instead of cutting a
 * string for it, which is part of the engine's work, not of the floor's.
 */
export function tokenize(text: string): string[] {
  scanTokens(text, sharedTokenizeBuffer);
  const words: string[] = [];
  for (let i = 0; i < sharedTokenizeBuffer.count; i++) {
    if (sharedTokenizeBuffer.kinds[i] === TOKEN_WORD) words.push(sharedTokenizeBuffer.words[i]);
  }
  return words;
}

/**
 * Short quoted spans of a text, its "scare quotes": one to three words between two double quotes with no sentence end
 * between them ('The "indestructible" toy', 'fick svaret att det var "normalt slitage"'). A shopper who quotes a
 * word of the seller's is mostly disputing it: in the team's training text 284 of 306 reviews with one were
 * complaints. Quoted speech is longer or ends a sentence inside its quotes ('She said "I love it!"'), and is not one.
 */
export interface QuotedSpans {
  count: number;
  /** Offsets of each span's opening quote and of its closing quote (the first `count` entries; few texts have any). */
  opens: number[];
  closes: number[];
}

export function createQuotedSpans(): QuotedSpans {
  return { count: 0, opens: [], closes: [] };
}

const MAX_QUOTED_WORDS = 3;
const MAX_QUOTED_LENGTH = 48;

const DOUBLE_QUOTES = /["\u201c\u201d\u201e\u00ab\u00bb]/;

function isDoubleQuote(code: number): boolean {
  return code === 0x22 || code === 0x201c || code === 0x201d || code === 0x201e || code === 0xab || code === 0xbb;
}

/** The first double quote from `from` on that may open a quote (not an inch mark: '5" heels'), or -1. */
function nextOpeningQuote(text: string, from: number): number {
  if (from < 0) return -1;
  for (let i = from; i < text.length; i++)
    if (isDoubleQuote(text.charCodeAt(i)) && (i === 0 || charClassAt(text.charCodeAt(i - 1)) !== CLASS_DIGIT)) return i;
  return -1;
}

/**
 * Finds the text's scare quotes into `out` (see QuotedSpans). `tokens`, when given, is the text's scan: a text with
 * fewer than two quote marks (most of them) is passed over without a look.
 */
export function findQuotedSpans(text: string, out: QuotedSpans, tokens: TokenBuffer | null = null): void {
  out.count = 0;
  if (tokens !== null && tokens.quoteMarks < 2) return;
  let open = nextOpeningQuote(text, text.search(DOUBLE_QUOTES));
  while (open >= 0) {
    let words = 0;
    let inWord = false;
    let close = -1;
    let next: number;
    for (let i = open + 1; i < text.length && i - open <= MAX_QUOTED_LENGTH; i++) {
      const code = text.charCodeAt(i);
      if (isDoubleQuote(code)) {
        close = i;
        break;
      }
      const cls = charClassAt(code);
      if (cls === CLASS_SENTENCE_END || cls === CLASS_NEWLINE) break;
      const wordy = cls === CLASS_LETTER || cls === CLASS_DIGIT;
      if (wordy && !inWord) words++;
      inWord = wordy || (inWord && (cls === CLASS_APOSTROPHE || cls === CLASS_HYPHEN));
    }
    if (close >= 0 && words >= 1 && words <= MAX_QUOTED_WORDS) {
      out.opens[out.count] = open;
      out.closes[out.count] = close;
      out.count++;
      next = close + 1;
    } else {
      // Long speech: the next quote after its closing one may open a short quote. A quote that never closed (or
      // an empty pair) must not hide the ones after it.
      next = close >= 0 && words > MAX_QUOTED_WORDS ? close + 1 : open + 1;
    }
    open = nextOpeningQuote(text, next);
  }
}
