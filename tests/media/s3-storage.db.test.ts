// The S3-compatible adapter against a real S3-protocol server on loopback (s3rver), and the privacy paths
// with the bucket as the store: files gone from the bucket after a review delete and a shop redaction.
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import db from "~/db.server";
import { deleteShopMediaFiles, mediaJobs, useMediaStorage } from "~/modules/media";
import { drainJobs } from "~/modules/jobs";
import { redactCustomer } from "~/modules/privacy";
import { deleteReviews } from "~/modules/reviews";
import { action } from "~/routes/r.$token._index";
import { loader as mediaLoader } from "~/routes/media.$token.$file";
import { createReviewRequest, createShop, LINEN_SHIRT, reviewLink } from "../reviews/review-request-factory";
import { askMediaRoute, expectHeadsAnsweredAsGets, type MediaAnswer } from "../support/media-requests";
import { startLoopbackS3, type LoopbackS3 } from "../support/s3-server";
import { HEIC_FIXTURE, phoneJpegWithGps } from "./media-files";

let s3: LoopbackS3;
let client: S3Client;

beforeAll(async () => {
  s3 = await startLoopbackS3();
  client = new S3Client({
    region: "us-east-1",
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  useMediaStorage(s3.storage);
});
afterAll(async () => {
  useMediaStorage(undefined);
  client.destroy();
  await s3.stop();
});

async function bucketKeys(prefix = ""): Promise<string[]> {
  const page = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }));
  return (page.Contents ?? []).map((object) => object.Key as string).sort();
}

async function readAll(body: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe("the S3 adapter", () => {
  it("puts, reads whole and by range, sizes, heads, downloads and deletes", async () => {
    const { storage } = s3;
    const key = "shops/adapter.myshopify.com/0123456789abcdef0123456789abcdef/display.webp";
    const bytes = Buffer.from("RIFF....WEBPVP8 not really a picture but bytes all the same");
    await storage.put(key, bytes, "image/webp");
    expect(await storage.size(key)).toBe(bytes.length);
    const whole = await storage.read(key);
    expect(whole?.contentType).toBe("image/webp");
    expect(await readAll(whole!.body)).toEqual(bytes);
    const part = await storage.read(key, { start: 8, end: 11 });
    expect(part).toMatchObject({ length: 4, size: bytes.length });
    expect((await readAll(part!.body)).toString()).toBe("WEBP");
    const rest = await storage.read(key, { start: 12 });
    expect(rest).toMatchObject({ range: { start: 12, end: bytes.length - 1 }, size: bytes.length });
    expect(await readAll(rest!.body)).toEqual(bytes.subarray(12));
    await expect(storage.read(key, { start: bytes.length })).rejects.toMatchObject({
      name: "RangeNotSatisfiableError",
      size: bytes.length,
    });
    expect(await storage.head(key)).toEqual({ length: bytes.length, size: bytes.length, contentType: "image/webp" });
    expect(await storage.head(key, { start: 12 })).toMatchObject({
      range: { start: 12, end: bytes.length - 1 },
      length: bytes.length - 12,
      size: bytes.length,
    });
    await expect(storage.head(key, { start: bytes.length })).rejects.toMatchObject({
      name: "RangeNotSatisfiableError",
      size: bytes.length,
    });
    const copy = path.join(mkdtempSync(path.join(os.tmpdir(), "kundrost-s3-test-")), "copy");
    await storage.download(key, copy);
    expect(readFileSync(copy)).toEqual(bytes);

    await storage.delete([key, `${key}.missing`]);
    expect(await storage.size(key)).toBeNull();
    expect(await storage.read(key)).toBeNull();
    expect(await storage.head(key)).toBeNull();
  });

  it("refuses keys that could leave their folder", async () => {
    await expect(s3.storage.put("../etc/passwd", Buffer.from("x"), "text/plain")).rejects.toThrow(
      /Not a media storage key/,
    );
    await expect(s3.storage.deletePrefix("shops/")).resolves.toBe(0);
    await expect(s3.storage.deletePrefix("shops")).rejects.toThrow(/ends with/);
  });
});

describe("review media in the bucket", () => {
  async function reviewWithPhotos() {
    const { shop } = await createShop();
    const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
    const token = reviewLink(request);
    const form = new FormData();
    form.append("rating[7001]", "5");
    form.append("displayName", "Anna L.");
    form.append("photos[7001]", new Blob([new Uint8Array(await phoneJpegWithGps())]), "IMG_1.JPG");
    form.append("photos[7001]", new Blob([new Uint8Array(readFileSync(HEIC_FIXTURE))]), "IMG_2.HEIC");
    const response = (await action({
      request: new Request(`https://k.example/r/${token}`, { method: "POST", body: form }),
      params: { token },
      context: {},
    })) as Response;
    expect(response.status).toBe(302);
    return { shop, review: await db.review.findFirstOrThrow({ where: { shop }, include: { media: true } }) };
  }

  it("stores both sizes of each photo in the bucket and serves them through the app", async () => {
    const { shop, review } = await reviewWithPhotos();
    expect(await bucketKeys(`shops/${shop}/`)).toHaveLength(4);
    const photo = review.media[0];
    const response = (await mediaLoader({
      request: new Request(`https://k.example/media/${photo.token}/display.webp`),
      params: { token: photo.token, file: "display.webp" },
      context: {},
    })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/webp");
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(8, 12)
        .toString(),
    ).toBe("WEBP");
  });

  it("serves each answer with one request to the bucket: the GET brings the size with the bytes, a HEAD asks a HEAD", async () => {
    const { review } = await reviewWithPhotos();
    const [photo] = review.media;
    const url = `/media/${photo.token}/display.webp`;
    const ask = async (headers: Record<string, string> = {}, method: "GET" | "HEAD" = "GET") => {
      s3.requests.length = 0;
      const answer = await askMediaRoute(url, headers, method);
      return { ...answer, requests: s3.requests.map((request) => request.split(" ")[0]) };
    };
    const whole = await ask();
    const size = whole.bytes;
    expect(whole).toMatchObject({ status: 200, contentLength: String(size), requests: ["GET"] });
    const answers: [headers: Record<string, string>, expected: Partial<MediaAnswer> & { requests: string[] }][] = [
      [{ Range: "bytes=0-11" }, { status: 206, contentRange: `bytes 0-11/${size}`, bytes: 12, requests: ["GET"] }],
      [{ Range: "bytes=100-" }, { status: 206, contentRange: `bytes 100-${size - 1}/${size}`, requests: ["GET"] }],
      [{ Range: `bytes=${size - 2}-${size + 50}` }, { status: 206, bytes: 2, requests: ["GET"] }],
      // The bucket's InvalidRange names the size, so a 416 needs no HEAD after it.
      [{ Range: `bytes=${size}-` }, { status: 416, contentRange: `bytes */${size}`, requests: ["GET"] }],
      [{ Range: "bytes=9-3" }, { status: 416, contentRange: `bytes */${size}`, requests: ["HEAD"] }],
      [{ "If-None-Match": whole.etag as string }, { status: 304, bytes: 0, requests: ["HEAD"] }],
    ];
    for (const [headers, expected] of answers) expect({ headers, ...(await ask(headers)) }).toMatchObject(expected);
    // A HEAD request is a HEAD to the bucket, not a GET whose body is thrown away, and is told what the GET is.
    const headAnswers: [headers: Record<string, string>, expected: Partial<MediaAnswer> & { requests: string[] }][] = [
      [{}, { status: 200, contentLength: String(size), requests: ["HEAD"] }],
      [{ Range: "bytes=0-11" }, { status: 206, contentRange: `bytes 0-11/${size}`, requests: ["HEAD"] }],
      [{ Range: "bytes=100-" }, { status: 206, contentRange: `bytes 100-${size - 1}/${size}`, requests: ["HEAD"] }],
      [{ Range: `bytes=${size - 2}-${size + 50}` }, { status: 206, contentLength: "2", requests: ["HEAD"] }],
      [{ Range: `bytes=${size}-` }, { status: 416, contentRange: `bytes */${size}`, requests: ["HEAD"] }],
      [{ "If-None-Match": whole.etag as string }, { status: 304, requests: ["HEAD"] }],
    ];
    await expectHeadsAnsweredAsGets(ask, headAnswers);

    await s3.storage.delete([photo.storageKey as string]);
    expect(await ask()).toMatchObject({ status: 404, requests: ["GET"] });
    expect(await ask({}, "HEAD")).toMatchObject({ status: 404, requests: ["HEAD"] });
  });

  it("deleting the review removes its files from the bucket", async () => {
    const { shop, review } = await reviewWithPhotos();
    await deleteReviews({ shop, reviewIds: [review.id], actor: "merchant" });
    await drainJobs(mediaJobs);
    expect(await bucketKeys(`shops/${shop}/`)).toEqual([]);
  });

  it("customers/redact removes the customer's files from the bucket", async () => {
    const { shop } = await reviewWithPhotos();
    const customer = await db.customer.findFirstOrThrow({ where: { shop } });
    await redactCustomer(shop, { customerShopifyId: customer.shopifyId, email: customer.email, orderShopifyIds: [] });
    await drainJobs(mediaJobs);
    expect(await bucketKeys(`shops/${shop}/`)).toEqual([]);
  });

  it("shop/redact empties the shop's folder in the bucket and leaves other shops alone", async () => {
    const first = await reviewWithPhotos();
    const second = await reviewWithPhotos();
    expect(await deleteShopMediaFiles(first.shop)).toBe(4);
    expect(await bucketKeys(`shops/${first.shop}/`)).toEqual([]);
    expect(await bucketKeys(`shops/${second.shop}/`)).toHaveLength(4);
  });
});
