// Importing reviews from a peer's CSV: upload -> detect the format and show the first rows -> confirm -> the
// import job streams the rows: map each to a review (or a reason with its line number), find the product by
// id, handle or SKU, skip what an earlier import already brought in (a natural key per review, unique in the
// database), insert in batches (review, reply, history, photo URLs to fetch) one transaction per batch ->
// the touched products' rating metafields and the topic analysis follow in the background -> a report with
// the rejected rows to download.
//
// Imported reviews keep their original dates, are marked imported with their source, are verified only when
// the source says the reviewer bought, and come in published unless the source had them hidden.
import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import db, { rawSql } from "../../../db.server";
import { loggerFor } from "../../../logger.server";
import { startShopReanalysis } from "../../insights";
import { defineJob, enqueueJob } from "../../jobs";
import { markProductRatingsStale } from "../rating-metafields.server";
import { queueImportedPhotoFetches } from "./photo-fetch.server";
import {
  decodeCsv,
  detectSeparator,
  normaliseHeader,
  readCsvRecords,
  type CsvEncoding,
  type CsvSeparator,
} from "./csv-reader";
import {
  detectImportFormat,
  IMPORT_FORMAT_LABELS,
  IMPORT_FORMATS,
  rowMapper,
  type ImportFormat,
  type ImportedReview,
} from "./formats";

export const IMPORT_REVIEWS_JOB = "reviews.import";
/** An upload larger than this is refused (a 100,000-review Judge.me export is about 25 MB). */
export const MAX_IMPORT_BYTES = 60 * 1024 * 1024;
const BATCH_SIZE = 1_000;
const PREVIEW_ROWS = 5;
/** Rejected rows kept for the report; the count covers them all. */
const MAX_REPORTED_ERRORS = 20_000;

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

interface ParsedFile {
  text: string;
  encoding: CsvEncoding;
  separator: CsvSeparator;
  headers: string[];
}

function parseFile(bytes: Uint8Array): ParsedFile | { problem: string } {
  const { text, encoding } = decodeCsv(bytes);
  const separator = detectSeparator(text);
  const first = readCsvRecords(text, separator).next();
  if (first.done) return { problem: "The file is empty." };
  return { text, encoding, separator, headers: first.value.fields.map(normaliseHeader) };
}

/** Stores the upload and answers the detected format and the first rows as they would be imported. */
export async function previewImport(input: {
  shop: string;
  fileName: string;
  bytes: Uint8Array;
  format?: ImportFormatChoice;
  now?: Date;
}): Promise<ImportPreview> {
  const now = input.now ?? new Date();
  if (input.bytes.byteLength === 0) return { ok: false, message: "The file is empty." };
  if (input.bytes.byteLength > MAX_IMPORT_BYTES)
    return {
      ok: false,
      message: `The file is larger than ${
        MAX_IMPORT_BYTES / 1024 / 1024
      } MB. Split it and import the parts one after another.`,
    };
  const parsed = parseFile(input.bytes);
  if ("problem" in parsed) return { ok: false, message: parsed.problem };
  const detected = detectImportFormat(parsed.headers);
  const chosen = input.format && input.format !== "auto" ? input.format : detected;
  if (!chosen) {
    return {
      ok: false,
      message: `The columns (${parsed.headers
        .slice(0, 6)
        .join(", ")}…) match no format we know: Judge.me, Okendo, Yotpo, Loox or a Kundröst export.`,
    };
  }
  if (detected && detected !== chosen) {
    return {
      ok: false,
      message: `This looks like a ${IMPORT_FORMAT_LABELS[detected]} file, not ${IMPORT_FORMAT_LABELS[chosen]}. Choose "Detect automatically" or the right format.`,
    };
  }
  if (!detected) return { ok: false, message: `The columns do not match the ${IMPORT_FORMAT_LABELS[chosen]} format.` };

  const map = rowMapper(chosen, parsed.headers, now);
  const products = await productIndex(input.shop);
  const rows: ImportPreviewRow[] = [];
  let totalRows = 0;
  for (const record of readCsvRecords(parsed.text, parsed.separator)) {
    if (record.line === 1) continue;
    totalRows += 1;
    if (rows.length >= PREVIEW_ROWS) continue;
    const mapped = map(record.fields);
    const missing =
      mapped.ok && !productFor(products, mapped.review.product) ? missingProductReason(mapped.review.product) : null;
    rows.push(
      missing
        ? { line: record.line, ok: false, reason: missing }
        : mapped.ok
          ? {
              line: record.line,
              ok: true,
              rating: mapped.review.rating,
              title: mapped.review.title,
              body: mapped.review.body.slice(0, 200),
              displayName: mapped.review.displayName,
              product: mapped.review.product.handle ?? mapped.review.product.id ?? mapped.review.product.sku ?? "",
              date: mapped.review.createdAt.toISOString().slice(0, 10),
            }
          : { line: record.line, ok: false, reason: mapped.reason },
    );
  }
  const row = await db.reviewImport.create({
    data: {
      shop: input.shop,
      fileName: input.fileName.slice(0, 200),
      format: chosen,
      encoding: parsed.encoding,
      separator: parsed.separator,
      content: Buffer.from(input.bytes),
      totalRows,
      createdAt: now,
    },
  });
  return {
    ok: true,
    importId: row.id,
    format: chosen,
    formatLabel: IMPORT_FORMAT_LABELS[chosen],
    encoding: parsed.encoding,
    separator: parsed.separator,
    headers: parsed.headers,
    totalRows,
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

interface ProductIndex {
  ids: Set<string>;
  byHandle: Map<string, string>;
  bySku: Map<string, string>;
}

async function productIndex(shop: string): Promise<ProductIndex> {
  const [products, skus] = await Promise.all([
    db.product.findMany({ where: { shop }, select: { shopifyId: true, handle: true } }),
    db.orderLine.findMany({
      where: { shop, sku: { not: null }, productShopifyId: { not: null } },
      select: { sku: true, productShopifyId: true },
      distinct: ["sku"],
    }),
  ]);
  return {
    ids: new Set(products.map((p) => p.shopifyId)),
    byHandle: new Map(products.map((p) => [p.handle.toLowerCase(), p.shopifyId])),
    bySku: new Map(skus.map((s) => [s.sku!.trim(), s.productShopifyId!])),
  };
}

function productFor(index: ProductIndex, product: ImportedReview["product"]): string | null {
  if (product.id && index.ids.has(product.id)) return product.id;
  if (product.handle && index.byHandle.has(product.handle)) return index.byHandle.get(product.handle)!;
  if (product.sku && index.bySku.has(product.sku)) return index.bySku.get(product.sku)!;
  return null;
}

function missingProductReason({ id, handle, sku }: ImportedReview["product"]): string {
  return `No product of the shop has ${handle ? `the handle "${handle}"` : id ? `the id ${id}` : `the SKU "${sku}"`}.`;
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

interface PendingRow {
  line: number;
  productShopifyId: string;
  key: string;
  review: ImportedReview;
}

/** Runs a stored import to the end. Safe to run again: rows already imported are skipped by their key. */
export async function runImport(
  shop: string,
  importId: string,
  options: { now?: Date; locale?: string } = {},
): Promise<ImportSummary> {
  const now = options.now ?? new Date();
  const log = loggerFor({ shop, module: "reviews" });
  const stored = await db.reviewImport.findFirst({ where: { shop, id: importId } });
  if (!stored) throw new Error(`Import ${importId} not found for ${shop}`);
  const format = z.enum(IMPORT_FORMATS).parse(stored.format);
  await db.reviewImport.update({
    where: { id: stored.id },
    data: { status: "running", processedRows: 0, imported: 0, skipped: 0, errors: 0, rejected: "", failure: null },
  });

  const parsed = parseFile(stored.content);
  if ("problem" in parsed) throw new Error(parsed.problem);
  const map = rowMapper(format, parsed.headers, now);
  const products = await productIndex(shop);
  const locale =
    options.locale ??
    (await db.shop.findUnique({ where: { shop }, select: { primaryLocale: true } }))?.primaryLocale ??
    "en";

  const summary: ImportSummary = { imported: 0, skipped: 0, errors: 0, totalRows: stored.totalRows };
  const rejected: string[] = ["line,reason,row"];
  const seen = new Set<string>();
  const touched = new Set<string>();
  let processed = 0;
  let batch: PendingRow[] = [];

  const reject = (line: number, reason: string, fields: string[]) => {
    summary.errors += 1;
    if (rejected.length <= MAX_REPORTED_ERRORS)
      rejected.push([String(line), csvCell(reason), csvCell(fields.join(parsed.separator))].join(","));
  };

  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    const fresh = await insertBatch(shop, format, locale, rows, now);
    summary.skipped += rows.length - fresh.length;
    summary.imported += fresh.length;
    for (const row of fresh) if (!row.review.hiddenAtSource) touched.add(row.productShopifyId);
    await db.reviewImport.update({
      where: { id: stored.id },
      data: { processedRows: processed, imported: summary.imported, skipped: summary.skipped, errors: summary.errors },
    });
  };

  for (const record of readCsvRecords(parsed.text, parsed.separator)) {
    if (record.line === 1) continue;
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
    const productShopifyId = productFor(products, mapped.review.product);
    if (!productShopifyId) {
      reject(record.line, missingProductReason(mapped.review.product), record.fields);
      continue;
    }
    const key = importKeyOf(productShopifyId, mapped.review);
    if (seen.has(key)) {
      summary.skipped += 1;
      continue;
    }
    seen.add(key);
    batch.push({ line: record.line, productShopifyId, key, review: mapped.review });
    if (batch.length >= BATCH_SIZE) await flush();
  }
  await flush();

  await db.$transaction(async (tx) => {
    await markProductRatingsStale(tx, shop, touched);
    if (summary.imported > 0) await startShopReanalysis(shop, tx);
    await tx.reviewImport.update({
      where: { id: stored.id },
      data: {
        status: "done",
        processedRows: processed,
        totalRows: processed,
        imported: summary.imported,
        skipped: summary.skipped,
        errors: summary.errors,
        rejected: summary.errors > 0 ? `${rejected.join("\n")}\n` : "",
        finishedAt: new Date(),
      },
    });
  });
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
      fresh.flatMap(({ id, review }) => review.photoUrls.map((url) => ({ reviewId: id, url }))),
    );
    return fresh;
  });
}

/** Preview, confirm and run in one go: the CLI and the benchmark. */
export async function importReviewsFile(input: {
  shop: string;
  fileName: string;
  bytes: Uint8Array;
  format?: ImportFormatChoice;
  now?: Date;
}): Promise<({ ok: true; importId: string; format: ImportFormat } & ImportSummary) | { ok: false; message: string }> {
  const preview = await previewImport(input);
  if (!preview.ok) return preview;
  await db.reviewImport.update({ where: { id: preview.importId }, data: { status: "queued" } });
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
    where: { shop },
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
        data: { status: "failed", failure: (error as Error).message.slice(0, 500) },
      });
      throw error;
    }
  },
});
