// A real S3-protocol server on loopback for tests (npm s3rver, files in a temporary folder), and the media
// storage adapter pointed at it the way MEDIA_S3_* would configure it.
import { mkdtempSync, rmSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { createS3Storage, type MediaStorage } from "~/modules/media";

export interface LoopbackS3 {
  endpoint: string;
  bucket: string;
  storage: MediaStorage;
  /** Every request the server has had, as "METHOD /path?query", oldest first; tests may empty it. */
  requests: string[];
  stop(): Promise<void>;
}

export async function startLoopbackS3(bucket = "kundrost-media"): Promise<LoopbackS3> {
  const directory = mkdtempSync(path.join(os.tmpdir(), "kundrost-s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const address = await server.run();
  const requests: string[] = [];
  server.httpServer.on("request", (request: IncomingMessage) => requests.push(`${request.method} ${request.url}`));
  const endpoint = `http://127.0.0.1:${address.port}`;
  const storage = createS3Storage({
    bucket,
    region: "us-east-1",
    endpoint,
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    forcePathStyle: true,
  });
  return {
    endpoint,
    bucket,
    storage,
    requests,
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
