// Importing reviews from a peer's CSV: upload (stored in pieces as it streams in, upload.server.ts) -> detect
// the format and show the first rows -> confirm -> the import job streams the file back a piece at a time:
// map each row to a review (or a reason with its line number), find the products a batch names in one lookup,
// skip what an earlier import already brought in (a natural key per review, unique in the database), insert
// the batch (review, reply, history, photo URLs to fetch) in one transaction -> the touched products' rating
// metafields and the topic analysis follow in the background -> a report with the rejected rows to download.
//
// Imported reviews keep their original dates, are marked imported with their source, are verified only when
// the source says the reviewer bought, and come in published unless the source had them hidden.
import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import db, { rawSql } from "../../../db.server";
import { loggerFor } from "../../../logger.server";
import { startShopReanalysis } from "../../insights";
import { defineJob, describeFailure, enqueueJob } from "../../jobs";
import { markProductRatingsStale } from "../rating-metafields.server";
import { queueImportedPhotoFetches } from "./photo-fetch.server";
import { CsvRecordReader, normaliseHeader, type CsvEncoding, type CsvRecord, type CsvSeparator } from "./csv-reader";
import {
  detectImportFormat,
  IMPORT_FORMAT_LABELS,
  IMPORT_FORMATS,
  rowMapper,
  type ImportFormat,
  type ImportedReview,
} from "./formats";
import { ImportProductResolver, missingProductReason } from "./products.server";
import { discardImport, dropImportFile, importFileText, receiveImportFile } from "./upload.server";

export const IMPORT_REVIEWS_JOB = "reviews.import";
const BATCH_SIZE = 1_000;
const PREVIEW_ROWS = 5;
/** Rejected rows kept for the report; the count covers them all. */
const MAX_REPORTED_ERRORS = 20_000;
/** How much of a rejected row the report repeats. */
const REPORTED_ROW_CHARS = 500;

export type ImportFormatChoice = ImportFormat | "auto";

export interface ImportPreviewRow {
  line: number;
  ok: boolean;
  rating?: number;
  title?: string | null;
  body?: string;
  displayName?: string;
  product?: string;
  date?: string;
  reason?: string;
}

export type ImportPreview =
  | {
      ok: true;
      importId: string;
      format: ImportFormat;
      formatLabel: string;
      encoding: CsvEncoding;
      separator: CsvSeparator;
      headers: string[];
      totalRows: number;
      rows: ImportPreviewRow[];
    }
  | { ok: false; message: string };

const StoredFile = z.object({
  encoding: z.enum(["utf-8", "utf-8-bom", "windows-1252"]),
  separator: z.enum([",", ";", "\t"]),
});

/** The records of a stored import file, in order, read a piece at a time. */
async function* storedRecords(importId: string, encoding: CsvEncoding, separator: CsvSeparator) {
  const reader = new CsvRecordReader(separator);
  for await (const text of importFileText(importId, encoding)) yield* reader.push(text);
  yield* reader.end();
}

/**
 * The detected format and the first rows of an uploaded file as they would be imported. A file that cannot be
 * imported (no format fits, or not the one chosen) is removed again, with a message saying why.
 */
export async function previewImport(input: {
  shop: string;
  importId: string;
  format?: ImportFormatChoice;
  now?: Date;
}): Promise<ImportPreview> {
  const now = input.now ?? new Date();
  const stored = await db.reviewImport.findFirst({
    where: { shop: input.shop, id: input.importId, status: { in: ["uploaded", "previewed"] } },
    select: { id: true, encoding: true, separator: true, totalRows: true },
  });
  if (!stored) return { ok: false, message: "This upload is gone. Upload the file again." };
  const { encoding, separator } = StoredFile.parse(stored);
  const refuse = async (message: string): Promise<ImportPreview> => {
    await discardImport(input.shop, stored.id);
    return { ok: false, message };
  };

  const records = storedRecords(stored.id, encoding, separator);
  const first = await records.next();
  if (first.done) return refuse("The file is empty.");
  const headers = first.value.fields.map(normaliseHeader);
  const detected = detectImportFormat(headers);
  const chosen = input.format && input.format !== "auto" ? input.format : detected;
  if (!chosen) {
    return refuse(
      `The columns (${headers
        .slice(0, 6)
        .join(", ")}…) match no format we know: Judge.me, Okendo, Yotpo, Loox or a Kundröst export.`,
    );
  }
  if (detected && detected !== chosen) {
    return refuse(
      `This looks like a ${IMPORT_FORMAT_LABELS[detected]} file, not ${IMPORT_FORMAT_LABELS[chosen]}. Choose "Detect automatically" or the right format.`,
    );
  }
  if (!detected) return refuse(`The columns do not match the ${IMPORT_FORMAT_LABELS[chosen]} format.`);

  const map = rowMapper(chosen, headers, now);
  const sample: { record: CsvRecord; mapped: ReturnType<typeof map> }[] = [];
  for await (const record of records) {
    sample.push({ record, mapped: map(record.fields) });
    if (sample.length >= PREVIEW_ROWS) break;
  }
  await records.return(undefined);
  const products = new ImportProductResolver(input.shop);
  await products.load(sample.flatMap(({ mapped }) => (mapped.ok ? [mapped.review.product] : [])));
  const rows = sample.map(({ record, mapped }): ImportPreviewRow => {
    if (!mapped.ok) return { line: record.line, ok: false, reason: mapped.reason };
    const review = mapped.review;
    if (!products.productFor(review.product))
      return { line: record.line, ok: false, reason: missingProductReason(review.product) };
    return {
      line: record.line,
      ok: true,
      rating: review.rating,
      title: review.title,
      body: review.body.slice(0, 200),
      displayName: review.displayName,
      product: review.product.handle ?? review.product.id ?? review.product.sku ?? "",
      date: review.createdAt.toISOString().slice(0, 10),
    };
  });
  await db.reviewImport.updateMany({ where: { id: stored.id }, data: { format: chosen, status: "previewed" } });
  return {
    ok: true,
    importId: stored.id,
    format: chosen,
    formatLabel: IMPORT_FORMAT_LABELS[chosen],
    encoding,
    separator,
    headers,
    totalRows: stored.totalRows,
    rows,
  };
}

/** The merchant confirmed the preview: the import job takes it from here. */
export async function startImport(shop: string, importId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const started = await tx.reviewImport.updateMany({
      where: { shop, id: importId, status: "previewed" },
      data: { status: "queued" },
    });
    if (started.count === 0) return false;
    await enqueueJob({ type: IMPORT_REVIEWS_JOB, shop, payload: { shop, importId } }, tx);
    return true;
  });
}

export interface ImportSummary {
  imported: number;
  skipped: number;
  errors: number;
  totalRows: number;
}

/** The natural key of an imported review: the same review in the same or a re-exported file maps to it again. */
export function importKeyOf(productShopifyId: string, review: ImportedReview): string {
  const who = review.email ?? review.displayName.toLowerCase();
  return createHash("sha256")
    .update(
      [productShopifyId, who, review.createdAt.toISOString(), review.rating, review.title ?? "", review.body].join(
        "\u0000",
      ),
    )
    .digest("base64url")
    .slice(0, 32);
}

function csvCell(value: string): string {
  return /[",\n\r;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

interface MappedRow {
  line: number;
  fields: string[];
  review: ImportedReview;
}

interface PendingRow {
  line: number;
  productShopifyId: string;
  key: string;
  review: ImportedReview;
}

interface Rejection {
  line: number;
  reason: string;
  fields: string[];
}

/** Runs a stored import to the end. Safe to run again: rows already imported are skipped by their key. */
export async function runImport(
  shop: string,
  importId: string,
  options: { now?: Date; locale?: string } = {},
): Promise<ImportSummary> {
  const now = options.now ?? new Date();
  const log = loggerFor({ shop, module: "reviews" });
  const stored = await db.reviewImport.findFirst({
    where: { shop, id: importId },
    select: { id: true, format: true, encoding: true, separator: true, totalRows: true },
  });
  if (!stored) throw new Error(`Import ${importId} not found for ${shop}`);
  const format = z.enum(IMPORT_FORMATS).parse(stored.format);
  const { encoding, separator } = StoredFile.parse(stored);
  await db.reviewImport.updateMany({
    where: { id: stored.id },
    data: { status: "running", processedRows: 0, imported: 0, skipped: 0, errors: 0, rejected: "", failure: null },
  });

  const products = new ImportProductResolver(shop);
  const locale =
    options.locale ??
    (await db.shop.findUnique({ where: { shop }, select: { primaryLocale: true } }))?.primaryLocale ??
    "en";

  const summary: ImportSummary = { imported: 0, skipped: 0, errors: 0, totalRows: stored.totalRows };
  const rejected: Rejection[] = [];
  const seen = new Set<string>();
  const touched = new Set<string>();
  let processed = 0;
  let batch: MappedRow[] = [];
  let map: ((fields: string[]) => ReturnType<ReturnType<typeof rowMapper>>) | null = null;

  const reject = (line: number, reason: string, fields: string[]) => {
    summary.errors += 1;
    if (rejected.length < MAX_REPORTED_ERRORS) rejected.push({ line, reason, fields });
  };

  // One lookup for the products the batch names, then one transaction for the rows that found theirs.
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    await products.load(rows.map((row) => row.review.product));
    const pending: PendingRow[] = [];
    for (const row of rows) {
      const productShopifyId = products.productFor(row.review.product);
      if (!productShopifyId) {
        reject(row.line, missingProductReason(row.review.product), row.fields);
        continue;
      }
      const key = importKeyOf(productShopifyId, row.review);
      if (seen.has(key)) {
        summary.skipped += 1;
        continue;
      }
      seen.add(key);
      pending.push({ line: row.line, productShopifyId, key, review: row.review });
    }
    const fresh = pending.length > 0 ? await insertBatch(shop, stored.id, format, locale, pending, now) : [];
    summary.skipped += pending.length - fresh.length;
    summary.imported += fresh.length;
    for (const row of fresh) if (!row.review.hiddenAtSource) touched.add(row.productShopifyId);
    await db.reviewImport.updateMany({
      where: { id: stored.id },
      data: { processedRows: processed, imported: summary.imported, skipped: summary.skipped, errors: summary.errors },
    });
  };

  for await (const record of storedRecords(stored.id, encoding, separator)) {
    if (!map) {
      map = rowMapper(format, record.fields.map(normaliseHeader), now);
      continue;
    }
    processed += 1;
    if (record.unterminated) {
      reject(
        record.line,
        "A quote opens here and never closes; the rest of the file could not be read.",
        record.fields,
      );
      continue;
    }
    const mapped = map(record.fields);
    if (!mapped.ok) {
      reject(record.line, mapped.reason, record.fields);
      continue;
    }
    batch.push({ line: record.line, fields: record.fields, review: mapped.review });
    if (batch.length >= BATCH_SIZE) await flush();
  }
  await flush();

  rejected.sort((a, b) => a.line - b.line);
  const report = rejected.map(({ line, reason, fields }) => {
    const row = fields.join(separator);
    const shown = row.length > REPORTED_ROW_CHARS ? `${row.slice(0, REPORTED_ROW_CHARS)}…` : row;
    return [String(line), csvCell(reason), csvCell(shown)].join(",");
  });
  await db.$transaction(async (tx) => {
    await markProductRatingsStale(tx, shop, touched);
    if (summary.imported > 0) await startShopReanalysis(shop, tx);
    await tx.reviewImport.updateMany({
      where: { id: stored.id },
      data: {
        status: "done",
        processedRows: processed,
        totalRows: processed,
        imported: summary.imported,
        skipped: summary.skipped,
        errors: summary.errors,
        rejected: summary.errors > 0 ? `${["line,reason,row", ...report].join("\n")}\n` : "",
        finishedAt: new Date(),
      },
    });
  });
  await dropImportFile(shop, stored.id);
  summary.totalRows = processed;
  log.info({ importId, format, ...summary }, "reviews imported");
  return summary;
}

/**
 * Writes one batch in one transaction and answers how many were new. Raw multi-row INSERTs (Prisma's
 * createMany writes row by row on SQLite, which made 100,000 rows take minutes): ON CONFLICT on the natural key
 * skips reviews an earlier import brought in, on SQLite and PostgreSQL alike; replies, history and photo URLs
 * are written only for the reviews that were new. Column lists follow prisma/schema.prisma.
 */
async function insertBatch(
  shop: string,
  importId: string,
  format: ImportFormat,
  locale: string,
  rows: PendingRow[],
  now: Date,
): Promise<PendingRow[]> {
  const Prisma = rawSql();
  const withIds = rows.map((row) => ({ ...row, id: randomUUID() }));
  const note = `From ${IMPORT_FORMAT_LABELS[format]}`;
  return db.$transaction(async (tx) => {
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "Review" ("id", "shop", "productShopifyId", "rating", "title", "body", "displayName", "email", "locale", "verifiedBuyer",
        "status", "heldReasons", "source", "importSource", "importKey", "createdAt", "updatedAt", "publishedAt")
      VALUES ${Prisma.join(
        withIds.map(({ id, key, productShopifyId, review }) => {
          const held = review.hiddenAtSource;
          return Prisma.sql`(${id}, ${shop}, ${productShopifyId}, ${review.rating}, ${review.title}, ${review.body}, ${
            review.displayName
          }, ${review.email}, ${locale}, ${review.verified}, ${held ? "pending" : "published"}, ${
            held ? '["hidden_at_source"]' : "[]"
          }, 'import', ${format}, ${key}, ${review.createdAt}, ${now}, ${held ? null : review.createdAt})`;
        }),
      )}
      ON CONFLICT ("shop", "importKey") DO NOTHING
      RETURNING "id"`;
    const newIds = new Set(inserted.map((row) => row.id));
    const fresh = withIds.filter((row) => newIds.has(row.id));
    if (fresh.length === 0) return [];
    const replies = fresh.filter((row) => row.review.reply);
    if (replies.length > 0) {
      await tx.$executeRaw`
        INSERT INTO "ReviewReply" ("id", "shop", "reviewId", "body", "createdAt", "updatedAt")
        VALUES ${Prisma.join(
          replies.map(
            ({ id, review }) =>
              Prisma.sql`(${randomUUID()}, ${shop}, ${id}, ${review.reply!.body}, ${review.reply!.at ?? now}, ${
                review.reply!.at ?? now
              })`,
          ),
        )}`;
    }
    await tx.$executeRaw`
      INSERT INTO "ReviewModerationEvent" ("id", "shop", "reviewId", "action", "actor", "toStatus", "reasons", "note", "createdAt")
      VALUES ${Prisma.join(
        fresh.map(({ id, review }) => {
          const held = review.hiddenAtSource;
          return Prisma.sql`(${randomUUID()}, ${shop}, ${id}, 'imported', 'import', ${
            held ? "pending" : "published"
          }, ${held ? '["hidden_at_source"]' : "[]"}, ${note}, ${now})`;
        }),
      )}`;
    await queueImportedPhotoFetches(
      tx,
      shop,
      fresh.flatMap(({ id, line, review }) => review.photoUrls.map((url) => ({ reviewId: id, importId, line, url }))),
    );
    return fresh;
  });
}

/** Upload, preview, confirm and run in one go: the CLI and the benchmark. */
export async function importReviewsFile(input: {
  shop: string;
  fileName: string;
  data: Uint8Array | AsyncIterable<Uint8Array>;
  format?: ImportFormatChoice;
  now?: Date;
}): Promise<({ ok: true; importId: string; format: ImportFormat } & ImportSummary) | { ok: false; message: string }> {
  const received = await receiveImportFile(input);
  if (!received.ok) return received;
  const preview = await previewImport({
    shop: input.shop,
    importId: received.importId,
    format: input.format,
    now: input.now,
  });
  if (!preview.ok) return preview;
  await db.reviewImport.updateMany({ where: { id: preview.importId }, data: { status: "queued" } });
  const summary = await runImport(input.shop, preview.importId, { now: input.now });
  return { ok: true, importId: preview.importId, format: preview.format, ...summary };
}

export interface ImportStatus {
  id: string;
  fileName: string;
  format: ImportFormat;
  formatLabel: string;
  status: string;
  totalRows: number;
  processedRows: number;
  imported: number;
  skipped: number;
  errors: number;
  failure: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export async function loadImport(shop: string, importId: string): Promise<ImportStatus | null> {
  const row = await db.reviewImport.findFirst({
    where: { shop, id: importId },
    select: {
      id: true,
      fileName: true,
      format: true,
      status: true,
      totalRows: true,
      processedRows: true,
      imported: true,
      skipped: true,
      errors: true,
      failure: true,
      createdAt: true,
      finishedAt: true,
    },
  });
  if (!row) return null;
  const format = z.enum(IMPORT_FORMATS).catch("judgeme").parse(row.format);
  return { ...row, format, formatLabel: IMPORT_FORMAT_LABELS[format] };
}

export async function listImports(shop: string, limit = 10): Promise<ImportStatus[]> {
  const rows = await db.reviewImport.findMany({
    // An upload still arriving, or never previewed, is not an import yet.
    where: { shop, status: { notIn: ["uploading", "uploaded"] } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true },
  });
  return (await Promise.all(rows.map((row) => loadImport(shop, row.id)))).filter(
    (row): row is ImportStatus => row !== null,
  );
}

/** The rejected rows of an import as CSV (line, reason, the row as it was), or null for another shop's import. */
export async function rejectedRowsCsv(shop: string, importId: string): Promise<string | null> {
  const row = await db.reviewImport.findFirst({ where: { shop, id: importId }, select: { rejected: true } });
  return row ? row.rejected || "line,reason,row\n" : null;
}

export const importReviewsJob = defineJob({
  type: IMPORT_REVIEWS_JOB,
  schema: z.object({ shop: z.string().min(1), importId: z.string().min(1) }),
  maxAttempts: 3,
  async run({ shop, importId }, ctx) {
    try {
      const summary = await runImport(shop, importId);
      ctx.log.info({ importId, ...summary }, "import finished");
    } catch (error) {
      await db.reviewImport.updateMany({
        where: { shop, id: importId },
        data: { status: "failed", failure: describeFailure(error) },
      });
      throw error;
    }
  },
});
