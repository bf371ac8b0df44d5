// Where review photos and videos live: one interface, two adapters (local disk, S3-compatible bucket). Keys
// are made by the media module only (storage-keys.ts) and checked again here, so no key can walk out of its
// folder or bucket prefix.
import type { Readable } from "node:stream";

/** What a read of an object (or of a byte range of it) says before its bytes: all a HEAD request is told. */
export interface StoredObjectHead {
  /** Bytes the read brings (the range's length when a range was asked for). */
  length: number;
  /** The whole object's size. */
  size: number;
  /** The bytes the read brings when a range was asked for and met (an end past the object's own is cut to it). */
  range?: ByteRange;
  contentType: string;
}

export interface StoredObject extends StoredObjectHead {
  body: Readable;
}

/**
 * Lets go of an object's body unread (a file over an export's budget). Whatever the stream reports after that is
 * of no interest and must not go unheard: an unheard 'error' event ends the process.
 */
export function discardBody(object: Pick<StoredObject, "body">): void {
  object.body.on("error", () => undefined);
  object.body.destroy();
}

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

/**
 * A byte range as an HTTP request asks for it, before anyone knows the object's size: "bytes=a-b", "bytes=a-"
 * (to the end) or "bytes=-n" (the last n). The store meets it with the size it finds on the same look-up as the
 * bytes, so serving a range never needs a look-up of its own for the size.
 */
export type RequestedRange = { start: number; end?: number } | { suffix: number };

/** A read's range asks for no byte of the object (it starts at or past the end); `size` is what a 416 names. */
export class RangeNotSatisfiableError extends Error {
  constructor(readonly size: number) {
    super(`The requested range is not satisfiable: the object has ${size} bytes`);
    this.name = "RangeNotSatisfiableError";
  }
}

/** The bytes a requested range means for an object of `size` bytes, or null when it means none. */
export function meetRange(range: RequestedRange, size: number): ByteRange | null {
  if ("suffix" in range)
    return range.suffix === 0 || size === 0 ? null : { start: Math.max(0, size - range.suffix), end: size - 1 };
  const end = Math.min(range.end ?? size - 1, size - 1);
  return range.start > end ? null : { start: range.start, end };
}

/**
 * What a read of `range` in an object of `size` bytes brings, from the size alone: the one reckoning both stores
 * use, so a HEAD request is told what the GET would be. Throws RangeNotSatisfiableError for a range that asks for
 * no byte.
 */
export function headOfRead(size: number, contentType: string, range?: RequestedRange): StoredObjectHead {
  const met = range ? meetRange(range, size) : undefined;
  if (met === null) throw new RangeNotSatisfiableError(size);
  const length = met ? met.end - met.start + 1 : size;
  return met ? { length, size, range: met, contentType } : { length, size, contentType };
}

export interface MediaStorage {
  readonly kind: "local" | "s3";
  put(key: string, body: Buffer | { file: string }, contentType: string): Promise<void>;
  /**
   * The object (or the asked byte range of it), or null when there is none under that key; one look-up, whose
   * answer carries the object's size with its bytes. Throws RangeNotSatisfiableError for a range that asks for none.
   */
  read(key: string, range?: RequestedRange): Promise<StoredObject | null>;
  /**
   * What `read` would say of the object, without its bytes (for a HEAD request): one look-up that opens nothing, a
   * stat on disk, a HeadObject in a bucket. Null when there is none; throws RangeNotSatisfiableError as `read` does.
   */
  head(key: string, range?: RequestedRange): Promise<StoredObjectHead | null>;
  /** The object's size, or null when there is none. */
  size(key: string): Promise<number | null>;
  /** Copies the object to a local file (the video job reads its upload this way). */
  download(key: string, file: string): Promise<void>;
  /** Deletes each key; a key with nothing under it is not an error (deletion is repeated on retries). */
  delete(keys: string[]): Promise<void>;
  /** Deletes everything whose key starts with `prefix` (a folder: ends with "/"); returns how many. */
  deletePrefix(prefix: string): Promise<number>;
}

const KEY = /^(?:[a-z0-9][a-z0-9._-]{0,120}\/){1,6}[a-z0-9][a-z0-9._-]{0,120}$/;

export function assertStorageKey(key: string): string {
  if (!KEY.test(key) || key.includes("..")) throw new Error(`Not a media storage key: ${JSON.stringify(key)}`);
  return key;
}

export function assertStoragePrefix(prefix: string): string {
  if (!prefix.endsWith("/")) throw new Error(`A media storage prefix ends with "/": ${JSON.stringify(prefix)}`);
  assertStorageKey(`${prefix}x`);
  return prefix;
}

export function contentTypeOfKey(key: string): string {
  if (key.endsWith(".webp")) return "image/webp";
  if (key.endsWith(".mp4")) return "video/mp4";
  return "application/octet-stream";
}
