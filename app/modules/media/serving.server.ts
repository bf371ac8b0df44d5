// Serving stored photos and videos over HTTP: /media/<token>/<file>. The public sees an item only while its
// review is published and the merchant has not hidden it; anything else is a plain 404 (nothing says it
// exists). The merchant's admin uses the same URLs with a short-lived signature instead. Every answer carries
// the file's own Content-Type, nosniff and a Content-Security-Policy that runs nothing, so a file can never
// act as a page. A public file's bytes never change, but whether the public may see it does (the merchant hides a
// photo, or the review): so shared caches keep it for PUBLIC_MEDIA_MAX_AGE_S at most and then ask again with
// its ETag, which costs a 304 while it is visible and stops it everywhere within that bound once it is not.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { Readable } from "node:stream";
import { shopifyCredentials } from "../../config.server";
import db from "../../db.server";
import { mediaStorage } from "./storage/configured.server";
import { RangeNotSatisfiableError, type RequestedRange, type StoredObjectHead } from "./storage/media-storage";
import { fileNameOfRole, roleOfFileName, type MediaFileRole } from "./storage-keys.server";

const SAFE_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; img-src 'self'; media-src 'self'; sandbox",
  "Cross-Origin-Resource-Policy": "cross-origin",
  "Referrer-Policy": "no-referrer",
} as const;
/** How long a browser or CDN may show a public file without asking again: the longest a hidden photo lingers. */
export const PUBLIC_MEDIA_MAX_AGE_S = 300;
const PUBLIC_CACHE = `public, max-age=${PUBLIC_MEDIA_MAX_AGE_S}, must-revalidate`;
const MERCHANT_CACHE = "private, max-age=3600";
const MERCHANT_URL_TTL_MS = 6 * 60 * 60 * 1000;

function signature(token: string, file: string, expires: number): string {
  return createHmac("sha256", shopifyCredentials().apiSecretKey)
    .update(`media:${token}/${file}:${expires}`)
    .digest("base64url");
}

/** The URL a public page shows for a published item's file. */
export function publicMediaUrl(token: string, role: MediaFileRole): string {
  return `/media/${token}/${fileNameOfRole(role)}`;
}

/** A URL that shows the merchant any item of their shop, published or not, for a few hours. */
export function merchantMediaUrl(token: string, role: MediaFileRole, now: Date = new Date()): string {
  const file = fileNameOfRole(role);
  // Rounded to the hour, so the same page loaded twice reuses the browser's cached copy.
  const expires = Math.ceil((now.getTime() + MERCHANT_URL_TTL_MS) / 3_600_000) * 3600;
  return `/media/${token}/${file}?expires=${expires}&sig=${signature(token, file, expires)}`;
}

function hasValidSignature(url: URL, token: string, file: string, now: Date): boolean {
  const expires = Number(url.searchParams.get("expires"));
  const given = url.searchParams.get("sig") ?? "";
  if (!Number.isSafeInteger(expires) || expires * 1000 < now.getTime()) return false;
  const expected = Buffer.from(signature(token, file, expires));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function notFound(): Response {
  return new Response("Not found", {
    status: 404,
    headers: { ...SAFE_HEADERS, "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/**
 * Reads a single "bytes=a-b", "bytes=a-" or "bytes=-n" Range header before the file's size is known: null for
 * none (or one not understood, which is ignored), "invalid" for one no file can meet (a last byte before the first,
 * or the last 0 bytes). The storage meets the rest with the size it finds when it opens the file.
 */
export function parseRange(header: string | null): RequestedRange | null | "invalid" {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return null;
  // Past any file's size either way, and still written as digits in the Range the bucket is sent.
  const number = (digits: string) => Math.min(Number(digits), Number.MAX_SAFE_INTEGER);
  if (match[1] === "") {
    const suffix = number(match[2]);
    return suffix === 0 ? "invalid" : { suffix };
  }
  const start = number(match[1]);
  if (match[2] === "") return { start };
  const end = number(match[2]);
  return start > end ? "invalid" : { start, end };
}

function ifNoneMatchHas(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const trimmed = tag.trim();
    return trimmed === "*" || trimmed === etag || trimmed === `W/${etag}`;
  });
}

export async function serveMediaFile(
  request: Request,
  token: string,
  file: string,
  now: Date = new Date(),
): Promise<Response> {
  const role = roleOfFileName(file);
  if (!role || !/^[a-f0-9]{32}$/.test(token)) return notFound();
  const media = await db.reviewMedia.findUnique({
    where: { token },
    select: {
      status: true,
      hidden: true,
      storageKey: true,
      thumbnailKey: true,
      posterKey: true,
      review: { select: { status: true } },
    },
  });
  if (!media || media.status !== "ready") return notFound();
  const key = role === "thumbnail" ? media.thumbnailKey : role === "poster" ? media.posterKey : media.storageKey;
  if (!key || !key.endsWith(`/${file}`)) return notFound();

  const url = new URL(request.url);
  const merchant = url.searchParams.has("sig") && hasValidSignature(url, token, file, now);
  const isPublic = media.review.status === "published" && !media.hidden;
  if (!merchant && !isPublic) return notFound();

  const storage = mediaStorage();
  const range = parseRange(request.headers.get("Range"));
  const ifNoneMatch = request.headers.get("If-None-Match");
  const cacheControl = merchant ? MERCHANT_CACHE : PUBLIC_CACHE;
  // One look-up in the storage per answer. A cache revalidating (If-None-Match) nearly always gets a 304, and a
  // range no file can meet gets a 416: both need the size alone, which a stat (an S3 HEAD) gives without opening
  // the file. Every other answer is one read, which brings the size with the bytes; a HEAD request's is one head
  // (again a stat or an S3 HEAD), which tells what that read would without opening the file or fetching a byte.
  if (ifNoneMatch !== null || range === "invalid") {
    const size = await storage.size(key);
    if (size === null) return notFound();
    const headers = fileHeaders(key, size, cacheControl);
    // Asked again after max-age by a cache that still holds it: still visible (checked above), still the same.
    if (ifNoneMatchHas(ifNoneMatch, headers.ETag)) return new Response(null, { status: 304, headers });
    if (range === "invalid") return rangeNotSatisfiable(headers, size);
    // A tag this file never had (a key's bytes never change): the only answer with a look-up after the stat.
  }
  const asked = range ?? undefined;
  let object: StoredObjectHead | null;
  let body: Readable | undefined;
  try {
    if (request.method === "HEAD") object = await storage.head(key, asked);
    else {
      const read = await storage.read(key, asked);
      object = read;
      body = read?.body;
    }
  } catch (error) {
    if (!(error instanceof RangeNotSatisfiableError)) throw error;
    return rangeNotSatisfiable(fileHeaders(key, error.size, cacheControl), error.size);
  }
  if (!object) return notFound();
  const headers = fileHeaders(key, object.size, cacheControl);
  headers["Content-Type"] = object.contentType;
  headers["Content-Length"] = String(object.length);
  if (object.range) headers["Content-Range"] = `bytes ${object.range.start}-${object.range.end}/${object.size}`;
  const status = object.range ? 206 : 200;
  if (!body) return new Response(null, { status, headers });
  return new Response(Readable.toWeb(body) as unknown as ReadableStream<Uint8Array>, { status, headers });
}

function fileHeaders(key: string, size: number, cacheControl: string): Record<string, string> & { ETag: string } {
  return {
    ...SAFE_HEADERS,
    "Accept-Ranges": "bytes",
    "Cache-Control": cacheControl,
    // A key names one file's bytes for ever (128 random bits per item), so the key and size identify them.
    ETag: `"${createHash("sha256").update(`${key}:${size}`).digest("base64url").slice(0, 27)}"`,
  };
}

function rangeNotSatisfiable(headers: Record<string, string>, size: number): Response {
  return new Response(null, { status: 416, headers: { ...headers, "Content-Range": `bytes */${size}` } });
}
