// ReviewMedia rows: created with the review (same transaction), read for the merchant and the storefront,
// hidden one at a time by the merchant, and turned into the storage keys to delete when a review goes.
import db, { type DbClient, type Prisma } from "../../db.server";
import { enqueueJob } from "../jobs";
import type { StoredMedia } from "./intake.server";
import { MEDIA_FILE_DELETION_JOB, MEDIA_TRANSCODE_JOB } from "./job-types";
import { storedKeysOf } from "./storage-keys.server";

type Tx = Prisma.TransactionClient;

/** Adds intake's stored files to a review and queues the transcode of each video. */
export async function attachReviewMedia(
  tx: Tx,
  args: { shop: string; reviewId: string; stored: StoredMedia[]; now: Date },
): Promise<void> {
  const last = await tx.reviewMedia.aggregate({
    where: { shop: args.shop, reviewId: args.reviewId },
    _max: { position: true },
  });
  let position = (last._max.position ?? -1) + 1;
  for (const item of args.stored) {
    const row = await tx.reviewMedia.create({
      data: {
        shop: args.shop,
        reviewId: args.reviewId,
        kind: item.kind,
        status: item.status,
        token: item.token,
        storageKey: item.storageKey,
        thumbnailKey: item.thumbnailKey,
        incomingKey: item.incomingKey,
        mimeType: item.mimeType,
        width: item.width,
        height: item.height,
        bytes: item.bytes,
        durationMs: item.durationMs,
        position: position++,
        createdAt: args.now,
      },
      select: { id: true },
    });
    if (item.kind === "video") {
      await enqueueJob(
        { type: MEDIA_TRANSCODE_JOB, shop: args.shop, payload: { shop: args.shop, mediaId: row.id } },
        tx,
      );
    }
  }
}

/** How many photos and videos a review has now (an edit adds to them, within the limits). */
export async function countReviewMedia(
  shop: string,
  reviewId: string | null,
): Promise<{ photos: number; videos: number }> {
  if (!reviewId) return { photos: 0, videos: 0 };
  const rows = await db.reviewMedia.groupBy({
    by: ["kind"],
    where: { shop, reviewId, status: { not: "failed" } },
    _count: true,
  });
  const count = (kind: string) => rows.find((row) => row.kind === kind)?._count ?? 0;
  return { photos: count("photo"), videos: count("video") };
}

/**
 * Deletes the rows of these reviews' media and queues the deletion of their files, in the caller's
 * transaction (the rows and the promise to delete the files are one fact). Returns how many rows went.
 */
export async function forgetReviewMedia(tx: Tx, shop: string, reviewIds: string[]): Promise<number> {
  if (reviewIds.length === 0) return 0;
  const rows = await tx.reviewMedia.findMany({
    where: { shop, reviewId: { in: reviewIds } },
    select: { storageKey: true, thumbnailKey: true, posterKey: true, incomingKey: true },
  });
  const { count } = await tx.reviewMedia.deleteMany({ where: { shop, reviewId: { in: reviewIds } } });
  const storageKeys = rows.flatMap(storedKeysOf);
  if (storageKeys.length > 0)
    await enqueueJob({ type: MEDIA_FILE_DELETION_JOB, shop, payload: { shop, storageKeys } }, tx);
  return count;
}

/** The merchant hides (or shows again) one photo or video of a review; false when the shop has no such item. */
export async function setReviewMediaHidden(
  shop: string,
  mediaId: string,
  hidden: boolean,
  client: DbClient = db,
): Promise<boolean> {
  const { count } = await client.reviewMedia.updateMany({ where: { shop, id: mediaId }, data: { hidden } });
  return count === 1;
}
