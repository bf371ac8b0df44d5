// What a shopper may send for one product, checked field by field. Pure (no I/O), so the page can share the
// limits with the browser. Decisions, as a mature review app makes them:
// - the star rating is the review; it is required (an integer 1–5). Title and text are optional, so a
//   five-star tap with "Great" or with no words at all is a valid review;
// - text, when given, is kept within limits that fit a storefront card and a spam filter;
// - the display name is required (the page fills it in with first name + last initial) and short;
// - the fit question exists only for apparel; any other answer or a fit on a mug is a mistake to report.
// Error messages are translation keys (see locales/*.json `errors.*`), never English sentences.
import { z } from "zod";

export const REVIEW_LIMITS = { titleMax: 120, bodyMax: 5000, displayNameMax: 60 } as const;

export const FIT_ANSWERS = ["runs_small", "true_to_size", "runs_large"] as const;
export type FitAnswer = (typeof FIT_ANSWERS)[number];

export type ReviewField = "rating" | "title" | "body" | "fit" | "displayName" | "product";

export type ReviewFieldErrorKey =
  | "rating.required"
  | "rating.invalid"
  | "title.too_long"
  | "body.too_long"
  | "fit.invalid"
  | "fit.not_applicable"
  | "displayName.required"
  | "displayName.too_long"
  | "product.not_in_request"
  | "product.already_reviewed"
  | "product.duplicate";

/** Errors per product (keyed by productShopifyId), then per field. */
export type ReviewFieldErrors = Record<string, Partial<Record<ReviewField, ReviewFieldErrorKey>>>;

/** The `{max}` a translated error message needs. */
export const ERROR_LIMITS: Partial<Record<ReviewFieldErrorKey, number>> = {
  "title.too_long": REVIEW_LIMITS.titleMax,
  "body.too_long": REVIEW_LIMITS.bodyMax,
  "displayName.too_long": REVIEW_LIMITS.displayNameMax,
};

/** Characters as a person counts them (an emoji or "å" is one), not UTF-16 units. */
export function characterCount(text: string): number {
  return Array.from(text).length;
}

// Control characters other than newline and tab never belong in a review; CRLF from forms becomes LF.
function cleanText(value: unknown): string {
  if (typeof value !== "string") return "";
  return (
    value
      .replace(/\r\n?/g, "\n")
      // eslint-disable-next-line no-control-regex -- control characters are what this strips
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "")
      .trim()
  );
}

const optionalText = (max: number, tooLong: ReviewFieldErrorKey) =>
  z.preprocess(
    cleanText,
    z.string().refine((text) => characterCount(text) <= max, tooLong),
  );

const rating = z.preprocess(
  (value) => {
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string") return value.trim() === "" ? undefined : Number(value.trim());
    return value;
  },
  z
    .number({ required_error: "rating.required", invalid_type_error: "rating.invalid" })
    .int("rating.invalid")
    .min(1, "rating.invalid")
    .max(5, "rating.invalid"),
);

const fit = z.preprocess(
  (value) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined),
  z.enum(FIT_ANSWERS, { errorMap: () => ({ message: "fit.invalid" }) }).optional(),
);

const displayName = z.preprocess(
  (value) => cleanText(value).replace(/\s+/g, " "),
  z
    .string()
    .min(1, "displayName.required")
    .refine((name) => characterCount(name) <= REVIEW_LIMITS.displayNameMax, "displayName.too_long"),
);

export const ReviewEntrySchema = z.object({
  productShopifyId: z.string().trim().min(1).max(100),
  rating,
  title: optionalText(REVIEW_LIMITS.titleMax, "title.too_long"),
  body: optionalText(REVIEW_LIMITS.bodyMax, "body.too_long"),
  fit,
  displayName,
});

/** One product's review as a shopper sent it (form strings or numbers, anything may be missing). */
export type ReviewEntryInput = {
  productShopifyId: string;
  rating?: unknown;
  title?: unknown;
  body?: unknown;
  fit?: unknown;
  displayName?: unknown;
};

export type ReviewEntry = z.infer<typeof ReviewEntrySchema>;

export type EntryCheck =
  { ok: true; entry: ReviewEntry } | { ok: false; errors: Partial<Record<ReviewField, ReviewFieldErrorKey>> };

const KNOWN_ERROR_KEYS = new Set<string>([
  "rating.required",
  "rating.invalid",
  "title.too_long",
  "body.too_long",
  "fit.invalid",
  "fit.not_applicable",
  "displayName.required",
  "displayName.too_long",
]);

export function checkReviewEntry(input: ReviewEntryInput): EntryCheck {
  const parsed = ReviewEntrySchema.safeParse(input);
  if (parsed.success) return { ok: true, entry: parsed.data };
  const errors: Partial<Record<ReviewField, ReviewFieldErrorKey>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as ReviewField | "productShopifyId";
    if (field === "productShopifyId") {
      errors.product = "product.not_in_request";
      continue;
    }
    // The first problem per field is the one to tell the shopper about.
    if (!errors[field]) {
      errors[field] = (KNOWN_ERROR_KEYS.has(issue.message) ? issue.message : `${field}.invalid`) as ReviewFieldErrorKey;
    }
  }
  return { ok: false, errors };
}

/** "Anna Lindqvist" -> "Anna L."; the default a shopper can change. Empty when the name is unknown. */
export function defaultDisplayName(firstName: string | null | undefined, lastName: string | null | undefined): string {
  const first = (firstName ?? "").trim();
  const lastInitial = Array.from((lastName ?? "").trim())[0];
  const name = [first, lastInitial ? `${lastInitial.toUpperCase()}.` : ""].filter(Boolean).join(" ");
  return Array.from(name).slice(0, REVIEW_LIMITS.displayNameMax).join("");
}

// Shopify has no "apparel" flag; merchants say it with the product type or tags (Shopify's standard
// taxonomy puts clothing under "Apparel & Accessories"). Words in English and Swedish.
const APPAREL_WORDS = [
  "apparel",
  "clothing",
  "clothes",
  "shirt",
  "t-shirt",
  "blouse",
  "sweater",
  "jumper",
  "hoodie",
  "cardigan",
  "jacket",
  "coat",
  "jeans",
  "trousers",
  "pants",
  "shorts",
  "skirt",
  "dress",
  "socks",
  "underwear",
  "swimwear",
  "shoes",
  "sneakers",
  "boots",
  "footwear",
  "kläder",
  "skjorta",
  "tröja",
  "jacka",
  "byxor",
  "kjol",
  "klänning",
  "strumpor",
  "skor",
  "kängor",
];

export function isApparelProduct(product: { productType?: string | null; tags?: string[] | string | null }): boolean {
  const tags = Array.isArray(product.tags) ? product.tags : (product.tags ?? "").split(",");
  const words = [product.productType ?? "", ...tags]
    .flatMap((text) => text.toLowerCase().split(/[^\p{L}\p{N}-]+/u))
    .filter(Boolean);
  // "Shirts", "Sneakers", "Dresses": the list holds the singular.
  return words.some((word) =>
    [word, word.replace(/e?s$/, ""), word.replace(/s$/, "")].some((w) => APPAREL_WORDS.includes(w)),
  );
}
