// One photo, from the shopper's bytes to what is stored: checked from its header before any decode (pixel
// and frame limits against decompression bombs), turned upright from its EXIF orientation, and encoded as
// WebP in two sizes. sharp writes no metadata unless asked (we never ask): no EXIF, GPS, XMP, IPTC, maker
// notes or ICC profile survives, and the pixels are converted to sRGB first so colours stay right without it.
import { readFile } from "node:fs/promises";
import sharp from "sharp";
import { decodeHeic } from "./heic.server";
import { checkPhotoDimensions, MEDIA_LIMITS, type AcceptedFormat, type MediaRefusal } from "./limits";

export interface ProcessedPhoto {
  /** Upright size of the display image. */
  width: number;
  height: number;
  display: Buffer;
  thumbnail: Buffer;
  animated: boolean;
}

export type PhotoResult = { ok: true; photo: ProcessedPhoto } | { ok: false; refusal: MediaRefusal; detail?: string };

// Every upload is a different file: libvips' operation cache would only hold on to memory (tens of MB a
// photo) that the next decode needs.
sharp.cache(false);
// One libvips thread per photo: how many cores decoding takes is then the number of decode slots
// (decode-slots.server.ts), which leaves the web process's event loop a core of its own.
sharp.concurrency(1);

const WEBP = { quality: 80, effort: 2 } as const;
const THUMB_WEBP = { quality: 72, effort: 2 } as const;

// sharp's own limit is a second fence behind our header check; "error" refuses truncated and corrupt files
// instead of storing half a picture.
const SHARP_INPUT = { limitInputPixels: MEDIA_LIMITS.photoMaxPixels, failOn: "error" } as const;

export async function processPhoto(file: string, format: AcceptedFormat): Promise<PhotoResult> {
  try {
    if (format === "image/heic" || format === "image/heif") return await processHeic(file);
    return await processWithSharp(file);
  } catch (error) {
    return { ok: false, refusal: "damaged", detail: error instanceof Error ? error.message : String(error) };
  }
}

async function processWithSharp(file: string): Promise<PhotoResult> {
  // The header only (nothing is decoded), read without sharp's pixel limit so a bomb is named as one.
  const header = await sharp(file, { limitInputPixels: false, animated: true }).metadata();
  const frames = header.pages ?? 1;
  const width = header.width ?? 0;
  const frameHeight = header.pageHeight ?? header.height ?? 0;
  const refusal = checkPhotoDimensions(width, frameHeight, frames);
  if (refusal) return { ok: false, refusal };
  const animated = frames > 1;

  // Orientations 5-8 swap width and height.
  const swapped = (header.orientation ?? 1) >= 5;
  const uprightWidth = swapped ? frameHeight : width;
  const uprightHeight = swapped ? width : frameHeight;
  const size = fitInside(uprightWidth, uprightHeight, MEDIA_LIMITS.displaySize);

  // Decode once to the display size (libjpeg shrinks on load), then make the thumbnail from that.
  const decoder = sharp(file, { ...SHARP_INPUT, animated });
  // GIF and animated WebP carry no EXIF orientation.
  if (!animated) decoder.rotate();
  const display = await decoder
    .resize(size.width, size.height, { fit: "fill" })
    .toColourspace("srgb")
    .webp(WEBP)
    .toBuffer();
  const thumbSize = fitInside(size.width, size.height, MEDIA_LIMITS.thumbnailSize);
  const thumbnail = await sharp(display, { animated })
    .resize(thumbSize.width, thumbSize.height, { fit: "fill" })
    .webp(THUMB_WEBP)
    .toBuffer();
  return { ok: true, photo: { width: size.width, height: size.height, display, thumbnail, animated } };
}

async function processHeic(file: string): Promise<PhotoResult> {
  // Decoded and shrunk to the display size in the decoder's thread (heic.server.ts): the full-size pixels never
  // reach this one.
  const decoded = await decodeHeic(await readFile(file), {
    maxPixels: MEDIA_LIMITS.photoMaxPixels,
    displaySize: MEDIA_LIMITS.displaySize,
  });
  if (decoded === "too_many_pixels") return { ok: false, refusal: "too_many_pixels" };
  const refusal = checkPhotoDimensions(decoded.width, decoded.height);
  if (refusal) return { ok: false, refusal };
  const { width, height, data } = decoded.display;
  const scaled = { raw: { width, height, channels: 3 as const } };
  const display = await sharp(data, scaled).webp(WEBP).toBuffer();
  const thumbSize = fitInside(width, height, MEDIA_LIMITS.thumbnailSize);
  const thumbnail = await sharp(data, scaled)
    .resize(thumbSize.width, thumbSize.height, { fit: "fill" })
    .webp(THUMB_WEBP)
    .toBuffer();
  return { ok: true, photo: { width, height, display, thumbnail, animated: false } };
}

/** The size that fits inside a square of `max` pixels, never enlarged, at least 1×1. */
export function fitInside(width: number, height: number, max: number): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
