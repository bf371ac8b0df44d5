/**
 * The weights file's tables as text (weights format 3, engine 2.16.0). A language's rows and bigrams are a stream of
 * numbers, each written as a variable number of characters from the URL-safe base-64 alphabet: a character carries
 * five bits of the number, least significant first, and its sixth bit says that another character follows. Signed
 * numbers (weights, and the step from one row's feature hash to the next) are zigzag-coded first (0, -1, 1, -2 ... as
 * 0, 1, 2, 3 ...). The stream is cut into lines of CHUNK_LENGTH characters, so the file stays a JSON file with short
 * lines.
 *
 * Why: format 2 wrote each row as a JSON array of numbers, and the parsed file (which the engine's static import keeps
 * alive) held about 13 MB of small arrays, half of what the learned layer cost in memory; as text of this kind it is a
 * few one-byte strings of about 2.5 MB (bench:insights-memory, decision 010, session 20).
 *
 * A row decodes to [feature hash, output, weight, output, weight, ...] and a bigram to [bigram hash, negative,
 * neutral, positive], weights as integers over the file's scale: the tables format 2 held, number for number.
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const DIGIT_OF = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DIGIT_OF[ALPHABET.charCodeAt(i)] = i;
const PAYLOAD = 32;
const MORE = 32;
/** Characters per line of the file. */
export const CHUNK_LENGTH = 1024;
/** Feature and bigram hashes are unsigned 32-bit numbers. */
const HASH_LIMIT = 2 ** 32;
/** A bigram's weights: negative, neutral, positive. */
const BIGRAM_WEIGHTS = 3;

export interface WeightTables {
  /** [feature hash, output, weight, output, weight, ...] */
  rows: number[][];
  /** [bigram hash, negative, neutral, positive] */
  bigrams: number[][];
}

/** A language's tables as the weights file holds them. */
export interface EncodedTables {
  rowCount: number;
  bigramCount: number;
  rows: string[];
  bigrams: string[];
}

class StreamWriter {
  private text = "";

  unsigned(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`Weights codec: cannot write ${value}`);
    let rest = value;
    for (;;) {
      const digit = rest % PAYLOAD;
      rest = Math.floor(rest / PAYLOAD);
      if (rest === 0) {
        this.text += ALPHABET[digit];
        return;
      }
      this.text += ALPHABET[digit + MORE];
    }
  }

  signed(value: number): void {
    if (!Number.isSafeInteger(value)) throw new Error(`Weights codec: cannot write ${value}`);
    this.unsigned(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  chunks(): string[] {
    const chunks: string[] = [];
    for (let at = 0; at < this.text.length; at += CHUNK_LENGTH) chunks.push(this.text.slice(at, at + CHUNK_LENGTH));
    return chunks;
  }
}

class StreamReader {
  private chunk = 0;
  private at = 0;

  constructor(
    private readonly chunks: readonly string[],
    private readonly what: string,
  ) {}

  private fail(problem: string): never {
    throw new Error(`The weights file's ${this.what} ${problem} (line ${this.chunk + 1}, character ${this.at + 1})`);
  }

  /** Whether every character has been read. */
  done(): boolean {
    while (this.chunk < this.chunks.length && this.at >= this.chunks[this.chunk].length) {
      this.chunk++;
      this.at = 0;
    }
    return this.chunk >= this.chunks.length;
  }

  unsigned(): number {
    let value = 0;
    let weight = 1;
    for (;;) {
      if (this.done()) this.fail("end in the middle of a number");
      const code = this.chunks[this.chunk].charCodeAt(this.at);
      const digit = code < 128 ? DIGIT_OF[code] : -1;
      if (digit < 0) this.fail(`hold a character outside the alphabet`);
      this.at++;
      value += (digit % PAYLOAD) * weight;
      if (digit < MORE) return value;
      weight *= PAYLOAD;
      if (weight > Number.MAX_SAFE_INTEGER) this.fail("hold a number too large");
    }
  }

  signed(): number {
    const zigzag = this.unsigned();
    return zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
  }

  hash(previous: number): number {
    const hash = previous + this.signed();
    if (hash < 0 || hash >= HASH_LIMIT) this.fail(`hold a hash outside 32 bits (${hash})`);
    return hash;
  }
}

/** Rows and bigrams as the weights file writes them (their order is kept; the trainer sorts them by hash). */
export function encodeWeightTables(tables: WeightTables): EncodedTables {
  const rows = new StreamWriter();
  let previous = 0;
  for (const row of tables.rows) {
    const hash = row[0] >>> 0;
    rows.signed(hash - previous);
    previous = hash;
    if (row.length % 2 !== 1) throw new Error(`Weights row ${hash} has an output without a weight`);
    rows.unsigned((row.length - 1) / 2);
    for (let i = 1; i < row.length; i += 2) {
      rows.unsigned(row[i]);
      rows.signed(row[i + 1]);
    }
  }
  const bigrams = new StreamWriter();
  previous = 0;
  for (const row of tables.bigrams) {
    if (row.length !== 1 + BIGRAM_WEIGHTS) throw new Error(`Weights bigram ${row[0]} needs ${BIGRAM_WEIGHTS} weights`);
    const hash = row[0] >>> 0;
    bigrams.signed(hash - previous);
    previous = hash;
    for (let o = 1; o <= BIGRAM_WEIGHTS; o++) bigrams.signed(row[o]);
  }
  return {
    rowCount: tables.rows.length,
    bigramCount: tables.bigrams.length,
    rows: rows.chunks(),
    bigrams: bigrams.chunks(),
  };
}

/** The tables back, number for number; a stream that is cut short, too long or not of the alphabet throws. */
export function decodeWeightTables(encoded: EncodedTables): WeightTables {
  const rows: number[][] = new Array(encoded.rowCount);
  const rowReader = new StreamReader(encoded.rows, "rows");
  let previous = 0;
  for (let r = 0; r < encoded.rowCount; r++) {
    const hash = rowReader.hash(previous);
    previous = hash;
    const pairs = rowReader.unsigned();
    const row = new Array<number>(1 + 2 * pairs);
    row[0] = hash;
    for (let p = 0; p < pairs; p++) {
      row[1 + 2 * p] = rowReader.unsigned();
      row[2 + 2 * p] = rowReader.signed();
    }
    rows[r] = row;
  }
  if (!rowReader.done())
    throw new Error(`The weights file's rows hold more than the ${encoded.rowCount} rows it states`);
  const bigrams: number[][] = new Array(encoded.bigramCount);
  const bigramReader = new StreamReader(encoded.bigrams, "bigrams");
  previous = 0;
  for (let b = 0; b < encoded.bigramCount; b++) {
    const hash = bigramReader.hash(previous);
    previous = hash;
    bigrams[b] = [hash, bigramReader.signed(), bigramReader.signed(), bigramReader.signed()];
  }
  if (!bigramReader.done()) {
    throw new Error(`The weights file's bigrams hold more than the ${encoded.bigramCount} bigrams it states`);
  }
  return { rows, bigrams };
}
