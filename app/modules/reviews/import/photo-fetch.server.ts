// Photo URLs from imported reviews: each becomes a ReviewPhotoFetch row in the import's transaction (with the
// import and the line it came from), and a background job fetches them through the safe fetcher (public
// addresses only, redirects re-checked, a deadline, the media intake's photo size cap) into a temporary file,
// then hands the file to the media intake exactly as a shopper's upload: the type from the bytes, the limits,
// EXIF/GPS stripped, upright WebP in two sizes, stored (disk or bucket). Whatever is refused is recorded with its
// reason for the import's report; the other photos and the reviews go on. A fetch that fails for a reason that
// may pass (a timeout, a 5xx) is tried again later, a few times.
import { rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import db, { dbProvider, type DbClient } from "../../../db.server";
import { defineJob, enqueueJob } from "../../jobs";
import {
  addMediaFilesToReview,
  makeMediaTempDir,
  MEDIA_LIMITS,
  ReviewNotFoundForMediaError,
  sniffMediaFile,
} from "../../media";
import { requireInstalledShop } from "../../shops";
import { refusedFileMessage } from "../refused-file-message";
import { reviewMediaChanged } from "../review-media-changes.server";
import { shopperMessages } from "../shopper-messages";
import { safeFetch } from "./safe-fetch.server";

export const FETCH_IMPORTED_PHOTOS_JOB = "reviews.fetch-imported-photos";
const FETCHES_PER_RUN = 20;
/** A photo that failed for a reason that may pass is tried this many times in all. */
export const PHOTO_FETCH_ATTEMPTS = 3;
const RETRY_AFTER_MS = [60_000, 10 * 60_000];
const FETCH_TIMEOUT_MS = 20_000;

export async function queueImportedPhotoFetches(
  tx: DbClient,
  shop: string,
  photos: { reviewId: string; importId: string; line: number; url: string }[],
): Promise<void> {
  if (photos.length === 0) return;
  const data = photos.map((photo) => ({
    shop,
    reviewId: photo.reviewId,
    importId: photo.importId,
    line: photo.line,
    url: photo.url.slice(0, 2000),
  }));
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
  /** Tried again later. */
  retrying: number;
  /** Still queued (due now or later). */
  remaining: number;
  /** When the next queued photo is due, if any. */
  nextAt: Date | null;
}

type Outcome = { status: "stored" } | { status: "refused" | "failed" | "retry"; reason: string };

/** The file name the report and the intake show for a URL: its last path segment. */
function fileNameOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split("/").filter(Boolean).at(-1) ?? "") || "photo";
  } catch {
    return "photo";
  }
}

async function fetchIntoReview(shop: string, row: { reviewId: string; url: string; attempts: number }, dir: string) {
  const file = path.join(dir, "download");
  const fetched = await safeFetch(row.url, {
    toFile: file,
    maxBytes: MEDIA_LIMITS.photoMaxBytes,
    timeoutMs: FETCH_TIMEOUT_MS,
  });
  if (!fetched.ok) {
    if (fetched.refused) return { status: "refused", reason: fetched.reason } as const;
    return { status: row.attempts + 1 >= PHOTO_FETCH_ATTEMPTS ? "failed" : "retry", reason: fetched.reason } as const;
  }
  // The bytes say what it is; imports bring photos only.
  const sniffed = await sniffMediaFile(file);
  if (!sniffed)
    return { status: "refused", reason: "Refused: the file is not a photo we can read (its bytes say so)." } as const;
  if (sniffed.kind !== "photo")
    return { status: "refused", reason: "Refused: it is a video; imports bring photos only." } as const;
  try {
    const added = await addMediaFilesToReview({
      shop,
      reviewId: row.reviewId,
      files: [{ path: file, fileName: fileNameOf(row.url) }],
    });
    const refusal = added.refused[0];
    if (refusal) {
      return {
        status: "refused",
        reason: `Refused: ${refusedFileMessage(shopperMessages("en"), refusal.refusal, refusal.fileName)}`,
      } as const;
    }
    await reviewMediaChanged(shop, row.reviewId);
    return { status: "stored" } as const;
  } catch (error) {
    if (error instanceof ReviewNotFoundForMediaError)
      return { status: "failed", reason: "The review was deleted before its photo arrived." } as const;
    throw error;
  }
}

/** Fetches up to `limit` of the shop's queued photo URLs that are due. */
export async function fetchImportedPhotos(
  shop: string,
  options: { limit?: number; now?: Date } = {},
): Promise<PhotoFetchSummary> {
  const now = options.now ?? new Date();
  const summary: PhotoFetchSummary = { stored: 0, refused: 0, failed: 0, retrying: 0, remaining: 0, nextAt: null };
  const rows = await db.reviewPhotoFetch.findMany({
    where: { shop, status: "queued", nextAttemptAt: { lte: now } },
    orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }],
    take: options.limit ?? FETCHES_PER_RUN,
  });
  const dir = await makeMediaTempDir("kundrost-import-photo-");
  try {
    for (const row of rows) {
      const outcome: Outcome = await fetchIntoReview(shop, row, dir);
      await rm(path.join(dir, "download"), { force: true });
      if (outcome.status === "retry") {
        const wait = RETRY_AFTER_MS[Math.min(row.attempts, RETRY_AFTER_MS.length - 1)];
        await db.reviewPhotoFetch.update({
          where: { id: row.id },
          data: { attempts: row.attempts + 1, nextAttemptAt: new Date(now.getTime() + wait), error: outcome.reason },
        });
        summary.retrying += 1;
        continue;
      }
      await db.reviewPhotoFetch.update({
        where: { id: row.id },
        data: {
          status: outcome.status,
          attempts: row.attempts + 1,
          error: outcome.status === "stored" ? null : outcome.reason,
        },
      });
      summary[outcome.status] += 1;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  summary.remaining = await db.reviewPhotoFetch.count({ where: { shop, status: "queued" } });
  if (summary.remaining > 0) {
    const next = await db.reviewPhotoFetch.findFirst({
      where: { shop, status: "queued" },
      orderBy: { nextAttemptAt: "asc" },
      select: { nextAttemptAt: true },
    });
    summary.nextAt = next?.nextAttemptAt ?? null;
  }
  return summary;
}

export const fetchImportedPhotosJob = defineJob({
  type: FETCH_IMPORTED_PHOTOS_JOB,
  schema: z.object({ shop: z.string().min(1) }),
  maxAttempts: 20,
  async run({ shop }, ctx) {
    // Fetching for a shop that uninstalled the app stops (the job is cancelled; a reinstall resumes it).
    await requireInstalledShop(shop);
    const summary = await fetchImportedPhotos(shop);
    if (summary.remaining > 0) {
      const runAt = summary.nextAt && summary.nextAt.getTime() > Date.now() ? summary.nextAt : undefined;
      await enqueueJob({ type: FETCH_IMPORTED_PHOTOS_JOB, shop, payload: { shop }, runAt });
    }
    ctx.log.info(summary, "imported photos fetched");
  },
});

export interface ImportPhotoReport {
  stored: number;
  refused: number;
  failed: number;
  waiting: number;
  /** Photos not added, with the line of the file and why (the first 100 by line). */
  problems: { line: number | null; url: string; status: string; reason: string }[];
}

/** How an import's photos fared, for its report. */
export async function importPhotoReport(shop: string, importId: string): Promise<ImportPhotoReport> {
  const [groups, problems] = await Promise.all([
    db.reviewPhotoFetch.groupBy({ by: ["status"], where: { shop, importId }, _count: { _all: true } }),
    db.reviewPhotoFetch.findMany({
      where: { shop, importId, status: { in: ["refused", "failed"] } },
      orderBy: [{ line: "asc" }, { url: "asc" }],
      take: 100,
      select: { line: true, url: true, status: true, error: true },
    }),
  ]);
  const count = (status: string) => groups.find((group) => group.status === status)?._count._all ?? 0;
  return {
    stored: count("stored"),
    refused: count("refused"),
    failed: count("failed"),
    waiting: count("queued"),
    problems: problems.map((row) => ({ line: row.line, url: row.url, status: row.status, reason: row.error ?? "" })),
  };
}
