// The review CSV formats Kundröst reads, detected from the header: Judge.me (both header sets in use), Okendo,
// Yotpo's export, Loox and our own export. Each format names its columns for the fields we keep; one mapper
// turns a row into an imported review or a reason it cannot be imported. Pure.
import { parseReviewDate } from "./dates";

export const IMPORT_FORMATS = ["judgeme", "okendo", "yotpo", "loox", "kundrost"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const IMPORT_FORMAT_LABELS: Record<ImportFormat, string> = {
  judgeme: "Judge.me",
  okendo: "Okendo",
  yotpo: "Yotpo",
  loox: "Loox",
  kundrost: "Kundröst",
};

/** Which column holds each field (normalised header names, first present wins). */
interface ColumnMap {
  rating: string[];
  title: string[];
  body: string[];
  date: string[];
  name: string[];
  email: string[];
  productId: string[];
  handle: string[];
  sku: string[];
  reply: string[];
  replyDate: string[];
  photos: string[];
  verified: string[];
  /** A column whose truthy value means "hidden at the source". */
  hidden: string[];
  /** A column whose value says whether the review was published at the source. */
  state: string[];
}

interface FormatSpec {
  format: ImportFormat;
  /** Every one of these columns present. */
  requires: string[][];
  columns: ColumnMap;
}

const none: string[] = [];

// Ours first (its header is unmistakable), then the peers from the most to the least specific.
const SPECS: FormatSpec[] = [
  {
    format: "kundrost",
    requires: [["kundrost_id", "rating", "body"]],
    columns: {
      rating: ["rating"],
      title: ["title"],
      body: ["body"],
      date: ["created_at"],
      name: ["reviewer_name"],
      email: ["reviewer_email"],
      productId: ["product_id"],
      handle: ["product_handle"],
      sku: none,
      reply: ["reply"],
      replyDate: ["reply_at"],
      photos: ["media_urls"],
      verified: ["verified_buyer"],
      hidden: none,
      state: ["status"],
    },
  },
  {
    format: "yotpo",
    requires: [["review score", "review content"]],
    columns: {
      rating: ["review score"],
      title: ["review title"],
      body: ["review content"],
      date: ["review creation date"],
      name: ["reviewer display name"],
      email: ["reviewer email"],
      productId: ["product id"],
      handle: ["product handle"],
      sku: ["product sku"],
      reply: ["comment content"],
      replyDate: ["comment created at", "comment creation date"],
      photos: ["published image url", "published image urls"],
      verified: ["verified buyer", "verified purchase"],
      hidden: none,
      state: ["published", "review status", "status"],
    },
  },
  {
    format: "judgeme",
    requires: [
      ["title", "body", "rating", "review_date", "reviewer_name", "reviewer_email", "product_handle"],
      ["product_handle", "review_title", "body", "reviewer_name", "reviewer_email", "rating", "review_date"],
    ],
    columns: {
      rating: ["rating"],
      title: ["title", "review_title"],
      body: ["body"],
      date: ["review_date"],
      name: ["reviewer_name"],
      email: ["reviewer_email"],
      productId: ["product_id"],
      handle: ["product_handle"],
      sku: none,
      reply: ["reply"],
      replyDate: ["reply_date"],
      photos: ["picture_urls"],
      verified: ["verified"],
      hidden: ["hidden"],
      state: ["curated"],
    },
  },
  {
    format: "loox",
    requires: [["rating", "review", "nickname"]],
    columns: {
      rating: ["rating"],
      title: none,
      body: ["review"],
      date: ["date"],
      name: ["nickname", "full_name"],
      email: ["email"],
      productId: ["productid", "product_id"],
      handle: ["handle"],
      sku: none,
      reply: ["reply"],
      replyDate: ["replied_at"],
      photos: ["img"],
      verified: ["verified_purchase"],
      hidden: none,
      state: ["status"],
    },
  },
  {
    format: "okendo",
    requires: [["name", "body", "rating", "datecreated"]],
    columns: {
      rating: ["rating"],
      title: ["title"],
      body: ["body"],
      date: ["datecreated"],
      name: ["name"],
      email: ["email"],
      productId: ["productid", "product_id"],
      handle: ["handle", "producthandle"],
      sku: ["sku", "variantsku"],
      reply: ["reply", "replybody"],
      replyDate: ["replydate", "replydatecreated"],
      photos: ["imageurls", "images"],
      verified: ["isverifiedbuyer", "verified", "isverified"],
      hidden: none,
      state: ["status"],
    },
  },
];

/** The format whose columns the header has, or null when none fits. */
export function detectImportFormat(headers: readonly string[]): ImportFormat | null {
  const present = new Set(headers);
  const spec = SPECS.find((s) => s.requires.some((set) => set.every((column) => present.has(column))));
  return spec?.format ?? null;
}

export interface ImportedReview {
  product: { id: string | null; handle: string | null; sku: string | null };
  rating: number;
  title: string | null;
  body: string;
  displayName: string;
  email: string | null;
  createdAt: Date;
  verified: boolean;
  /** Hidden or unpublished at the source: it comes in held, with the reason "hidden_at_source". */
  hiddenAtSource: boolean;
  reply: { body: string; at: Date | null } | null;
  photoUrls: string[];
}

export type MappedRow = { ok: true; review: ImportedReview } | { ok: false; reason: string };

const TRUE_WORDS = new Set([
  "true",
  "yes",
  "1",
  "y",
  "verified",
  "verified buyer",
  "verified_buyer",
  "buyer",
  "ja",
  "sant",
]);
const HIDDEN_STATES = new Set([
  "spam",
  "hidden",
  "not-yet",
  "unpublished",
  "rejected",
  "pending",
  "false",
  "no",
  "0",
  "inactive",
  "archived",
]);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LIMITS = { title: 120, body: 5000, name: 60, reply: 2000 };

/** A reader of one format: the column positions are looked up once for the file's header. */
export function rowMapper(
  format: ImportFormat,
  headers: readonly string[],
  now: Date,
): (fields: string[]) => MappedRow {
  const spec = SPECS.find((s) => s.format === format)!;
  const index = (names: string[]) => names.map((n) => headers.indexOf(n)).find((i) => i >= 0) ?? -1;
  const at = Object.fromEntries(Object.entries(spec.columns).map(([field, names]) => [field, index(names)])) as Record<
    keyof ColumnMap,
    number
  >;
  // Our export protects cells from spreadsheet formulas with a leading apostrophe; take it off again.
  const unprotect =
    format === "kundrost" ? (text: string) => text.replace(/^'(?=[=+\-@\t\r])/, "") : (text: string) => text;
  const value = (fields: string[], field: keyof ColumnMap) =>
    at[field] >= 0 ? unprotect((fields[at[field]] ?? "").trim()) : "";

  return (fields) => {
    if (fields.length !== headers.length)
      return { ok: false, reason: `Expected ${headers.length} columns, found ${fields.length}.` };
    const ratingText = value(fields, "rating");
    const rating = Number(ratingText.replace(",", "."));
    if (!ratingText) return { ok: false, reason: "The rating is missing." };
    if (!Number.isInteger(rating) || rating < 1 || rating > 5)
      return { ok: false, reason: `The rating "${ratingText.slice(0, 20)}" is not a whole number from 1 to 5.` };
    const dateText = value(fields, "date");
    const createdAt = dateText ? parseReviewDate(dateText) : null;
    if (!createdAt)
      return {
        ok: false,
        reason: dateText
          ? `The date "${dateText.slice(0, 40)}" is not a date we can read.`
          : "The review date is missing.",
      };
    if (createdAt.getTime() > now.getTime() + 86_400_000)
      return { ok: false, reason: `The date ${dateText} is in the future.` };
    const product = {
      id: legacyProductId(value(fields, "productId")),
      handle: value(fields, "handle").toLowerCase() || null,
      sku: value(fields, "sku") || null,
    };
    if (!product.id && !product.handle && !product.sku) return { ok: false, reason: "No product handle, id or SKU." };
    const title = value(fields, "title");
    const body = value(fields, "body");
    if (title.length > LIMITS.title)
      return { ok: false, reason: `The title is longer than ${LIMITS.title} characters.` };
    if (body.length > LIMITS.body)
      return { ok: false, reason: `The review text is longer than ${LIMITS.body} characters.` };
    const emailText = value(fields, "email").toLowerCase();
    if (emailText && !EMAIL.test(emailText))
      return { ok: false, reason: `The email "${emailText.slice(0, 60)}" is not an address.` };
    const name = value(fields, "name").slice(0, LIMITS.name) || "Anonymous";
    const replyText = value(fields, "reply");
    const state = value(fields, "state").toLowerCase();
    return {
      ok: true,
      review: {
        product,
        rating,
        title: title || null,
        body,
        displayName: name,
        email: emailText || null,
        createdAt,
        verified: TRUE_WORDS.has(value(fields, "verified").toLowerCase()),
        hiddenAtSource: TRUE_WORDS.has(value(fields, "hidden").toLowerCase()) || HIDDEN_STATES.has(state),
        reply: replyText
          ? { body: replyText.slice(0, LIMITS.reply), at: parseReviewDate(value(fields, "replyDate")) }
          : null,
        photoUrls: photoUrlsOf(value(fields, "photos")),
      },
    };
  };
}

function legacyProductId(text: string): string | null {
  const match = /^(?:gid:\/\/shopify\/Product\/)?(\d{1,20})$/.exec(text);
  return match ? match[1] : null;
}

/** Peers separate several photo URLs with commas, spaces, semicolons or pipes; only http(s) URLs are kept. */
function photoUrlsOf(text: string): string[] {
  if (!text) return [];
  return [...new Set(text.split(/[\s,;|]+/).filter((part) => /^https?:\/\/\S+$/i.test(part)))].slice(0, 10);
}
