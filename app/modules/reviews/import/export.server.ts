// Exporting all of a shop's reviews as CSV, in our format (every field we keep, re-importable) or Judge.me's
// (for a merchant moving on), streamed a page at a time by keyset, so 100,000 reviews never sit in memory.
import { Readable } from "node:stream";
import { shopifyCredentials } from "../../../config.server";
import db from "../../../db.server";
import { publicMediaUrl } from "../../media";
import { z } from "zod";

export const EXPORT_FORMATS = ["kundrost", "judgeme"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
// Prisma keeps an IN list on SQLite under 999 parameters.
const PAGE = 500;

const KUNDROST_COLUMNS = [
  "kundrost_id",
  "product_id",
  "product_handle",
  "product_title",
  "rating",
  "title",
  "body",
  "reviewer_name",
  "reviewer_email",
  "status",
  "verified_buyer",
  "imported",
  "import_source",
  "source",
  "locale",
  "created_at",
  "published_at",
  "reply",
  "reply_at",
  "helpful_count",
  "report_count",
  "media_urls",
  "topics",
] as const;

// Judge.me's import/export header (the first of its two header sets).
const JUDGEME_COLUMNS = [
  "title",
  "body",
  "rating",
  "review_date",
  "source",
  "curated",
  "reviewer_name",
  "reviewer_email",
  "product_id",
  "product_handle",
  "reply",
  "reply_date",
  "picture_urls",
  "ip_address",
  "location",
] as const;

/**
 * A cell as a spreadsheet will not run it: a leading =, +, -, @ or tab would make Excel evaluate shoppers' text
 * as a formula (CSV injection), so such a value starts with an apostrophe; our import takes it off again.
 */
export function csvValue(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (cells: (string | number | boolean | null | undefined)[]) => `${cells.map(csvValue).join(",")}\r\n`;

type ReviewPage = Awaited<ReturnType<typeof reviewPage>>;

async function reviewPage(shop: string, afterId: string | null) {
  return db.review.findMany({
    where: { shop, ...(afterId ? { id: { gt: afterId } } : {}) },
    orderBy: { id: "asc" },
    take: PAGE,
    include: {
      reply: true,
      media: { select: { token: true, kind: true, status: true, hidden: true }, orderBy: { position: "asc" } },
      mentions: { select: { topic: true, sentiment: true } },
    },
  });
}

async function rowsOf(shop: string, format: ExportFormat, page: ReviewPage, appUrl: string): Promise<string> {
  const productIds = [...new Set(page.map((review) => review.productShopifyId))];
  const reviewIds = page.map((review) => review.id);
  const [products, photos] = await Promise.all([
    db.product.findMany({
      where: { shop, shopifyId: { in: productIds } },
      select: { shopifyId: true, handle: true, title: true },
    }),
    db.reviewPhotoFetch.findMany({
      where: { shop, reviewId: { in: reviewIds } },
      select: { reviewId: true, url: true, status: true },
    }),
  ]);
  const product = new Map(products.map((p) => [p.shopifyId, p]));
  let out = "";
  for (const review of page) {
    const p = product.get(review.productShopifyId);
    // Stored photos and videos by the address that serves them (once the review is published, and while the
    // merchant has not hidden them); imported photo URLs not fetched yet by their source address.
    const media = [
      ...review.media
        .filter((m) => m.status === "ready" && !m.hidden)
        .map((m) => `${appUrl}${publicMediaUrl(m.token, m.kind === "video" ? "video" : "display")}`),
      ...photos.filter((f) => f.reviewId === review.id && f.status === "queued").map((f) => f.url),
    ].join(" ");
    if (format === "kundrost") {
      out += line([
        review.id,
        review.productShopifyId,
        p?.handle,
        p?.title,
        review.rating,
        review.title,
        review.body,
        review.displayName,
        review.email,
        review.status,
        review.verifiedBuyer,
        review.source === "import",
        review.importSource,
        review.source,
        review.locale,
        review.createdAt.toISOString(),
        review.publishedAt?.toISOString(),
        review.reply?.body,
        review.reply?.updatedAt.toISOString(),
        review.helpfulCount,
        review.reportCount,
        media,
        [...new Set(review.mentions.map((m) => `${m.topic}:${m.sentiment}`))].join("|"),
      ]);
    } else {
      out += line([
        review.title,
        review.body,
        review.rating,
        review.createdAt.toISOString().slice(0, 10),
        review.source === "import" ? (review.importSource ?? "import") : "web",
        review.status === "published" ? "ok" : review.status === "rejected" ? "spam" : "not-yet",
        review.displayName,
        review.email,
        review.productShopifyId,
        p?.handle,
        review.reply?.body,
        review.reply?.updatedAt.toISOString().slice(0, 10),
        media.replace(/ /g, ","),
        "",
        "",
      ]);
    }
  }
  return out;
}

/** The export as text chunks: the header, then one chunk per page of reviews. */
export async function* exportReviewChunks(
  shop: string,
  format: ExportFormat,
  options: { appUrl?: string } = {},
): AsyncGenerator<string> {
  z.enum(EXPORT_FORMATS).parse(format);
  const appUrl = (options.appUrl ?? shopifyCredentials().appUrl).replace(/\/+$/, "");
  yield line([...(format === "kundrost" ? KUNDROST_COLUMNS : JUDGEME_COLUMNS)]);
  let afterId: string | null = null;
  for (;;) {
    const page = await reviewPage(shop, afterId);
    if (page.length === 0) return;
    yield await rowsOf(shop, format, page, appUrl);
    if (page.length < PAGE) return;
    afterId = page[page.length - 1].id;
  }
}

/** A web stream of the export (UTF-8 with a byte-order mark, so Excel reads å, ä and ö right). */
export function exportReviewsStream(shop: string, format: ExportFormat): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  async function* withBom() {
    yield encoder.encode("\uFEFF");
    for await (const chunk of exportReviewChunks(shop, format)) yield encoder.encode(chunk);
  }
  return Readable.toWeb(Readable.from(withBom())) as ReadableStream<Uint8Array>;
}

export function exportFileName(shop: string, format: ExportFormat, now: Date = new Date()): string {
  return `${shop.replace(/\.myshopify\.com$/, "")}-reviews-${format}-${now.toISOString().slice(0, 10)}.csv`;
}
