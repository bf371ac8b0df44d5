// How much body each kind of route may be sent, enforced by scripts/server.ts in front of Remix, before any
// route reads a byte and before anyone is authenticated: a declared Content-Length over the limit is refused
// with 413 at once, and a body without one (chunked) is counted as it streams and refused as it passes the
// limit. Remix never buffers more than the limit of the route's kind.
//
// The first rule whose pattern matches the path applies; the last one catches everything else. A new kind of
// route adds a line above it: e.g. the photo upload route, whose limit the media intake owns (it streams the
// upload and caps each file itself; the line here caps the whole request):
//   { kind: "upload", pattern: /^\/r\/[^/]+\/photos$/, maxBytes: MEDIA_UPLOAD_MAX_REQUEST_BYTES,
//     contentTypes: ["multipart/form-data"] },
// Webhooks never reach this table: the intake (app/modules/webhooks) reads and caps their bodies itself.

/** The body types an HTML form (and Remix's <Form>, fetchers and useSubmit) can send. */
export const FORM_CONTENT_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"] as const;

export interface BodyLimitRule {
  kind: string;
  pattern: RegExp;
  maxBytes: number;
  /** Media types (without parameters) a body may have; a body of any other type is refused with 415. */
  contentTypes: readonly string[];
}

export const BODY_LIMITS: readonly BodyLimitRule[] = [
  // The review page, unsubscribe and "not arrived yet": a few short text fields per product (the review form's
  // text is capped far below this), so a shopper's form never needs more.
  { kind: "shopper form", pattern: /^\/r\//, maxBytes: 64 * 1024, contentTypes: FORM_CONTENT_TYPES },
  // Merchant screens: settings with lists (excluded products, custom topics), bulk actions on a page of rows.
  { kind: "admin form", pattern: /^\/app(\/|$)/, maxBytes: 1024 * 1024, contentTypes: FORM_CONTENT_TYPES },
  // Sign-in and Shopify's auth redirects.
  { kind: "auth", pattern: /^\/auth(\/|$)/, maxBytes: 16 * 1024, contentTypes: FORM_CONTENT_TYPES },
  // Demo controls (only in demo mode): buttons with a field or two.
  { kind: "demo form", pattern: /^\/demo(\/|$)/, maxBytes: 64 * 1024, contentTypes: FORM_CONTENT_TYPES },
  // Anything else takes no body worth having.
  { kind: "other", pattern: /^/, maxBytes: 16 * 1024, contentTypes: FORM_CONTENT_TYPES },
];

export function bodyLimitFor(path: string): BodyLimitRule {
  return BODY_LIMITS.find((rule) => rule.pattern.test(path)) ?? BODY_LIMITS[BODY_LIMITS.length - 1];
}

/** The media type of a Content-Type header, lower case and without parameters ("" when absent). */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}
