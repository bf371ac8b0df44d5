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
  type GetObjectCommandOutput,
  type HeadObjectCommandOutput,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import {
  assertStorageKey,
  assertStoragePrefix,
  contentTypeOfKey,
  discardBody,
  headOfRead,
  RangeNotSatisfiableError,
  type MediaStorage,
  type RequestedRange,
} from "./media-storage";

export interface S3StorageConfig {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

/**
 * The Range header for a requested range, as RFC 9110 writes it: the bucket meets it with the object's size itself,
 * so one GET answers with both. S3, R2 and MinIO read all three forms; s3rver (the tests' server) reads a suffix
 * "bytes=-n" as "bytes=0-n", so the tests ask it for the other two.
 */
function rangeHeader(range: RequestedRange): string {
  return "suffix" in range ? `bytes=-${range.suffix}` : `bytes=${range.start}-${range.end ?? ""}`;
}

function isUnsatisfiableRange(error: unknown): boolean {
  return (
    error instanceof S3ServiceException && (error.$metadata.httpStatusCode === 416 || error.name === "InvalidRange")
  );
}

/** S3 (and s3rver) name the object's size in an InvalidRange error; null from a server that does not. */
function sizeInUnsatisfiableRange(error: unknown): number | null {
  const size = Number((error as { ActualObjectSize?: unknown }).ActualObjectSize);
  return Number.isSafeInteger(size) && size >= 0 ? size : null;
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

  async function headObject(key: string): Promise<HeadObjectCommandOutput | null> {
    try {
      return await client.send(new HeadObjectCommand({ Bucket, Key: assertStorageKey(key) }));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async function sizeOf(key: string): Promise<number | null> {
    const head = await headObject(key);
    return head && (head.ContentLength ?? 0);
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
      const Key = assertStorageKey(key);
      let result: GetObjectCommandOutput;
      try {
        result = await client.send(new GetObjectCommand({ Bucket, Key, Range: range && rangeHeader(range) }));
      } catch (error) {
        if (isNotFound(error)) return null;
        if (range && isUnsatisfiableRange(error)) {
          const size = sizeInUnsatisfiableRange(error) ?? (await sizeOf(Key));
          if (size === null) return null;
          throw new RangeNotSatisfiableError(size);
        }
        throw error;
      }
      const length = result.ContentLength ?? 0;
      // A ranged answer names the bytes it holds and the object's size ("bytes 0-99/1234"); a whole one does neither.
      const served = result.ContentRange ? /^bytes (\d+)-(\d+)\/(\d+)$/.exec(result.ContentRange) : null;
      if (result.ContentRange && !served) {
        discardBody({ body: result.Body as Readable });
        throw new Error(`The bucket answered a range with an unreadable Content-Range: ${result.ContentRange}`);
      }
      return {
        body: result.Body as Readable,
        length,
        size: served ? Number(served[3]) : length,
        range: served ? { start: Number(served[1]), end: Number(served[2]) } : undefined,
        contentType: result.ContentType || contentTypeOfKey(key),
      };
    },
    async head(key, range) {
      // The bucket is asked for no range: the object's size meets it, as the disk store meets one.
      const head = await headObject(key);
      if (!head) return null;
      return headOfRead(head.ContentLength ?? 0, head.ContentType || contentTypeOfKey(key), range);
    },
    size: sizeOf,
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
