// Photo URLs from imported reviews: each becomes a ReviewPhotoFetch row in the import's transaction, and a
// background job fetches them through the safe fetcher (timeout, size cap, no private, loopback or link-local
// addresses) and hands the bytes to the media intake (type sniffing, limits, metadata strip, WebP sizes),
// which stores them as the review's photos.
//
// The intake belongs to the media module; it plugs in here with `setImportedPhotoIntake` (the composition root
// does it), so reviews does not depend on media. Until an intake is plugged in, the fetch job leaves its rows
// queued and retries later rather than pretending.
import { z } from "zod";
import db, { dbProvider, type DbClient } from "../../../db.server";
import { defineJob, enqueueJob } from "../../jobs";
import { safeFetch, type SafeFetchOptions } from "./safe-fetch.server";

export const FETCH_IMPORTED_PHOTOS_JOB = "reviews.fetch-imported-photos";
const FETCHES_PER_RUN = 20;

export interface ImportedPhoto {
  shop: string;
  reviewId: string;
  bytes: Buffer;
  contentType: string;
  sourceUrl: string;
}

/** The media intake's answer: stored, or refused with a reason for the merchant (too large, not an image...). */
export type PhotoIntakeResult = { ok: true } | { ok: false; reason: string };
export type ImportedPhotoIntake = (photo: ImportedPhoto) => Promise<PhotoIntakeResult>;

let intake: ImportedPhotoIntake | null = null;

export function setImportedPhotoIntake(next: ImportedPhotoIntake | null): void {
  intake = next;
}

export async function queueImportedPhotoFetches(
  tx: DbClient,
  shop: string,
  photos: { reviewId: string; url: string }[],
): Promise<void> {
  if (photos.length === 0) return;
  const data = photos.map((photo) => ({ shop, reviewId: photo.reviewId, url: photo.url.slice(0, 2000) }));
  if (dbProvider() === "postgresql") {
    const createMany = tx.reviewPhotoFetch.createMany as unknown as (args: unknown) => Promise<unknown>;
    await createMany({ data, skipDuplicates: true });
  } else {
    await tx.reviewPhotoFetch.createMany({ data });
  }
  const queued = await tx.job.findFirst({
    where: { shop, type: FETCH_IMPORTED_PHOTOS_JOB, status: "queued" },
    select: { id: true },
  });
  if (!queued) await enqueueJob({ type: FETCH_IMPORTED_PHOTOS_JOB, shop, payload: { shop } }, tx);
}

export interface PhotoFetchSummary {
  stored: number;
  refused: number;
  failed: number;
  remaining: number;
}

/** Fetches up to `limit` queued photo URLs of the shop. */
export async function fetchImportedPhotos(
  shop: string,
  options: { limit?: number; fetch?: SafeFetchOptions } = {},
): Promise<PhotoFetchSummary> {
  const summary: PhotoFetchSummary = { stored: 0, refused: 0, failed: 0, remaining: 0 };
  if (!intake)
    throw new Error("No media intake is plugged in (setImportedPhotoIntake), so imported photos wait in the queue.");
  const rows = await db.reviewPhotoFetch.findMany({
    where: { shop, status: "queued" },
    orderBy: { createdAt: "asc" },
    take: options.limit ?? FETCHES_PER_RUN,
  });
  for (const row of rows) {
    const fetched = await safeFetch(row.url, options.fetch);
    if (!fetched.ok) {
      await db.reviewPhotoFetch.update({
        where: { id: row.id },
        data: { status: fetched.refused ? "refused" : "failed", error: fetched.reason },
      });
      if (fetched.refused) summary.refused += 1;
      else summary.failed += 1;
      continue;
    }
    const stored = await intake({
      shop,
      reviewId: row.reviewId,
      bytes: fetched.bytes,
      contentType: fetched.contentType,
      sourceUrl: row.url,
    });
    await db.reviewPhotoFetch.update({
      where: { id: row.id },
      data: stored.ok ? { status: "stored", error: null } : { status: "refused", error: stored.reason },
    });
    if (stored.ok) summary.stored += 1;
    else summary.refused += 1;
  }
  summary.remaining = await db.reviewPhotoFetch.count({ where: { shop, status: "queued" } });
  return summary;
}

export const fetchImportedPhotosJob = defineJob({
  type: FETCH_IMPORTED_PHOTOS_JOB,
  schema: z.object({ shop: z.string().min(1) }),
  maxAttempts: 20,
  async run({ shop }, ctx) {
    const summary = await fetchImportedPhotos(shop);
    if (summary.remaining > 0) await enqueueJob({ type: FETCH_IMPORTED_PHOTOS_JOB, shop, payload: { shop } });
    ctx.log.info(summary, "imported photos fetched");
  },
});
