// The media module's background work: transcoding videos, and deleting stored files whose rows are gone.
import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { z } from "zod";
import db from "../../db.server";
import { defineJob, TerminalJobError } from "../jobs";
import { MEDIA_FILE_DELETION_JOB, MEDIA_TRANSCODE_JOB } from "./job-types";
import { MEDIA_LIMITS } from "./limits";
import { reviewMediaBecameReady } from "./media-ready";
import { fitInside } from "./photo.server";
import { mediaStorage } from "./storage/configured.server";
import { mediaKey, shopFolder } from "./storage-keys.server";
import { mediaTempRoot } from "./upload-receiver.server";
import { transcodeVideo, videoTools, videoToolsAvailable, VideoLocationLeakError } from "./video.server";

export const deleteStoredFilesJob = defineJob({
  type: MEDIA_FILE_DELETION_JOB,
  schema: z.object({ shop: z.string().min(1), storageKeys: z.array(z.string().min(1)).max(10_000) }),
  async run({ shop, storageKeys }, ctx) {
    // A job can only delete its own shop's files.
    const folder = shopFolder(shop);
    const foreign = storageKeys.filter((key) => !key.startsWith(folder));
    if (foreign.length > 0) throw new TerminalJobError(`${foreign.length} keys are not under ${folder}`);
    await mediaStorage().delete(storageKeys);
    ctx.log.info({ files: storageKeys.length }, "stored media files deleted");
  },
});

export const transcodeVideoJob = defineJob({
  type: MEDIA_TRANSCODE_JOB,
  schema: z.object({ shop: z.string().min(1), mediaId: z.string().min(1) }),
  maxAttempts: 5,
  async run({ shop, mediaId }, ctx) {
    const media = await db.reviewMedia.findFirst({ where: { shop, id: mediaId } });
    if (!media || media.status !== "processing" || !media.incomingKey) {
      ctx.log.info({ mediaId, status: media?.status ?? "deleted" }, "nothing to transcode");
      return;
    }
    const tools = videoTools();
    // Retried: ffmpeg may be installed on another worker, or later on this one.
    if (!(await videoToolsAvailable(tools)))
      throw new Error(`ffmpeg is not available to this worker (${tools.ffmpeg})`);

    const storage = mediaStorage();
    const dir = await mkdtemp(path.join(mediaTempRoot(), "kundrost-video-"));
    try {
      const input = path.join(dir, "upload");
      await storage.download(media.incomingKey, input);
      let video;
      try {
        video = await transcodeVideo(input, dir, tools);
      } catch (error) {
        const reason = error instanceof VideoLocationLeakError ? "location_survived" : "transcode_failed";
        await db.reviewMedia.updateMany({
          where: { id: mediaId, status: "processing" },
          data: { status: "failed", failure: reason },
        });
        await storage.delete([media.incomingKey]);
        ctx.log.warn({ mediaId, reason, err: error }, "video refused by the transcode");
        return;
      }
      const poster = fitInside(video.width, video.height, MEDIA_LIMITS.displaySize);
      const posterWebp = await sharp(video.poster)
        .resize(poster.width, poster.height, { fit: "fill" })
        .webp({ quality: 78 })
        .toBuffer();
      const thumb = fitInside(video.width, video.height, MEDIA_LIMITS.thumbnailSize);
      const thumbnail = await sharp(video.poster)
        .resize(thumb.width, thumb.height, { fit: "fill" })
        .webp({ quality: 72 })
        .toBuffer();
      const keys = {
        storageKey: mediaKey(shop, media.token, "video"),
        posterKey: mediaKey(shop, media.token, "poster"),
        thumbnailKey: mediaKey(shop, media.token, "thumbnail"),
      };
      await storage.put(keys.storageKey, { file: video.mp4 }, "video/mp4");
      await storage.put(keys.posterKey, posterWebp, "image/webp");
      await storage.put(keys.thumbnailKey, thumbnail, "image/webp");
      const { count } = await db.reviewMedia.updateMany({
        where: { id: mediaId, status: "processing" },
        data: {
          ...keys,
          status: "ready",
          incomingKey: null,
          width: video.width,
          height: video.height,
          bytes: video.bytes,
          durationMs: video.durationMs,
        },
      });
      // The review (or the customer) was deleted while the video was being transcoded: its files go too.
      if (count === 0) await storage.delete(Object.values(keys));
      else await reviewMediaBecameReady(shop, media.reviewId);
      await storage.delete([media.incomingKey]);
      ctx.log.info(
        { mediaId, width: video.width, height: video.height, bytes: video.bytes, kept: count === 1 },
        "video transcoded",
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
});

export const mediaJobs = [deleteStoredFilesJob, transcodeVideoJob];
