// Reading a CSV of reviews as peers and Excel write them: UTF-8 with or without a byte-order mark, or
// Windows-1252 (what Excel saves as "CSV"); "," or ";" between fields (Swedish Excel uses ";"); quoted fields
// with doubled quotes and line breaks inside; CRLF or LF. Records come out one at a time with the line number
// they start on, so an error can name it, from text pushed in pieces of any size: a file is never held whole.
// Pure.
//
// Everything that gives a CSV its shape (quotes, separators, CR, LF) is ASCII, and neither UTF-8 nor
// Windows-1252 ever uses an ASCII byte inside another character. So the records of a file can be found in its
// bytes read as Latin-1 (one character per byte) before its encoding is known: the upload counts rows that
// way, and a record's character offsets are its byte offsets.

export type CsvEncoding = "utf-8" | "utf-8-bom" | "windows-1252";
export type CsvSeparator = "," | ";" | "\t";

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Tells UTF-8 from Windows-1252 over a file read in pieces: UTF-8 (with or without a BOM) unless some bytes are
 * not valid UTF-8, which Excel's Windows code page almost always produces (å = 0xE5, € = 0x80).
 */
export class CsvEncodingDetector {
  private readonly utf8 = new TextDecoder("utf-8", { fatal: true });
  private seen = 0;
  private bom = true;
  private valid = true;

  push(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length && this.seen + i < 3; i += 1) {
      if (bytes[i] !== UTF8_BOM[this.seen + i]) this.bom = false;
    }
    this.seen += bytes.length;
    if (!this.valid) return;
    try {
      this.utf8.decode(bytes, { stream: true });
    } catch {
      this.valid = false;
    }
  }

  /** The encoding of everything pushed. */
  end(): CsvEncoding {
    if (this.valid) {
      try {
        this.utf8.decode();
      } catch {
        this.valid = false;
      }
    }
    if (!this.valid) return "windows-1252";
    return this.bom && this.seen >= 3 ? "utf-8-bom" : "utf-8";
  }
}

/** A decoder for a file's bytes in pieces, in the encoding the upload found (the BOM is dropped). */
export function csvTextDecoder(encoding: CsvEncoding): TextDecoder {
  // TextDecoder drops a leading UTF-8 BOM itself (ignoreBOM: false).
  return new TextDecoder(encoding === "windows-1252" ? "windows-1252" : "utf-8");
}

/** The separator of a header line: the candidate that occurs most often outside quotes. */
export function detectSeparator(headerLine: string): CsvSeparator {
  const counts: Record<CsvSeparator, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (let i = 0; i < headerLine.length; i += 1) {
    const ch = headerLine[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && (ch === "," || ch === ";" || ch === "\t")) counts[ch] += 1;
  }
  const [best, count] = (Object.entries(counts) as [CsvSeparator, number][]).sort((a, b) => b[1] - a[1])[0];
  return count > 0 ? best : ",";
}

export interface CsvRecord {
  /** 1-based line of the file the record starts on (the header is line 1). */
  line: number;
  fields: string[];
  /**
   * A quote opened and never closed (or one record ran past MAX_RECORD_CHARS): the rest of the file could not
   * be read, and the reader stops here.
   */
  unterminated: boolean;
}

/** No review row comes near this; past it an open quote has swallowed the file, and the reader stops. */
export const MAX_RECORD_CHARS = 1_000_000;

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * Records from text pushed in pieces: `push` answers the records the text completes, `end` the last one.
 * Blank lines are skipped. Only the unfinished record is kept between pushes.
 */
export class CsvRecordReader {
  private pending = "";
  private line = 1;
  private stopped = false;
  private readonly sep: number;

  constructor(separator: CsvSeparator) {
    this.sep = separator.charCodeAt(0);
  }

  push(text: string): CsvRecord[] {
    return this.read(text, false);
  }

  end(): CsvRecord[] {
    return this.read("", true);
  }

  private read(text: string, final: boolean): CsvRecord[] {
    const records: CsvRecord[] = [];
    if (this.stopped) return records;
    const buffer = this.pending.length > 0 ? this.pending + text : text;
    const length = buffer.length;
    const sep = this.sep;
    let start = 0;
    while (start < length) {
      // One record from `start`; `incomplete` when the text ends before the record does.
      const fields: string[] = [];
      let i = start;
      let newlines = 0;
      let incomplete = false;
      let quotedOpen = false;
      for (;;) {
        // One field from i.
        let field = "";
        if (i < length && buffer.charCodeAt(i) === QUOTE) {
          i += 1;
          for (;;) {
            const close = buffer.indexOf('"', i);
            if (close < 0 || close + 1 >= length) {
              // The closing quote is not here yet (or it is the last character: a "" may follow).
              if (close >= 0 && final) {
                field += buffer.slice(i, close);
                newlines += countNewlines(buffer, i, close);
                i = close + 1;
                break;
              }
              newlines += countNewlines(buffer, i, length);
              field += buffer.slice(i);
              i = length;
              quotedOpen = true;
              break;
            }
            field += buffer.slice(i, close);
            newlines += countNewlines(buffer, i, close);
            if (buffer.charCodeAt(close + 1) === QUOTE) {
              field += '"';
              i = close + 2;
              continue;
            }
            i = close + 1;
            break;
          }
          if (quotedOpen) {
            incomplete = !final;
            fields.push(field);
            break;
          }
        }
        // Unquoted text (or what follows a closing quote) up to the separator or the end of the line.
        let j = i;
        while (j < length) {
          const code = buffer.charCodeAt(j);
          if (code === sep || code === CR || code === LF) break;
          j += 1;
        }
        if (j > i) field += buffer.slice(i, j);
        fields.push(field);
        if (j >= length) {
          incomplete = !final;
          i = j;
          break;
        }
        const code = buffer.charCodeAt(j);
        if (code === sep) {
          i = j + 1;
          continue;
        }
        // CR, LF or CRLF ends the record; a CR at the very end may be followed by its LF.
        if (code === CR && j + 1 >= length && !final) {
          incomplete = true;
          i = j;
          break;
        }
        i = code === CR && buffer.charCodeAt(j + 1) === LF ? j + 2 : j + 1;
        newlines += 1;
        break;
      }
      if (incomplete) {
        if (length - start > MAX_RECORD_CHARS) {
          records.push({ line: this.line, fields, unterminated: true });
          this.stop();
          return records;
        }
        break;
      }
      if (!(fields.length === 1 && fields[0].trim() === "")) {
        records.push({ line: this.line, fields, unterminated: quotedOpen });
      }
      this.line += newlines;
      start = i;
      if (quotedOpen) {
        this.stop();
        return records;
      }
    }
    this.pending = start < length ? buffer.slice(start) : "";
    return records;
  }

  private stop(): void {
    this.stopped = true;
    this.pending = "";
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf("\n", from); at >= 0 && at < to; at = text.indexOf("\n", at + 1)) count += 1;
  return count;
}

/** Every record of a whole text (tests, small files). */
export function readCsvRecords(text: string, separator: CsvSeparator): CsvRecord[] {
  const reader = new CsvRecordReader(separator);
  return [...reader.push(text), ...reader.end()];
}

/** Header names as compared by the format detectors: lower case, trimmed, inner spaces kept single. */
export function normaliseHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ");
}
