// Photos and video through the review page's form post, as a phone sends them (multipart, real files), and
// everything that follows: what the shopper is told, what the public and the merchant can open, the hold
// setting, the video transcode job, and deletion (review deleted, customer redacted, shop redacted).
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import db from "~/db.server";
import {
  addMediaFilesToReview,
  createLocalDiskStorage,
  deleteShopMediaFiles,
  exportReviewMedia,
  mediaJobs,
  receiveMediaForm,
  reviewUploadCap,
  ReviewNotFoundForMediaError,
  setReviewMediaHidden,
  UploadTooLargeError,
  useMediaStorage,
} from "~/modules/media";
import { drainJobs } from "~/modules/jobs";
import { redactCustomer } from "~/modules/privacy";
import { deleteReviews } from "~/modules/reviews";
import { action } from "~/routes/r.$token._index";
import { loader as thanksLoader } from "~/routes/r.$token.thanks";
import { loader as mediaLoader } from "~/routes/media.$token.$file";
import { createReviewRequest, createShop, LINEN_SHIRT, reviewLink } from "../reviews/review-request-factory";
import { countingStorage } from "../support/counting-storage";
import { askMediaRoute, expectHeadsAnsweredAsGets, type MediaAnswer } from "../support/media-requests";
import { HEIC_FIXTURE, TEXT_FILE, movWithLocation, phoneJpegWithGps, pngBytes, scratchDir } from "./media-files";

const BASE = "https://kundrost.example";
const dir = scratchDir();
const storeDir = path.join(dir, "store");
const storage = createLocalDiskStorage(storeDir);

const uploadsDir = path.join(dir, "uploads");

beforeAll(() => {
  useMediaStorage(storage);
  mkdirSync(uploadsDir);
  process.env.MEDIA_TMP_DIR = uploadsDir;
});
// Whatever happened (saved, refused files, a field error, 413, a transcode), no temporary file stays behind.
afterEach(() => expect(readdirSync(uploadsDir)).toEqual([]));
afterAll(() => {
  delete process.env.MEDIA_TMP_DIR;
  useMediaStorage(undefined);
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await db.reviewMedia.deleteMany();
  await db.review.deleteMany();
  await db.job.deleteMany();
});

type Part = [name: string, value: string] | [name: string, bytes: Buffer, fileName: string];

async function post(token: string, parts: Part[]) {
  const form = new FormData();
  for (const part of parts) {
    if (part.length === 2) form.append(part[0], part[1]);
    else form.append(part[0], new Blob([new Uint8Array(part[1])]), part[2]);
  }
  const response = (await action({
    request: new Request(`${BASE}/r/${token}`, { method: "POST", body: form }),
    params: { token },
    context: {},
  })) as Response;
  return response;
}

async function fetchMedia(url: string, headers: Record<string, string> = {}) {
  const { pathname, search } = new URL(url, BASE);
  const [, , token, file] = pathname.split("/");
  return (await mediaLoader({
    request: new Request(`${BASE}${pathname}${search}`, { headers }),
    params: { token, file },
    context: {},
  })) as Response;
}

async function reviewWithPhotos(options: { hold?: boolean } = {}) {
  const { shop } = await createShop();
  if (options.hold) await db.settings.create({ data: { shop, holdReviewsWithMedia: true } });
  const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
  const token = reviewLink(request);
  const response = await post(token, [
    ["rating[7001]", "5"],
    ["body[7001]", "Fits well and the linen is soft."],
    ["displayName", "Anna L."],
    ["photos[7001]", await phoneJpegWithGps(), "IMG_4031.JPG"],
    ["photos[7001]", readFileSync(HEIC_FIXTURE), "IMG_4032.HEIC"],
  ]);
  const review = await db.review.findFirstOrThrow({
    where: { shop },
    include: { media: { orderBy: { position: "asc" } } },
  });
  return { shop, token, response, review };
}

describe("sending photos with the review form", () => {
  it("saves the review with both photos (one HEIC) and no location in what is stored", async () => {
    const { response, review } = await reviewWithPhotos();
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/\/thanks$/);
    expect(review).toMatchObject({ rating: 5, status: "published" });
    expect(review.media.map((m) => [m.kind, m.status, m.width, m.height])).toEqual([
      ["photo", "ready", 300, 400],
      ["photo", "ready", 640, 480],
    ]);
    for (const item of review.media) {
      const webp = await storage.read(item.storageKey as string);
      const chunks: Buffer[] = [];
      for await (const chunk of webp!.body) chunks.push(chunk as Buffer);
      expect((await sharp(Buffer.concat(chunks)).metadata()).exif).toBeUndefined();
    }
  });

  it("keeps the review when files are refused, and tells the shopper which and why", async () => {
    const { shop } = await createShop();
    const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
    const token = reviewLink(request);
    const twentyMegabytes = Buffer.alloc(20 * 1024 * 1024, 7);
    const response = await post(token, [
      ["rating[7001]", "4"],
      ["displayName", "Anna L."],
      ["photos[7001]", TEXT_FILE, "notes.jpg"],
      ["photos[7001]", twentyMegabytes, "huge.jpg"],
      ["photos[7001]", await pngBytes(), "fine.png"],
    ]);
    expect(response.status).toBe(302);
    const location = response.headers.get("Location") as string;
    const review = await db.review.findFirstOrThrow({ where: { shop }, include: { media: true } });
    expect(review.rating).toBe(4);
    expect(review.media).toHaveLength(1);

    const thanks = (await thanksLoader({
      request: new Request(`${BASE}${location}`),
      params: { token },
      context: {},
    })) as Response;
    const data = await thanks.json();
    expect(data.refusedFiles).toEqual([
      "notes.jpg: this kind of file can't be added. Send a photo (JPEG, PNG, HEIC, WebP, GIF or AVIF) or a video (MP4, MOV or WebM).",
      "huge.jpg: the photo is larger than 15 MB.",
    ]);
  });

  it("says why in Swedish on a Swedish request", async () => {
    const { shop } = await createShop();
    const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT], locale: "sv" });
    const token = reviewLink(request);
    const pngs = await Promise.all(Array.from({ length: 6 }, () => pngBytes()));
    const response = await post(token, [
      ["rating[7001]", "5"],
      ["displayName", "Anna L."],
      ...pngs.map((png, i): Part => ["photos[7001]", png, `bild${i + 1}.png`]),
    ]);
    const thanks = (await thanksLoader({
      request: new Request(`${BASE}${response.headers.get("Location")}`),
      params: { token },
      context: {},
    })) as Response;
    expect((await thanks.json()).refusedFiles).toEqual(["bild6.png: en recension kan ha högst 5 foton."]);
    expect(await db.reviewMedia.count({ where: { shop } })).toBe(5);
  });

  it("asks for stars when a card has only a photo, and stores nothing", async () => {
    const { shop } = await createShop();
    const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
    const response = await post(reviewLink(request), [
      ["displayName", "Anna L."],
      ["photos[7001]", await pngBytes(), "a.png"],
    ]);
    expect(response.status).toBe(422);
    expect(await db.review.count({ where: { shop } })).toBe(0);
  });

  it("answers 413 when the whole upload is over the request cap, as the bytes pass it", async () => {
    const form = new FormData();
    form.append("rating[1]", "5");
    form.append("photos[1]", new Blob([new Uint8Array(3 * 1024 * 1024)]), "a.jpg");
    form.append("photos[1]", new Blob([new Uint8Array(3 * 1024 * 1024)]), "b.jpg");
    const request = new Request(`${BASE}/x`, { method: "POST", body: form });
    // No Content-Length on a streamed body: the cap is enforced on the bytes as they arrive.
    await expect(
      receiveMediaForm(request, {
        fieldCap: () => reviewUploadCap("photo"),
        maxRequestBytes: 4 * 1024 * 1024,
        maxFiles: 6,
      }),
    ).rejects.toBeInstanceOf(UploadTooLargeError);
  });
});

describe("adding files to a review that is already saved (imports, the demo seed)", () => {
  it("runs the same intake, counts what the review has, reports refusals, and never adds to another shop's review", async () => {
    const { shop, review } = await reviewWithPhotos();
    const files = path.join(dir, "to-add");
    mkdirSync(files, { recursive: true });
    const write = (name: string, bytes: Buffer | string) => {
      writeFileSync(path.join(files, name), bytes);
      return { path: path.join(files, name), fileName: name };
    };
    const png = await pngBytes();
    const added = await addMediaFilesToReview({
      shop,
      reviewId: review.id,
      files: [
        write("gps.jpg", await phoneJpegWithGps()),
        write("notes.jpg", "just text"),
        write("b.png", png),
        write("c.png", png),
        write("d.png", png),
        { path: path.join(files, "missing.png"), fileName: "missing.png" },
      ],
    });
    // Two photos came with the review: three more reach the limit of five, the fourth is one too many.
    expect(added).toEqual({
      photos: 3,
      videos: 0,
      refused: [
        { fileName: "notes.jpg", refusal: "unsupported_type" },
        { fileName: "d.png", refusal: "too_many_photos" },
        { fileName: "missing.png", refusal: "damaged" },
      ],
    });
    const rows = await db.reviewMedia.findMany({ where: { reviewId: review.id }, orderBy: { position: "asc" } });
    expect(rows.map((row) => [row.position, row.mimeType])).toEqual([0, 1, 2, 3, 4].map((n) => [n, "image/webp"]));
    const upright = await storage.read(rows[2].storageKey as string);
    const chunks: Buffer[] = [];
    for await (const chunk of upright!.body) chunks.push(chunk as Buffer);
    const meta = await sharp(Buffer.concat(chunks)).metadata();
    expect([meta.width, meta.height, meta.exif]).toEqual([300, 400, undefined]);

    const other = await createShop();
    await expect(
      addMediaFilesToReview({ shop: other.shop, reviewId: review.id, files: [write("x.png", png)] }),
    ).rejects.toThrow(ReviewNotFoundForMediaError);
    expect(await db.reviewMedia.count({ where: { reviewId: review.id } })).toBe(5);
    rmSync(files, { recursive: true, force: true });
  });
});

describe("who can open the files", () => {
  it("serves a published review's photo with safe headers and byte ranges, and nothing once hidden", async () => {
    const { review } = await reviewWithPhotos();
    const [photo] = review.media;
    const url = `/media/${photo.token}/display.webp`;
    const response = await fetchMedia(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/webp");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    expect(response.headers.get("Content-Security-Policy")).not.toContain("script-src");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=300, must-revalidate");
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(8, 12)
        .toString(),
    ).toBe("WEBP");

    const range = await fetchMedia(url, { Range: "bytes=0-11" });
    expect(range.status).toBe(206);
    expect(range.headers.get("Content-Range")).toMatch(/^bytes 0-11\/\d+$/);
    expect((await range.arrayBuffer()).byteLength).toBe(12);

    expect(await setReviewMediaHidden(review.shop, photo.id, true)).toBe(true);
    expect((await fetchMedia(url)).status).toBe(404);
    // The other photo and the review stay.
    expect((await fetchMedia(`/media/${review.media[1].token}/thumb.webp`)).status).toBe(200);
    expect(await db.review.count({ where: { id: review.id, status: "published" } })).toBe(1);
    // Another shop cannot hide it.
    expect(await setReviewMediaHidden("other.myshopify.com", photo.id, false)).toBe(false);
  });

  it("lets shared caches keep a public photo five minutes at most, then revalidate: 304 while shown, 404 once hidden", async () => {
    const { review } = await reviewWithPhotos();
    const [photo, other] = review.media;
    const url = `/media/${photo.token}/display.webp`;
    const first = await fetchMedia(url);
    const cacheControl = first.headers.get("Cache-Control") ?? "";
    expect(cacheControl).not.toContain("immutable");
    expect(cacheControl).toContain("must-revalidate");
    expect(Number(/max-age=(\d+)/.exec(cacheControl)?.[1])).toBeLessThanOrEqual(300);
    expect(cacheControl).not.toContain("stale-while-revalidate");
    const etag = first.headers.get("ETag") as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    // Another file has another tag; the same file the same one.
    expect((await fetchMedia(`/media/${other.token}/display.webp`)).headers.get("ETag")).not.toBe(etag);
    expect((await fetchMedia(url)).headers.get("ETag")).toBe(etag);

    const revalidated = await fetchMedia(url, { "If-None-Match": etag });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.arrayBuffer()).toHaveProperty("byteLength", 0);
    expect((await fetchMedia(url, { "If-None-Match": '"something-else"' })).status).toBe(200);

    // Hidden: the cache's next question gets a 404 it may not keep, so the photo is gone from it.
    await setReviewMediaHidden(review.shop, photo.id, true);
    const gone = await fetchMedia(url, { "If-None-Match": etag });
    expect(gone.status).toBe(404);
    expect(gone.headers.get("Cache-Control")).toBe("no-store");
    // A hidden review's photos likewise.
    await db.review.update({ where: { id: review.id }, data: { status: "hidden" } });
    expect((await fetchMedia(`/media/${other.token}/display.webp`, { "If-None-Match": etag })).status).toBe(404);
  });

  it("answers each request with one look-up in the store: the read brings the file's size with its bytes", async () => {
    const { review } = await reviewWithPhotos();
    const [photo] = review.media;
    const url = `/media/${photo.token}/display.webp`;
    const counted = countingStorage(storage);
    useMediaStorage(counted.storage);
    const ask = async (headers: Record<string, string> = {}, method: "GET" | "HEAD" = "GET") => {
      counted.lookUps.length = 0;
      const answer = await askMediaRoute(url, headers, method);
      return { ...answer, lookUps: [...counted.lookUps] };
    };
    try {
      const whole = await ask();
      const size = whole.bytes;
      expect(whole).toMatchObject({ status: 200, contentRange: null, contentLength: String(size), lookUps: ["read"] });
      expect(size).toBeGreaterThan(100);
      const answers: [headers: Record<string, string>, expected: Partial<MediaAnswer> & { lookUps: string[] }][] = [
        [{ Range: "bytes=0-11" }, { status: 206, contentRange: `bytes 0-11/${size}`, bytes: 12, lookUps: ["read"] }],
        [{ Range: "bytes=100-" }, { status: 206, contentRange: `bytes 100-${size - 1}/${size}`, lookUps: ["read"] }],
        [
          { Range: "bytes=-5" },
          { status: 206, contentRange: `bytes ${size - 5}-${size - 1}/${size}`, lookUps: ["read"] },
        ],
        [{ Range: `bytes=${size - 2}-${size + 50}` }, { status: 206, bytes: 2, lookUps: ["read"] }],
        // Past the end: the read finds the size and says so, no stat first.
        [{ Range: `bytes=${size}-` }, { status: 416, contentRange: `bytes */${size}`, bytes: 0, lookUps: ["read"] }],
        // No file meets it, whatever its size: the size is all the answer needs.
        [{ Range: "bytes=9-3" }, { status: 416, contentRange: `bytes */${size}`, lookUps: ["size"] }],
        [{ "If-None-Match": whole.etag as string }, { status: 304, bytes: 0, lookUps: ["size"] }],
        // A tag the file never had: the stat, then the read (the one answer with two).
        [{ "If-None-Match": '"another"' }, { status: 200, bytes: size, lookUps: ["size", "read"] }],
      ];
      for (const [headers, expected] of answers) expect({ headers, ...(await ask(headers)) }).toMatchObject(expected);
      // A HEAD request gets what the GET would send, from a stat: the file is not opened.
      const head = await ask({}, "HEAD");
      expect(head).toMatchObject({ status: 200, contentLength: String(size), bytes: 0, lookUps: ["head"] });
      expect(head.responseHeaders).toEqual(whole.responseHeaders);
      const headAnswers: [headers: Record<string, string>, expected: Partial<MediaAnswer> & { lookUps: string[] }][] = [
        [
          { Range: "bytes=0-3" },
          { status: 206, contentRange: `bytes 0-3/${size}`, contentLength: "4", lookUps: ["head"] },
        ],
        [
          { Range: "bytes=-5" },
          { status: 206, contentRange: `bytes ${size - 5}-${size - 1}/${size}`, lookUps: ["head"] },
        ],
        [{ Range: `bytes=${size - 2}-${size + 50}` }, { status: 206, contentLength: "2", lookUps: ["head"] }],
        [{ Range: `bytes=${size}-` }, { status: 416, contentRange: `bytes */${size}`, lookUps: ["head"] }],
        [{ Range: "bytes=9-3" }, { status: 416, contentRange: `bytes */${size}`, lookUps: ["size"] }],
        [{ "If-None-Match": whole.etag as string }, { status: 304, lookUps: ["size"] }],
        [{ "If-None-Match": '"another"' }, { status: 200, contentLength: String(size), lookUps: ["size", "head"] }],
      ];
      await expectHeadsAnsweredAsGets(ask, headAnswers);

      // Gone from the store under a ready row: a 404 from the one read.
      await storage.delete([photo.storageKey as string]);
      expect(await ask()).toMatchObject({ status: 404, lookUps: ["read"] });
      expect(await ask({ Range: "bytes=0-11" })).toMatchObject({ status: 404, lookUps: ["read"] });
      expect(await ask({}, "HEAD")).toMatchObject({ status: 404, lookUps: ["head"] });
    } finally {
      useMediaStorage(storage);
    }
  });

  it("holds reviews with photos when the shop asks, shows them to the merchant only, and never a made-up or tampered link", async () => {
    const { review } = await reviewWithPhotos({ hold: true });
    expect(review.status).toBe("pending");
    const { loadShopReview } = await import("~/modules/reviews");
    const detail = await loadShopReview(review.shop, review.id);
    expect(detail?.heldFor).toContain("has_media");

    const photo = detail!.media[0];
    expect((await fetchMedia(`/media/${review.media[0].token}/display.webp`)).status).toBe(404);
    expect((await fetchMedia(photo.url as string)).status).toBe(200);
    expect((await fetchMedia(photo.url as string)).headers.get("Cache-Control")).toBe("private, max-age=3600");
    // A tampered signature: its first character changed (to another one: "sig=A…" stays valid as "sig=A…").
    const tampered = (photo.url as string).replace(/sig=(.)/, (_, first: string) => `sig=${first === "A" ? "B" : "A"}`);
    expect(tampered).not.toBe(photo.url);
    expect((await fetchMedia(tampered)).status).toBe(404);
    expect((await fetchMedia((photo.url as string).replace("display.webp", "thumb.webp"))).status).toBe(404);
    expect((await fetchMedia(`/media/${"0".repeat(32)}/display.webp`)).status).toBe(404);
    expect((await fetchMedia(`/media/${review.media[0].token}/upload.bin`)).status).toBe(404);
  });
});

describe("a video", () => {
  it("is saved at once, transcoded by the job, and has no location left (checked in the output)", async () => {
    const { shop } = await createShop();
    const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
    const mov = movWithLocation(dir, 2);
    expect(readFileSync(mov).includes(Buffer.from("ISO6709"))).toBe(true);
    const response = await post(reviewLink(request), [
      ["rating[7001]", "5"],
      ["displayName", "Anna L."],
      ["video[7001]", readFileSync(mov), "IMG_0001.MOV"],
    ]);
    expect(response.status).toBe(302);
    const queued = await db.reviewMedia.findFirstOrThrow({ where: { shop } });
    expect(queued).toMatchObject({ kind: "video", status: "processing", storageKey: null });
    expect((await fetchMedia(`/media/${queued.token}/video.mp4`)).status).toBe(404);

    await drainJobs(mediaJobs);
    const ready = await db.reviewMedia.findFirstOrThrow({ where: { shop } });
    expect(ready).toMatchObject({ status: "ready", incomingKey: null, width: 640, height: 360 });
    expect(await storage.size(queued.incomingKey as string)).toBeNull();

    const mp4 = path.join(dir, "out.mp4");
    writeFileSync(mp4, Buffer.from(await (await fetchMedia(`/media/${ready.token}/video.mp4`)).arrayBuffer()));
    const probe = JSON.parse(
      execFileSync("ffprobe", [
        "-v",
        "error",
        "-print_format",
        "json",
        "-show_format",
        "-show_streams",
        mp4,
      ]).toString(),
    );
    expect(probe.streams.map((s: { codec_name: string }) => s.codec_name).sort()).toEqual(["aac", "h264"]);
    const tags = JSON.stringify([probe.format.tags, ...probe.streams.map((s: { tags?: unknown }) => s.tags)]);
    expect(tags).not.toMatch(/location|ISO6709|59\.3293|Apple/i);
    const bytes = readFileSync(mp4);
    for (const marker of ["ISO6709", "+59.3293", "\u00a9xyz", "com.apple.quicktime"])
      expect(bytes.includes(Buffer.from(marker, "latin1"))).toBe(false);
    // faststart: the moov box comes before the media data.
    expect(bytes.indexOf(Buffer.from("moov"))).toBeLessThan(bytes.indexOf(Buffer.from("mdat")));
    const poster = await fetchMedia(`/media/${ready.token}/poster.webp`);
    expect(poster.headers.get("Content-Type")).toBe("image/webp");
  });

  it("the output check catches a location that is still there (run on the untouched upload)", async () => {
    const { assertNoLocation, probeVideo, VideoLocationLeakError } = await import("~/modules/media/video.server");
    const mov = movWithLocation(dir, 1);
    const probe = await probeVideo(mov);
    await expect(assertNoLocation(mov, probe!)).rejects.toBeInstanceOf(VideoLocationLeakError);
    // Even with the tags list clean, the bytes of the location atom are found.
    await expect(assertNoLocation(mov, { ...probe!, tags: {} })).rejects.toThrow(/ISO6709|location|xyz/);
  });
});

describe("deleting", () => {
  async function filesOf(media: { storageKey: string | null; thumbnailKey: string | null }[]) {
    const sizes = await Promise.all(
      media.flatMap((m) => [m.storageKey, m.thumbnailKey]).map((key) => storage.size(key as string)),
    );
    return sizes.filter((size) => size !== null).length;
  }

  it("deleting a review deletes its files", async () => {
    const { shop, review } = await reviewWithPhotos();
    expect(await filesOf(review.media)).toBe(4);
    expect(await deleteReviews({ shop, reviewIds: [review.id], actor: "merchant" })).toMatchObject({ changed: 1 });
    expect(await db.reviewMedia.count({ where: { reviewId: review.id } })).toBe(0);
    await drainJobs(mediaJobs);
    expect(await filesOf(review.media)).toBe(0);
  });

  it("customers/redact deletes the customer's files; the data request export carries them first", async () => {
    const { shop, review } = await reviewWithPhotos();
    const rows = await db.reviewMedia.findMany({ where: { reviewId: review.id }, orderBy: { position: "asc" } });
    const exported = await exportReviewMedia(rows);
    expect(exported.map((item) => [item.kind, item.file?.contentType])).toEqual([
      ["photo", "image/webp"],
      ["photo", "image/webp"],
    ]);
    expect(Buffer.from(exported[0].file!.base64, "base64").subarray(8, 12).toString()).toBe("WEBP");

    const customer = await db.customer.findFirstOrThrow({ where: { shop } });
    const result = await redactCustomer(shop, {
      customerShopifyId: customer.shopifyId,
      email: customer.email,
      orderShopifyIds: [],
    });
    expect(result.mediaDeleted).toBe(2);
    await drainJobs(mediaJobs);
    expect(await filesOf(review.media)).toBe(0);
  });

  it("shop/redact deletes every file of the shop and no other shop's", async () => {
    const first = await reviewWithPhotos();
    const second = await reviewWithPhotos();
    expect(await deleteShopMediaFiles(first.shop)).toBe(4);
    expect(await filesOf(first.review.media)).toBe(0);
    expect(await filesOf(second.review.media)).toBe(4);
  });
});
