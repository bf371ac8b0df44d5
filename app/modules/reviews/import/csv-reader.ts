// Reading a CSV of reviews as peers and Excel write them: UTF-8 with or without a byte-order mark, or
// Windows-1252 (what Excel saves as "CSV"); "," or ";" between fields (Swedish Excel uses ";"); quoted fields
// with doubled quotes and line breaks inside; CRLF or LF. Rows come out one at a time with the line number
// they start on, so an error can name it. Pure.

export type CsvEncoding = "utf-8" | "utf-8-bom" | "windows-1252";
export type CsvSeparator = "," | ";" | "\t";

export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8-bom" };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Not valid UTF-8: the bytes are Excel's Windows code page (å = 0xE5, € = 0x80).
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
  }
}

/** The separator of the header line: the candidate that occurs most often outside quotes. */
export function detectSeparator(text: string): CsvSeparator {
  const counts: Record<CsvSeparator, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
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
  /** A quote opened and never closed: the rest of the file was swallowed into this record. */
  unterminated: boolean;
}

/** Records in file order; blank lines are skipped. */
export function* readCsvRecords(text: string, separator: CsvSeparator): Generator<CsvRecord> {
  const length = text.length;
  let i = 0;
  let line = 1;
  while (i < length) {
    const startLine = line;
    const fields: string[] = [];
    let field = "";
    let quoted = false;
    let atFieldStart = true;
    let ended = false;
    while (i < length) {
      const ch = text[i];
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          quoted = false;
          i += 1;
          continue;
        }
        if (ch === "\n") line += 1;
        field += ch;
        i += 1;
        continue;
      }
      if (ch === '"' && atFieldStart) {
        quoted = true;
        atFieldStart = false;
        i += 1;
        continue;
      }
      if (ch === separator) {
        fields.push(field);
        field = "";
        atFieldStart = true;
        i += 1;
        continue;
      }
      if (ch === "\r" || ch === "\n") {
        i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
        line += 1;
        ended = true;
        break;
      }
      field += ch;
      atFieldStart = false;
      i += 1;
    }
    fields.push(field);
    const blank = fields.length === 1 && fields[0].trim() === "";
    if (!blank) yield { line: startLine, fields, unterminated: quoted };
    if (!ended && i >= length) break;
  }
}

/** Header names as compared by the format detectors: lower case, trimmed, inner spaces kept single. */
export function normaliseHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ");
}
