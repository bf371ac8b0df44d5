// Intake: the files a shopper sent with one review, judged by their bytes and the limits, turned into what is
// stored. A refused file is reported with its reason and never stops the others (or the review). Photos are
// processed here (bounded concurrency, see decode-slots.ts); a video is only probed here and kept as an
// upload until its transcode job runs. Temporary files belong to the caller (upload-receiver.server.ts).
import { open } from "node:fs/promises";
import { fileTypeFromBuffer } from "file-type";
import { loggerFor } from "../../logger.server";
import { DecodeSlots, decodeConcurrency } from "./decode-slots.server";
import { ACCEPTED_FORMATS, MEDIA_LIMITS, type AcceptedFormat, type MediaKind, type MediaRefusal } from "./limits";
import { processPhoto } from "./photo.server";
import { mediaStorage } from "./storage/configured.server";
import { mediaKey, newMediaToken } from "./storage-keys.server";
import type { StagedUpload } from "./upload-receiver.server";
import { probeVideo, videoToolsAvailable, videoTools } from "./video.server";

declare global {
  var __kundrostDecodeSlots: DecodeSlots | undefined;
}

function decodeSlots(): DecodeSlots {
  return (globalThis.__kundrostDecodeSlots ??= new DecodeSlots(decodeConcurrency()));
}

/** What the first bytes say; null for anything not accepted (text, SVG, HTML, PDF, an unknown format...). */
export async function sniffMediaFile(file: string): Promise<{ format: AcceptedFormat; kind: MediaKind } | null> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(4100);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const type = await fileTypeFromBuffer(head.subarray(0, bytesRead));
    if (!type) return null;
    const format = type.mime as string;
    if (!(format in ACCEPTED_FORMATS)) return null;
    return { format: format as AcceptedFormat, kind: ACCEPTED_FORMATS[format as AcceptedFormat] };
  } finally {
    await handle.close();
  }
}

/** One accepted file, stored and ready to become a ReviewMedia row. */
export interface StoredMedia {
  kind: MediaKind;
  token: string;
  status: "ready" | "processing";
  storageKey: string | null;
  thumbnailKey: string | null;
  incomingKey: string | null;
  mimeType: string;
  width: number;
  height: number;
  bytes: number;
  durationMs: number | null;
}

export interface MediaRefused {
  fileName: string;
  refusal: MediaRefusal;
}

export interface MediaIntakeResult {
  stored: StoredMedia[];
  refused: MediaRefused[];
}

/**
 * Takes the files sent for one review. `already` counts what the review has from an earlier submission (an
 * edit), so the per-review limits hold across both.
 */
export async function intakeReviewMedia(
  shop: string,
  uploads: StagedUpload[],
  already: { photos: number; videos: number } = { photos: 0, videos: 0 },
): Promise<MediaIntakeResult> {
  const log = loggerFor({ shop, module: "media" });
  const storage = mediaStorage();
  const stored: StoredMedia[] = [];
  const refused: MediaRefused[] = [];
  let photos = already.photos;
  let videos = already.videos;
  const refuse = (upload: StagedUpload, refusal: MediaRefusal, detail?: string) => {
    refused.push({ fileName: upload.fileName, refusal });
    log.info({ refusal, bytes: upload.bytes, detail }, "media refused");
  };

  for (const upload of uploads) {
    if (upload.refusal || !upload.path) {
      refuse(upload, upload.refusal ?? "damaged");
      continue;
    }
    const sniffed = await sniffMediaFile(upload.path);
    if (!sniffed) {
      refuse(upload, "unsupported_type");
      continue;
    }
    if (sniffed.kind === "photo") {
      if (upload.bytes > MEDIA_LIMITS.photoMaxBytes) {
        refuse(upload, "photo_too_large");
        continue;
      }
      if (photos >= MEDIA_LIMITS.photosPerReview) {
        refuse(upload, "too_many_photos");
        continue;
      }
      const path = upload.path;
      const result = await decodeSlots().run(() => processPhoto(path, sniffed.format));
      if (!result.ok) {
        refuse(upload, result.refusal, result.detail);
        continue;
      }
      const token = newMediaToken();
      const item: StoredMedia = {
        kind: "photo",
        token,
        status: "ready",
        storageKey: mediaKey(shop, token, "display"),
        thumbnailKey: mediaKey(shop, token, "thumbnail"),
        incomingKey: null,
        mimeType: "image/webp",
        width: result.photo.width,
        height: result.photo.height,
        bytes: result.photo.display.length,
        durationMs: null,
      };
      await storage.put(item.storageKey as string, result.photo.display, "image/webp");
      await storage.put(item.thumbnailKey as string, result.photo.thumbnail, "image/webp");
      stored.push(item);
      photos += 1;
      continue;
    }

    // A video.
    if (upload.bytes > MEDIA_LIMITS.videoMaxBytes) {
      refuse(upload, "video_too_large");
      continue;
    }
    if (videos >= MEDIA_LIMITS.videosPerReview) {
      refuse(upload, "too_many_videos");
      continue;
    }
    const tools = videoTools();
    if (!(await videoToolsAvailable(tools))) {
      refuse(upload, "video_unavailable", `ffmpeg/ffprobe not found (${tools.ffmpeg}, ${tools.ffprobe})`);
      continue;
    }
    const probe = await probeVideo(upload.path, tools);
    if (!probe) {
      refuse(upload, "damaged", "ffprobe found no video stream");
      continue;
    }
    if (probe.durationMs > MEDIA_LIMITS.videoMaxSeconds * 1000) {
      refuse(upload, "video_too_long");
      continue;
    }
    const token = newMediaToken();
    const item: StoredMedia = {
      kind: "video",
      token,
      status: "processing",
      storageKey: null,
      thumbnailKey: null,
      incomingKey: mediaKey(shop, token, "incoming"),
      mimeType: "video/mp4",
      width: probe.width,
      height: probe.height,
      bytes: upload.bytes,
      durationMs: probe.durationMs,
    };
    await storage.put(item.incomingKey as string, { file: upload.path }, "application/octet-stream");
    stored.push(item);
    videos += 1;
  }
  return { stored, refused };
}

/** Deletes what intake stored, when the review it was for could not be saved after all. */
export async function discardStoredMedia(items: StoredMedia[]): Promise<void> {
  const keys = items
    .flatMap((item) => [item.storageKey, item.thumbnailKey, item.incomingKey])
    .filter((k): k is string => Boolean(k));
  await mediaStorage().delete(keys);
}
