// Media in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO...) through the AWS SDK v3, when
// MEDIA_S3_BUCKET is set. The bucket stays private: the app serves every file itself, after checking that
// the review is published (serving.server.ts).
import { createReadStream, createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { assertStorageKey, assertStoragePrefix, contentTypeOfKey, type MediaStorage } from "./media-storage";

export interface S3StorageConfig {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

function isNotFound(error: unknown): boolean {
  if (error instanceof S3ServiceException) {
    return error.$metadata.httpStatusCode === 404 || error.name === "NoSuchKey" || error.name === "NotFound";
  }
  return false;
}

export function createS3Storage(config: S3StorageConfig): MediaStorage {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    // Checksums only where S3 requires them: R2, MinIO and older S3-compatible servers do not all accept the
    // SDK's default streaming (aws-chunked) checksums.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    credentials:
      config.accessKeyId && config.secretAccessKey
        ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
        : undefined,
  });
  const Bucket = config.bucket;

  async function size(key: string): Promise<number | null> {
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket, Key: assertStorageKey(key) }));
      return head.ContentLength ?? 0;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async function deleteBatch(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const Objects = keys.slice(i, i + 1000).map((Key) => ({ Key }));
      const result = await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects, Quiet: true } }));
      const failed = (result.Errors ?? []).filter((e) => e.Code !== "NoSuchKey");
      if (failed.length > 0)
        throw new Error(
          `The bucket refused to delete ${failed.length} objects: ${failed[0].Code} ${failed[0].Message}`,
        );
    }
  }

  return {
    kind: "s3",
    async put(key, body, contentType) {
      const Key = assertStorageKey(key);
      if (Buffer.isBuffer(body)) {
        await client.send(
          new PutObjectCommand({ Bucket, Key, Body: body, ContentType: contentType, ContentLength: body.length }),
        );
        return;
      }
      const { size: ContentLength } = await stat(body.file);
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key,
          Body: createReadStream(body.file),
          ContentType: contentType,
          ContentLength,
        }),
      );
    },
    async read(key, range) {
      try {
        const result = await client.send(
          new GetObjectCommand({
            Bucket,
            Key: assertStorageKey(key),
            Range: range ? `bytes=${range.start}-${range.end}` : undefined,
          }),
        );
        const length = result.ContentLength ?? 0;
        const total = result.ContentRange ? Number(/\/(\d+)$/.exec(result.ContentRange)?.[1] ?? length) : length;
        return {
          body: result.Body as Readable,
          length,
          size: total,
          contentType: result.ContentType || contentTypeOfKey(key),
        };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    size,
    async download(key, file) {
      const result = await client.send(new GetObjectCommand({ Bucket, Key: assertStorageKey(key) }));
      await pipeline(result.Body as Readable, createWriteStream(file));
    },
    async delete(keys) {
      if (keys.length > 0) await deleteBatch(keys.map(assertStorageKey));
    },
    async deletePrefix(prefix) {
      const Prefix = assertStoragePrefix(prefix);
      let deleted = 0;
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix, ContinuationToken }));
        const keys = (page.Contents ?? []).map((object) => object.Key).filter((key): key is string => Boolean(key));
        if (keys.length > 0) await deleteBatch(keys);
        deleted += keys.length;
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return deleted;
    },
  };
}
