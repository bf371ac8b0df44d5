// What a shopper may send with a review, and why a file is refused. Pure (no I/O), so the review page can
// show the same limits it enforces. Each refusal is a code; the shopper reads it in their language from the
// reviews module's catalogue (errors.media.<code>), with the limit filled in.

export const MEDIA_LIMITS = {
  photosPerReview: 5,
  videosPerReview: 1,
  photoMaxBytes: 15 * 1024 * 1024,
  videoMaxBytes: 100 * 1024 * 1024,
  videoMaxSeconds: 60,
  /** Decoded pixels of one photo (or one frame): a 48 MP phone photo fits, a decompression bomb does not. */
  photoMaxPixels: 50_000_000,
  /** No side longer than this, and none shorter than the minimum: a 1×20000 strip is not a photo. */
  photoMaxSide: 12_000,
  photoMinSide: 16,
  /** Longest side over shortest side. Panoramas reach about 8:1. */
  photoMaxAspect: 10,
  /** Frames of an animated GIF (or WebP/AVIF sequence), and their pixels added up. */
  animationMaxFrames: 150,
  animationMaxTotalPixels: 150_000_000,
  /** Stored sizes: long side in pixels. */
  displaySize: 1600,
  thumbnailSize: 320,
  /** A transcoded video's shorter side. */
  videoMaxShortSide: 720,
} as const;

/**
 * The whole review form post with its files: one review's photos and video at their caps, plus room for the
 * text fields and the multipart framing (two photos' worth). About 205 MB. Answered 413 above it, in front of
 * Remix (app/request-limits.server.ts) and again by the upload receiver as the bytes pass.
 */
export const MEDIA_UPLOAD_MAX_REQUEST_BYTES =
  MEDIA_LIMITS.photosPerReview * MEDIA_LIMITS.photoMaxBytes +
  MEDIA_LIMITS.videoMaxBytes +
  2 * MEDIA_LIMITS.photoMaxBytes;

export const MEDIA_REFUSALS = [
  "unsupported_type",
  "photo_too_large",
  "video_too_large",
  "video_too_long",
  "too_many_pixels",
  "bad_dimensions",
  "too_many_frames",
  "damaged",
  "too_many_photos",
  "too_many_videos",
  "video_unavailable",
] as const;
export type MediaRefusal = (typeof MEDIA_REFUSALS)[number];

/** The number a refusal's message names ("at most {max} MB"), by refusal. */
export function refusalLimit(refusal: MediaRefusal): string {
  const mb = (bytes: number) => String(Math.round(bytes / (1024 * 1024)));
  switch (refusal) {
    case "photo_too_large":
      return mb(MEDIA_LIMITS.photoMaxBytes);
    case "video_too_large":
      return mb(MEDIA_LIMITS.videoMaxBytes);
    case "video_too_long":
      return String(MEDIA_LIMITS.videoMaxSeconds);
    case "too_many_pixels":
      return String(Math.round(MEDIA_LIMITS.photoMaxPixels / 1_000_000));
    case "too_many_frames":
      return String(MEDIA_LIMITS.animationMaxFrames);
    case "too_many_photos":
      return String(MEDIA_LIMITS.photosPerReview);
    case "too_many_videos":
      return String(MEDIA_LIMITS.videosPerReview);
    default:
      return "";
  }
}

export type MediaKind = "photo" | "video";

/** What the bytes say a file is; only these are accepted. */
export const ACCEPTED_FORMATS = {
  "image/jpeg": "photo",
  "image/png": "photo",
  "image/webp": "photo",
  "image/gif": "photo",
  "image/avif": "photo",
  "image/heic": "photo",
  "image/heif": "photo",
  "video/mp4": "video",
  "video/quicktime": "video",
  "video/webm": "video",
} as const satisfies Record<string, MediaKind>;
export type AcceptedFormat = keyof typeof ACCEPTED_FORMATS;

/** The `accept` attribute of the review page's file inputs: a hint for the phone's picker, never trusted. */
export const PHOTO_ACCEPT = "image/jpeg,image/png,image/webp,image/gif,image/avif,image/heic,image/heif,.heic,.heif";
export const VIDEO_ACCEPT = "video/mp4,video/quicktime,video/webm,.mov";

/** Whether a photo of these dimensions may be decoded at all (read from the header, before any decode). */
export function checkPhotoDimensions(width: number, height: number, frames = 1): MediaRefusal | null {
  if (!Number.isFinite(width) || !Number.isFinite(height) || width <= 0 || height <= 0) return "damaged";
  if (width * height > MEDIA_LIMITS.photoMaxPixels) return "too_many_pixels";
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  if (long > MEDIA_LIMITS.photoMaxSide || short < MEDIA_LIMITS.photoMinSide) return "bad_dimensions";
  if (long / short > MEDIA_LIMITS.photoMaxAspect) return "bad_dimensions";
  if (frames > MEDIA_LIMITS.animationMaxFrames) return "too_many_frames";
  if (frames > 1 && width * height * frames > MEDIA_LIMITS.animationMaxTotalPixels) return "too_many_frames";
  return null;
}
