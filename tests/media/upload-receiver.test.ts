// The upload spool on its own: files past their field's cap, or a request past its whole cap, stop being kept
// while bytes are still arriving and a disk write may still be in flight. None of that may leave an unheard
// stream error behind (an unheard 'error' event ends the web process), a temporary file on disk, or a
// refused file kept.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { receiveMediaForm, UploadTooLargeError } from "~/modules/media";

const BOUNDARY = "----kundrost-spool-test";
const KB = 1024;

let tmp: string;
const unheard: unknown[] = [];
const listen = (error: unknown) => unheard.push(error);

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "kundrost-spool-"));
  process.env.MEDIA_TMP_DIR = tmp;
  process.on("uncaughtException", listen);
});
afterAll(() => {
  process.off("uncaughtException", listen);
  delete process.env.MEDIA_TMP_DIR;
  rmSync(tmp, { recursive: true, force: true });
});
afterEach(() => {
  unheard.length = 0;
});

/** A multipart body sent as many small chunks, as a phone on a slow line sends it, with no Content-Length. */
function chunkedUpload(files: { field: string; name: string; bytes: number }[], chunkBytes: number): Request {
  const pieces: Uint8Array[] = [];
  const text = (value: string) => pieces.push(new TextEncoder().encode(value));
  text(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="rating[1]"\r\n\r\n5\r\n`);
  for (const file of files) {
    text(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\n` +
        `Content-Type: application/octet-stream\r\n\r\n`,
    );
    for (let sent = 0; sent < file.bytes; sent += chunkBytes)
      pieces.push(new Uint8Array(Math.min(chunkBytes, file.bytes - sent)).fill(0x41 + (sent % 26)));
    text("\r\n");
  }
  text(`--${BOUNDARY}--\r\n`);
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (next < pieces.length) controller.enqueue(pieces[next++]);
      else controller.close();
    },
  });
  return new Request("https://kundrost.test/r/x", {
    method: "POST",
    headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
    body,
    duplex: "half",
  } as RequestInit);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

/** Caps of a video field and a photo field, and of the whole request, in KB. */
function caps(videoKb: number, photoKb: number, requestKb: number) {
  return {
    fieldCap: (field: string) =>
      field.startsWith("video")
        ? { maxBytes: videoKb * KB, refusal: "video_too_large" as const }
        : { maxBytes: photoKb * KB, refusal: "photo_too_large" as const },
    maxRequestBytes: requestKb * KB,
    maxFiles: 6,
  };
}

describe("the upload spool", () => {
  it("stops keeping a file past its field's cap while writes are in flight, with no stray error and nothing left on disk", async () => {
    for (let round = 0; round < 25; round++) {
      const received = await receiveMediaForm(
        chunkedUpload(
          [
            { field: "video[1]", name: "long.mov", bytes: 512 * KB },
            { field: "photos[1]", name: "small.jpg", bytes: 20 * KB },
          ],
          (4 + (round % 5)) * KB,
        ),
        caps(200, 100, 4096),
      );
      try {
        expect(received.uploads.map((upload) => [upload.fileName, upload.refusal, upload.path === null])).toEqual([
          ["long.mov", "video_too_large", true],
          ["small.jpg", null, false],
        ]);
        expect(received.uploads[0].bytes).toBe(512 * KB);
        expect(received.uploads[1].bytes).toBe(20 * KB);
        // The refused file is gone before the form is handed on; only the kept one is in the request's folder.
        const [folder] = readdirSync(tmp);
        expect(readdirSync(path.join(tmp, folder))).toEqual(["upload-1"]);
      } finally {
        await received.cleanup();
      }
      await settle();
      expect(unheard).toEqual([]);
    }
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("fails a request past its whole cap mid-file, with no stray error and nothing left on disk", async () => {
    for (let round = 0; round < 25; round++) {
      await expect(
        receiveMediaForm(
          chunkedUpload(
            [
              { field: "photos[1]", name: "a.jpg", bytes: 150 * KB },
              { field: "video[1]", name: "b.mov", bytes: 600 * KB },
            ],
            (4 + (round % 5)) * KB,
          ),
          caps(300, 200, 400),
        ),
      ).rejects.toBeInstanceOf(UploadTooLargeError);
      await settle();
      expect(unheard).toEqual([]);
      expect(readdirSync(tmp)).toEqual([]);
    }
  });
});
