// An import file on its way in and back out: the upload is stored as it streams in, in pieces of 1 MiB
// (ReviewImportChunk), while its encoding is told and its rows are counted; the preview and the import job read
// it back a piece at a time. No process ever holds a whole file, and every process (web or worker, on any host)
// reads the same pieces from the database.
import db from "../../../db.server";
import {
  csvTextDecoder,
  CsvEncodingDetector,
  CsvRecordReader,
  detectSeparator,
  type CsvEncoding,
  type CsvSeparator,
} from "./csv-reader";

/** An upload larger than this is refused (a 100,000-review Judge.me export is about 25 MB). */
export const MAX_IMPORT_BYTES = 60 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
/** A header line longer than this is not a review export's. */
const MAX_HEADER_BYTES = 64 * 1024;
/** An upload left unconfirmed this long is removed (and a finished import's pieces with it). */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

export type ReceivedImport =
  | {
      ok: true;
      importId: string;
      encoding: CsvEncoding;
      separator: CsvSeparator;
      /** Data rows (records after the header), counted as the rows will be read. */
      totalRows: number;
      byteSize: number;
    }
  | { ok: false; message: string };

export class ImportTooLargeError extends Error {
  constructor() {
    super(
      `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it and import the parts one after another.`,
    );
    this.name = "ImportTooLargeError";
  }
}

async function* asChunks(data: Uint8Array | AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (data instanceof Uint8Array) {
    for (let at = 0; at < data.length; at += CHUNK_BYTES) yield data.subarray(at, at + CHUNK_BYTES);
    return;
  }
  yield* data;
}

/**
 * Stores an uploaded file for the shop, piece by piece as it arrives. Answers what was found (encoding,
 * separator, rows) or why the file cannot be imported; a refused or broken upload leaves nothing behind.
 * Throws ImportTooLargeError past MAX_IMPORT_BYTES (nothing is kept then either).
 */
export async function receiveImportFile(input: {
  shop: string;
  fileName: string;
  data: Uint8Array | AsyncIterable<Uint8Array>;
  now?: Date;
}): Promise<ReceivedImport> {
  const now = input.now ?? new Date();
  await removeAbandonedImports(input.shop, now);
  const row = await db.reviewImport.create({
    data: {
      shop: input.shop,
      fileName: input.fileName.slice(0, 200),
      format: "",
      encoding: "",
      separator: "",
      status: "uploading",
      createdAt: now,
    },
    select: { id: true },
  });
  const encoding = new CsvEncodingDetector();
  let reader: CsvRecordReader | null = null;
  let separator: CsvSeparator = ",";
  let headerText = "";
  let records = 0;
  let byteSize = 0;
  let seq = 0;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;

  // Records are found in the bytes read as Latin-1 (csv-reader.ts): the count does not need the encoding.
  const count = (text: string) => {
    if (reader) {
      records += reader.push(text).length;
      return;
    }
    headerText += text;
    const newline = headerText.search(/[\r\n]/);
    if (newline < 0 && headerText.length < MAX_HEADER_BYTES) return;
    separator = detectSeparator(headerText.slice(0, newline < 0 ? headerText.length : newline));
    reader = new CsvRecordReader(separator);
    records += reader.push(headerText).length;
    headerText = "";
  };
  const store = async () => {
    if (pendingBytes === 0) return;
    const bytes = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await db.reviewImportChunk.create({
      data: { shop: input.shop, importId: row.id, seq, data: bytes.toString("base64") },
      select: { id: true },
    });
    seq += 1;
  };

  try {
    for await (const piece of asChunks(input.data)) {
      byteSize += piece.length;
      if (byteSize > MAX_IMPORT_BYTES) throw new ImportTooLargeError();
      encoding.push(piece);
      count(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength).toString("latin1"));
      pending.push(Buffer.from(piece));
      pendingBytes += piece.length;
      if (pendingBytes >= CHUNK_BYTES) await store();
    }
    await store();
    if (!reader) {
      // A file of one line without a line break: that line is the header.
      separator = detectSeparator(headerText);
      reader = new CsvRecordReader(separator);
      records += reader.push(headerText).length;
    }
    records += reader.end().length;
  } catch (error) {
    await discardImport(input.shop, row.id);
    throw error;
  }
  if (byteSize === 0 || records === 0) {
    await discardImport(input.shop, row.id);
    return { ok: false, message: "The file is empty." };
  }
  const found = { encoding: encoding.end(), separator, totalRows: records - 1, byteSize };
  await db.reviewImport.updateMany({ where: { id: row.id }, data: { ...found, status: "uploaded" } });
  return { ok: true, importId: row.id, ...found };
}

/** The file's text, a piece at a time, in its encoding (a character split between pieces is kept whole). */
export async function* importFileText(importId: string, encoding: CsvEncoding): AsyncGenerator<string> {
  const decoder = csvTextDecoder(encoding);
  for (let seq = 0; ; seq += 1) {
    const chunk = await db.reviewImportChunk.findUnique({
      where: { importId_seq: { importId, seq } },
      select: { data: true },
    });
    if (!chunk) break;
    yield decoder.decode(Buffer.from(chunk.data, "base64"), { stream: true });
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** An upload that cannot be imported goes entirely: its row and its pieces. */
export async function discardImport(shop: string, importId: string): Promise<void> {
  await db.reviewImportChunk.deleteMany({ where: { shop, importId } });
  await db.reviewImport.deleteMany({ where: { shop, id: importId } });
}

/** A finished import keeps its row (the report) and drops its pieces. */
export async function dropImportFile(shop: string, importId: string): Promise<void> {
  await db.reviewImportChunk.deleteMany({ where: { shop, importId } });
}

/**
 * Uploads the merchant never confirmed (older than a day) go, and so do the pieces of imports that failed and
 * were left: a shop's uploads never pile up.
 */
async function removeAbandonedImports(shop: string, now: Date): Promise<void> {
  const before = new Date(now.getTime() - ABANDONED_AFTER_MS);
  const stale = await db.reviewImport.findMany({
    where: { shop, createdAt: { lt: before }, status: { in: ["uploading", "uploaded", "previewed", "failed"] } },
    select: { id: true, status: true },
  });
  for (const old of stale) {
    if (old.status === "failed") await dropImportFile(shop, old.id);
    else await discardImport(shop, old.id);
  }
}
