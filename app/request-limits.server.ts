// How much body each kind of route may be sent, enforced by scripts/server.ts in front of Remix, before any
// route reads a byte and before anyone is authenticated: a declared Content-Length over the limit is refused
// with 413 at once, and a body without one (chunked) is counted as it streams and refused as it passes the
// limit. Remix never buffers more than the limit of the route's kind.
//
// The first rule that matches applies (its pattern matches the path and, when it names `forBodyTypes`, the
// body is of one of those types); the last one catches everything else. A new kind of route adds a line above
// it. Webhooks never reach this table: the intake (app/modules/webhooks) reads and caps their bodies itself.
// Upload routes take their limits from the module that reads the upload: the media intake for the review
// page's files, the reviews import for a peer's CSV.
import { MEDIA_UPLOAD_MAX_REQUEST_BYTES } from "./modules/media";
import { MAX_IMPORT_BYTES } from "./modules/reviews";

/** The body types an HTML form (and Remix's <Form>, fetchers and useSubmit) can send. */
export const FORM_CONTENT_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"] as const;

/** Room for a multipart body's boundaries, part headers and the format field around the uploaded file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export interface BodyLimitRule {
  kind: string;
  pattern: RegExp;
  maxBytes: number;
  /** Media types (without parameters) a body may have; a body of any other type is refused with 415. */
  contentTypes: readonly string[];
  /**
   * Who checks where a form came from. "same host" (the default): scripts/server.ts refuses an action whose Origin
   * names another host (403). "route": the request reaches the app through a hop that is not the browser's
   * (Shopify's app proxy), so its Origin is the storefront's, never this host; the route checks it instead.
   */
  originCheck?: "same host" | "route";
  /** When set, the rule is for bodies of these types only: a body of another type goes on to the next rules. */
  forBodyTypes?: readonly string[];
}

export const BODY_LIMITS: readonly BodyLimitRule[] = [
  // The review page's form with its photos and video (multipart: the form has file inputs). The media intake
  // streams every file to a temporary file and caps each one itself (15 MB a photo, 100 MB the video); this
  // caps the whole request at one review's files plus its text, about 205 MB. An url-encoded post to the same
  // page carries no files and falls to the shopper form's limit below.
  {
    kind: "review upload",
    pattern: /^\/r\/[^/]+\/?$/,
    maxBytes: MEDIA_UPLOAD_MAX_REQUEST_BYTES,
    contentTypes: ["multipart/form-data"],
    forBodyTypes: ["multipart/form-data"],
  },
  // The review page, unsubscribe and "not arrived yet", and updating a review from a reply email (/rv/): a few
  // short text fields per product (the review form's text is capped far below this), so a shopper's form never
  // needs more.
  { kind: "shopper form", pattern: /^\/rv?\//, maxBytes: 64 * 1024, contentTypes: FORM_CONTENT_TYPES },
  // A peer's review export uploaded on the import screen (the screen's own form posts stay small).
  {
    kind: "review import upload",
    pattern: /^\/app\/imports\/?$/,
    maxBytes: MAX_IMPORT_BYTES + MULTIPART_OVERHEAD_BYTES,
    contentTypes: FORM_CONTENT_TYPES,
  },
  // Merchant screens: settings with lists (excluded products, custom topics), bulk actions on a page of rows.
  { kind: "admin form", pattern: /^\/app(\/|$)/, maxBytes: 1024 * 1024, contentTypes: FORM_CONTENT_TYPES },
  // Sign-in and Shopify's auth redirects.
  { kind: "auth", pattern: /^\/auth(\/|$)/, maxBytes: 16 * 1024, contentTypes: FORM_CONTENT_TYPES },
  // The storefront's review form with its photos and video, through Shopify's app proxy (and, in demo mode,
  // the local hop that signs like it): the same caps as the review page's upload.
  {
    kind: "app proxy review upload",
    pattern: /^\/(apps\/kundrost|proxy)\/reviews\/submit\/?$/,
    maxBytes: MEDIA_UPLOAD_MAX_REQUEST_BYTES,
    contentTypes: ["multipart/form-data"],
    forBodyTypes: ["multipart/form-data"],
    originCheck: "route",
  },
  // The storefront's short forms through Shopify's app proxy (redeem a reward, add a birthday, vote, report, a
  // review without files): a few short fields (a review's text is capped at 5,000 characters). The signature
  // in the query is the credential; app/modules/app-proxy refuses cross-site forms.
  {
    kind: "app proxy form",
    pattern: /^\/proxy(\/|$)/,
    maxBytes: 32 * 1024,
    contentTypes: FORM_CONTENT_TYPES,
    originCheck: "route",
  },
  // The demo's stand-in for Shopify's app proxy (only in demo mode): the same short storefront forms, posted
  // from the preview page on the same host.
  {
    kind: "demo app proxy form",
    pattern: /^\/apps\/kundrost(\/|$)/,
    maxBytes: 32 * 1024,
    contentTypes: FORM_CONTENT_TYPES,
  },
  // Demo controls (only in demo mode): buttons with a field or two.
  { kind: "demo form", pattern: /^\/demo(\/|$)/, maxBytes: 64 * 1024, contentTypes: FORM_CONTENT_TYPES },
  // Anything else takes no body worth having.
  { kind: "other", pattern: /^/, maxBytes: 16 * 1024, contentTypes: FORM_CONTENT_TYPES },
];

/** The rule for a request to `path` whose body has this Content-Type (absent: no body type). */
export function bodyLimitFor(path: string, contentType?: string): BodyLimitRule {
  const type = mediaType(contentType);
  return (
    BODY_LIMITS.find((rule) => rule.pattern.test(path) && (!rule.forBodyTypes || rule.forBodyTypes.includes(type))) ??
    BODY_LIMITS[BODY_LIMITS.length - 1]
  );
}

/** A limit as a person reads it: "64 KB", "205 MB". */
export function describeByteLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.floor(bytes / (1024 * 1024))} MB` : `${Math.floor(bytes / 1024)} KB`;
}

/** The media type of a Content-Type header, lower case and without parameters ("" when absent). */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}
