// A multipart form with files, read as it streams in: every file goes to a temporary file of its own (never a
// whole upload in memory), capped by its field's limit as the bytes pass; text fields stay small and in
// memory. The whole request has a cap too: past it the caller answers 413. Everything written here is removed
// by `cleanup()`, which the caller runs in `finally` on every path.
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import {
  unstable_composeUploadHandlers as composeUploadHandlers,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
  MaxPartSizeExceededError,
} from "@remix-run/node";
import { MEDIA_LIMITS, type MediaRefusal } from "./limits";

export interface StagedUpload {
  /** The form field the file came in (the caller knows what its names mean). */
  field: string;
  /** The name the shopper's device gave it: shown back to them, never used to decide anything. */
  fileName: string;
  /** The temporary file, or null when nothing was kept (over its cap, or empty). */
  path: string | null;
  bytes: number;
  refusal: MediaRefusal | null;
}

export interface ReceivedMediaForm {
  form: FormData;
  uploads: StagedUpload[];
  /** Removes every temporary file of this request. Safe to call more than once. */
  cleanup(): Promise<void>;
}

export class UploadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The upload is larger than ${limitBytes} bytes.`);
  }
}

const TEXT_FIELD_MAX_BYTES = 64 * 1024;

/** Stops writing a spool file, waits for its descriptor to close, and removes it. */
async function discard(out: WriteStream, upload: StagedUpload): Promise<void> {
  out.destroy();
  await finished(out).catch(() => undefined);
  await rm(upload.path as string, { force: true });
  upload.path = null;
}

/** Where temporary uploads go: MEDIA_TMP_DIR, else the system's temporary folder. */
export function mediaTempRoot(): string {
  return process.env.MEDIA_TMP_DIR || os.tmpdir();
}

export async function makeMediaTempDir(prefix = "kundrost-media-"): Promise<string> {
  return mkdtemp(path.join(mediaTempRoot(), prefix));
}

/** The longest a shopper's file may be while it arrives, by the field it comes in. */
export type FieldCap = (field: string) => { maxBytes: number; refusal: MediaRefusal } | null;

export function isMultipart(request: Request): boolean {
  return (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");
}

/**
 * Reads a multipart request. `fieldCap` names the file fields and their caps; a file in any other field is
 * read past and dropped. `maxRequestBytes` caps the whole body (Content-Length up front, then the bytes as
 * they arrive): UploadTooLargeError.
 */
export async function receiveMediaForm(
  request: Request,
  options: { fieldCap: FieldCap; maxRequestBytes: number; maxFiles: number },
): Promise<ReceivedMediaForm> {
  const declared = Number(request.headers.get("Content-Length") ?? "");
  if (Number.isFinite(declared) && declared > options.maxRequestBytes)
    throw new UploadTooLargeError(options.maxRequestBytes);

  let dir: string | null = null;
  const uploads: StagedUpload[] = [];
  let total = 0;
  const cleanup = async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  };
  const count = (bytes: number) => {
    total += bytes;
    if (total > options.maxRequestBytes) throw new UploadTooLargeError(options.maxRequestBytes);
  };

  const fileHandler = async (part: { name: string; filename?: string; data: AsyncIterable<Uint8Array> }) => {
    if (part.filename === undefined) return undefined;
    const cap = options.fieldCap(part.name);
    // A file input left empty still sends a part with an empty name and no bytes.
    if (!cap || part.filename === "" || uploads.length >= options.maxFiles) {
      for await (const chunk of part.data) count(chunk.byteLength);
      return "";
    }
    dir ??= await makeMediaTempDir();
    const upload: StagedUpload = {
      field: part.name,
      fileName: part.filename.slice(0, 200),
      path: path.join(dir, `upload-${uploads.length}`),
      bytes: 0,
      refusal: null,
    };
    uploads.push(upload);
    const out = createWriteStream(upload.path as string, { flags: "wx" });
    // Every error of the spool file is heard here: an unheard 'error' event ends the web process. Stopping a
    // file past its cap destroys the stream while a write may still be in flight, which reports
    // ERR_STREAM_DESTROYED; that one is expected and dropped. Any other (a full disk) fails the request.
    let spoolError: Error | null = null;
    out.on("error", (error) => {
      spoolError ??= error;
    });
    let writing = true;
    let kept = false;
    try {
      for await (const chunk of part.data) {
        count(chunk.byteLength);
        upload.bytes += chunk.byteLength;
        if (!writing) continue;
        if (upload.bytes > cap.maxBytes) {
          // Past the cap: stop keeping it, read the rest of this part so the rest of the form still arrives.
          writing = false;
          upload.refusal = cap.refusal;
          await discard(out, upload);
          continue;
        }
        if (spoolError) throw spoolError;
        if (!out.write(chunk)) await once(out, "drain");
      }
      if (writing) {
        out.end();
        await finished(out);
        kept = true;
      }
    } finally {
      // Leaving early (the request over its cap, the shopper gone, the disk full): nothing half-written stays.
      if (writing && !kept) await discard(out, upload);
    }
    if (upload.bytes === 0 && upload.refusal === null) {
      await rm(upload.path as string, { force: true });
      upload.path = null;
      upload.refusal = "damaged";
    }
    return `upload:${uploads.length - 1}`;
  };

  const textHandler = createMemoryUploadHandler({ maxPartSize: TEXT_FIELD_MAX_BYTES });
  try {
    const form = await parseMultipartFormData(
      request,
      composeUploadHandlers(fileHandler, async (part) => {
        const value = await textHandler(part);
        if (typeof value === "string") count(Buffer.byteLength(value));
        return value;
      }),
    );
    return { form, uploads, cleanup };
  } catch (error) {
    await cleanup();
    if (error instanceof MaxPartSizeExceededError) throw new UploadTooLargeError(options.maxRequestBytes);
    throw error;
  }
}

/** The caps of a review's fields: a photo field allows a photo's bytes, a video field a video's. */
export function reviewUploadCap(kind: "photo" | "video"): { maxBytes: number; refusal: MediaRefusal } {
  return kind === "photo"
    ? { maxBytes: MEDIA_LIMITS.photoMaxBytes, refusal: "photo_too_large" }
    : { maxBytes: MEDIA_LIMITS.videoMaxBytes, refusal: "video_too_large" };
}
