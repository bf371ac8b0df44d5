// Real files for the media tests, made here (sharp, ffmpeg) except the HEIC: tests/fixtures/media/quadrants.heic
// was made for this project from a generated 640×480 four-colour PNG with Debian's heif-enc (libheif 1.15,
// x265), `heif-enc -q 60`; it is the project's own file (no third-party content).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";

export const HEIC_FIXTURE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../fixtures/media/quadrants.heic",
);

/** A 12 MP (4032×3024) HEIC of a generated scene, made with heif-enc like the one above (scripts/bench/media.ts). */
export const PHONE_HEIC_FIXTURE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../fixtures/media/phone-12mp.heic",
);

export const RED = [220, 30, 30];
export const BLUE = [30, 60, 220];

export function scratchDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), "kundrost-media-test-"));
}

/** 400×300 stored pixels, red top half and blue bottom half, with orientation 6 and a GPS position in EXIF. */
export async function phoneJpegWithGps(): Promise<Buffer> {
  const width = 400;
  const height = 300;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels.set(y < height / 2 ? RED : BLUE, (y * width + x) * 3);
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .withExif({
      IFD0: { Make: "Apple", Model: "iPhone 15" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "59/1 19/1 4521/100",
        GPSLongitudeRef: "E",
        GPSLongitude: "18/1 4/1 1234/100",
      },
    })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 90 })
    .toBuffer();
}

export async function pngBytes(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 10, g: 120, b: 90 } } })
    .png()
    .toBuffer();
}

/** A valid PNG header that declares 30000×30000 pixels, with almost no data behind it. */
export async function decompressionBombPng(): Promise<Buffer> {
  const png = await pngBytes(16, 16);
  const bomb = Buffer.from(png);
  // IHDR starts at byte 8: length(4) "IHDR"(4) width(4) height(4) ... crc over type+data.
  bomb.writeUInt32BE(30_000, 16);
  bomb.writeUInt32BE(30_000, 20);
  const crc = crc32(bomb.subarray(12, 29));
  bomb.writeUInt32BE(crc, 29);
  return bomb;
}

export async function truncatedJpeg(): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#884422" } })
    .composite([{ input: await pngBytes(200, 200), top: 100, left: 100 }])
    .jpeg()
    .toBuffer();
  return jpeg.subarray(0, Math.floor(jpeg.length * 0.6));
}

export const SVG_WITH_SCRIPT = Buffer.from(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>',
);
export const HTML_PAGE = Buffer.from("<!doctype html><html><body><script>fetch('/admin')</script>Hello</body></html>");
export const TEXT_FILE = Buffer.from("Just some notes, not a photo at all.\n");

/** A MOV with a QuickTime location (ISO 6709) and a location tag, made by ffmpeg. */
export function movWithLocation(dir: string, seconds = 2): string {
  const file = path.join(dir, "IMG_0001.MOV");
  execFileSync("ffmpeg", [
    "-hide_banner",
    "-loglevel",
    "error",
    "-y",
    "-f",
    "lavfi",
    "-i",
    `testsrc=size=640x360:rate=25:duration=${seconds}`,
    "-f",
    "lavfi",
    "-i",
    `sine=frequency=440:duration=${seconds}`,
    "-c:v",
    "libx264",
    "-preset",
    "ultrafast",
    "-c:a",
    "aac",
    "-metadata",
    "location=+59.3293+018.0686/",
    "-metadata",
    "com.apple.quicktime.location.ISO6709=+59.3293+018.0686+012.000/",
    "-metadata",
    "com.apple.quicktime.make=Apple",
    "-movflags",
    "use_metadata_tags",
    "-f",
    "mov",
    file,
  ]);
  return file;
}

export function fileWith(dir: string, name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

export function heicBytes(): Buffer {
  return readFileSync(HEIC_FIXTURE);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A file's bytes made as they are sent (never all in memory at once): for request bodies of 100 MB and more. */
export interface StreamedFile {
  size: number;
  chunks(): Iterable<Buffer>;
}

const PAD = Buffer.alloc(64 * 1024);

/**
 * A real JPEG grown to `size` bytes with comment segments (FF FE) right after its start marker: a valid file
 * any decoder reads as the small picture it is, weighing what a phone photo weighs.
 */
export function paddedJpeg(jpeg: Buffer, size: number): StreamedFile {
  const segmentData = 65_533; // a segment's length field counts itself (2 bytes) and at most 65,535
  const room = size - jpeg.length;
  const whole = Math.floor(room / (segmentData + 4));
  const rest = room - whole * (segmentData + 4);
  if (room < 0 || (rest > 0 && rest < 4)) throw new Error(`cannot pad a ${jpeg.length}-byte JPEG to ${size}`);
  const segment = (dataBytes: number) => {
    const header = Buffer.from([0xff, 0xfe, 0, 0]);
    header.writeUInt16BE(dataBytes + 2, 2);
    return Buffer.concat([header, Buffer.alloc(dataBytes)]);
  };
  return {
    size,
    *chunks() {
      yield jpeg.subarray(0, 2);
      const full = segment(segmentData);
      for (let i = 0; i < whole; i++) yield full;
      if (rest > 0) yield segment(rest - 4);
      yield jpeg.subarray(2);
    },
  };
}

/** A real MP4/MOV grown to `size` bytes by a top-level "free" box after it, which every reader skips. */
export function paddedVideo(video: Buffer, size: number): StreamedFile {
  const box = size - video.length;
  if (box < 8) throw new Error(`cannot pad a ${video.length}-byte video to ${size}`);
  return {
    size,
    *chunks() {
      yield video;
      const header = Buffer.alloc(8);
      header.writeUInt32BE(box, 0);
      header.write("free", 4, "latin1");
      yield header;
      for (let left = box - 8; left > 0; left -= PAD.length) yield left >= PAD.length ? PAD : PAD.subarray(0, left);
    },
  };
}

/** `size` bytes of one repeated letter: a body or a file that is only its length. */
export function filler(size: number): StreamedFile {
  const chunk = Buffer.alloc(PAD.length, "a");
  return {
    size,
    *chunks() {
      for (let left = size; left > 0; left -= chunk.length)
        yield left >= chunk.length ? chunk : chunk.subarray(0, left);
    },
  };
}

export type MultipartPart =
  { name: string; value: string } | { name: string; fileName: string; contentType: string; file: StreamedFile };

/** A multipart/form-data body as a browser sends it, streamed, with its exact length and Content-Type. */
export function multipartBody(parts: MultipartPart[]): StreamedFile & { contentType: string } {
  const boundary = `----kundrost${Math.random().toString(16).slice(2)}`;
  const pieces: (Buffer | StreamedFile)[] = [];
  for (const part of parts) {
    const disposition =
      "file" in part
        ? `Content-Disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\nContent-Type: ${part.contentType}`
        : `Content-Disposition: form-data; name="${part.name}"`;
    pieces.push(Buffer.from(`--${boundary}\r\n${disposition}\r\n\r\n`));
    pieces.push("file" in part ? part.file : Buffer.from(part.value));
    pieces.push(Buffer.from("\r\n"));
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    size: pieces.reduce((total, piece) => total + (Buffer.isBuffer(piece) ? piece.length : piece.size), 0),
    *chunks() {
      for (const piece of pieces) {
        if (Buffer.isBuffer(piece)) yield piece;
        else yield* piece.chunks();
      }
    },
  };
}
