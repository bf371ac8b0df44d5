// The storage the app is configured with: an S3-compatible bucket when MEDIA_S3_BUCKET is set, else local
// disk under MEDIA_DIR (default data/media).
import path from "node:path";
import { readEnv, type AppEnv } from "../../../config.server";
import { createLocalDiskStorage } from "./local-disk.server";
import type { MediaStorage } from "./media-storage";
import { createS3Storage } from "./s3.server";

export { createLocalDiskStorage } from "./local-disk.server";
export { createS3Storage, type S3StorageConfig } from "./s3.server";
export type { MediaStorage, StoredObject, ByteRange } from "./media-storage";

export function storageFromEnv(env: AppEnv = readEnv()): MediaStorage {
  if (env.MEDIA_S3_BUCKET) {
    return createS3Storage({
      bucket: env.MEDIA_S3_BUCKET,
      region: env.MEDIA_S3_REGION || "auto",
      endpoint: env.MEDIA_S3_ENDPOINT,
      accessKeyId: env.MEDIA_S3_ACCESS_KEY_ID,
      secretAccessKey: env.MEDIA_S3_SECRET_ACCESS_KEY,
      forcePathStyle: env.MEDIA_S3_FORCE_PATH_STYLE === "1" || env.MEDIA_S3_FORCE_PATH_STYLE === "true",
    });
  }
  return createLocalDiskStorage(env.MEDIA_DIR || path.join("data", "media"));
}

declare global {
  var __kundrostMediaStorage: MediaStorage | undefined;
}

/** The process's storage, made on first use; tests swap it with `useMediaStorage`. */
export function mediaStorage(): MediaStorage {
  return (globalThis.__kundrostMediaStorage ??= storageFromEnv());
}

export function useMediaStorage(storage: MediaStorage | undefined): void {
  globalThis.__kundrostMediaStorage = storage;
}
