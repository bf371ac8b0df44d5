// Files for a review that is already saved (an import's photos once fetched, the demo seed's pictures): judged
// and stored by the same intake as the review page's files, then attached in one transaction. The review page
// does not come here: it saves its files together with the review (reviews/submission.server.ts).
import { stat } from "node:fs/promises";
import db from "../../db.server";
import { discardStoredMedia, intakeReviewMedia, type MediaRefused } from "./intake.server";
import { attachReviewMedia, countReviewMedia } from "./review-media.server";
import type { StagedUpload } from "./upload-receiver.server";

/** A file on local disk. The caller owns it (and removes it afterwards); its name is only shown back. */
export interface MediaFileForReview {
  path: string;
  fileName: string;
}

export interface AddedReviewMedia {
  photos: number;
  videos: number;
  /** Files that were not added, each with its reason (the others were added all the same). */
  refused: MediaRefused[];
}

export class ReviewNotFoundForMediaError extends Error {
  constructor(shop: string, reviewId: string) {
    super(`No review ${reviewId} in ${shop} to add media to`);
  }
}

/**
 * Adds photos and videos to one of the shop's reviews: bytes sniffed, the per-review limits counted with what
 * the review has already, metadata stripped, photos stored as WebP, each video queued for its transcode job.
 * Whatever is refused is reported with its reason; nothing is half-written (the stored files are deleted
 * again when the rows cannot be written). The review's status is left as it is.
 */
export async function addMediaFilesToReview(args: {
  shop: string;
  reviewId: string;
  files: MediaFileForReview[];
  now?: Date;
}): Promise<AddedReviewMedia> {
  const { shop, reviewId } = args;
  const review = await db.review.findFirst({ where: { id: reviewId, shop }, select: { id: true } });
  if (!review) throw new ReviewNotFoundForMediaError(shop, reviewId);
  const uploads: StagedUpload[] = await Promise.all(
    args.files.map(async (file) => {
      const size = await stat(file.path).catch(() => null);
      return {
        field: "file",
        fileName: file.fileName.slice(0, 200),
        path: size?.isFile() ? file.path : null,
        bytes: size?.size ?? 0,
        refusal: size?.isFile() && size.size > 0 ? null : ("damaged" as const),
      };
    }),
  );
  const already = await countReviewMedia(shop, reviewId);
  const { stored, refused } = await intakeReviewMedia(shop, uploads, already);
  try {
    await db.$transaction((tx) => attachReviewMedia(tx, { shop, reviewId, stored, now: args.now ?? new Date() }));
  } catch (error) {
    await discardStoredMedia(stored);
    throw error;
  }
  const photos = stored.filter((item) => item.kind === "photo").length;
  return { photos, videos: stored.length - photos, refused };
}
