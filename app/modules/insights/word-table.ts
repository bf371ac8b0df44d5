/**
 * The engine's word memo as a table the scanner can search without making a string: open addressing by
 * `wordHash`, with each slot's hash and each word's code units kept in typed arrays, so a probe reads no
 * object until it has found its word. language-detection.ts keeps the records (one per distinct word);
 * tokenizer.ts looks a review's words up in it straight from the review's text.
 */

/** A remembered word: its lower-cased text and `wordHash` of it. */
export interface InternedWord {
  word: string;
  hash: number;
}

export interface WordTable<T extends InternedWord = InternedWord> {
  mask: number;
  /** Index + 1 into `list` (0: an empty slot). */
  slots: Int32Array;
  /** The hash of the word in each slot. */
  slotHashes: Int32Array;
  list: T[];
  /** Where word `index`'s code units start in `chars`, and how many there are. */
  charStart: Int32Array;
  charLength: Int32Array;
  chars: Uint16Array;
  charCount: number;
}

/**
 * `word` as V8's one copy of that text (the string a property named `word` would have). Two such strings are equal
 * only when they are the same string, so comparing them, or looking one up in a Map or Set whose keys are such
 * strings, compares no characters; and a word cut from a review keeps no hold on the review's text.
 */
export function internalized(word: string): string {
  const holder: Record<string, true> = { [word]: true };
  for (const key in holder) return key;
  return word;
}

/** FNV-1a over the word's UTF-16 code units, folded: the word memo's hash. */
export function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 15)) | 0;
}

export function createWordTable<T extends InternedWord>(capacity = 4096): WordTable<T> {
  return {
    mask: capacity - 1,
    slots: new Int32Array(capacity),
    slotHashes: new Int32Array(capacity),
    list: [],
    charStart: new Int32Array(capacity / 2),
    charLength: new Int32Array(capacity / 2),
    chars: new Uint16Array(capacity * 4),
    charCount: 0,
  };
}

/** The entry for `word` (whose hash is `hash`), or null. */
export function findWord<T extends InternedWord>(table: WordTable<T>, word: string, hash: number): T | null {
  let slot = hash & table.mask;
  for (;;) {
    const index = table.slots[slot];
    if (index === 0) return null;
    if (table.slotHashes[slot] === hash) {
      const entry = table.list[index - 1];
      if (entry.word === word) return entry;
    }
    slot = (slot + 1) & table.mask;
  }
}

function place<T extends InternedWord>(table: WordTable<T>, index: number): void {
  const hash = table.list[index].hash;
  let slot = hash & table.mask;
  while (table.slots[slot] !== 0) slot = (slot + 1) & table.mask;
  table.slots[slot] = index + 1;
  table.slotHashes[slot] = hash;
}

/** Adds an entry the table lacks; the table grows in place (at most half full). */
export function addWord<T extends InternedWord>(table: WordTable<T>, entry: T): void {
  const index = table.list.length;
  if ((index + 1) * 2 > table.slots.length) {
    const capacity = table.slots.length * 2;
    table.mask = capacity - 1;
    table.slots = new Int32Array(capacity);
    table.slotHashes = new Int32Array(capacity);
    for (let i = 0; i < index; i++) place(table, i);
  }
  if (index === table.charStart.length) {
    const start = new Int32Array(index * 2);
    start.set(table.charStart);
    table.charStart = start;
    const length = new Int32Array(index * 2);
    length.set(table.charLength);
    table.charLength = length;
  }
  const word = entry.word;
  if (table.charCount + word.length > table.chars.length) {
    const chars = new Uint16Array(Math.max(table.chars.length * 2, table.charCount + word.length));
    chars.set(table.chars);
    table.chars = chars;
  }
  table.charStart[index] = table.charCount;
  table.charLength[index] = word.length;
  for (let i = 0; i < word.length; i++) table.chars[table.charCount + i] = word.charCodeAt(i);
  table.charCount += word.length;
  table.list.push(entry);
  place(table, index);
}
