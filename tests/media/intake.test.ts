// Media intake with real files: what is accepted, what is refused and why, and what is stored (no EXIF, no
// GPS, upright WebP in two sizes). Storage is a local folder per test file.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import {
  createLocalDiskStorage,
  decodeHeic,
  intakeReviewMedia,
  sniffMediaFile,
  useMediaStorage,
  type StagedUpload,
} from "~/modules/media";
import { transcodeVideo } from "~/modules/media/video.server";
import {
  BLUE,
  RED,
  HTML_PAGE,
  PHONE_HEIC_FIXTURE,
  SVG_WITH_SCRIPT,
  TEXT_FILE,
  decompressionBombPng,
  fileWith,
  heicBytes,
  movWithLocation,
  phoneJpegWithGps,
  pngBytes,
  scratchDir,
  truncatedJpeg,
} from "./media-files";

const SHOP = "intake-test.myshopify.com";
const dir = scratchDir();
const storeDir = path.join(dir, "store");
const storage = createLocalDiskStorage(storeDir);

beforeAll(() => useMediaStorage(storage));
afterAll(() => {
  useMediaStorage(undefined);
  rmSync(dir, { recursive: true, force: true });
});

function staged(name: string, bytes: Buffer, field = "photos[1]"): StagedUpload {
  const file = fileWith(dir, `${Math.random().toString(36).slice(2)}-${name}`, bytes);
  return { field, fileName: name, path: file, bytes: bytes.length, refusal: null };
}

async function stored(key: string | null): Promise<Buffer> {
  const object = await storage.read(key as string);
  if (!object) throw new Error(`nothing stored under ${key}`);
  const chunks: Buffer[] = [];
  for await (const chunk of object.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function pixel(image: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at], data[at + 1], data[at + 2]];
}

function near(actual: number[], expected: number[], tolerance = 40) {
  expect(
    actual.every((value, i) => Math.abs(value - expected[i]) <= tolerance),
    `${actual} ≈ ${expected}`,
  ).toBe(true);
}

describe("a phone JPEG with GPS EXIF and orientation 6", () => {
  it("is stored as upright WebP in two sizes with no EXIF, GPS or camera data left", async () => {
    const jpeg = await phoneJpegWithGps();
    // The input really carries what must go: orientation 6, the camera, a GPS IFD (tag 0x8825).
    const input = await sharp(jpeg).metadata();
    expect(input.orientation).toBe(6);
    expect(jpeg.includes(Buffer.from("Apple"))).toBe(true);
    expect(input.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true);

    const result = await intakeReviewMedia(SHOP, [staged("IMG_4031.JPG", jpeg)]);
    expect(result.refused).toEqual([]);
    expect(result.stored).toHaveLength(1);
    const [item] = result.stored;
    expect(item).toMatchObject({ kind: "photo", status: "ready", mimeType: "image/webp", width: 300, height: 400 });
    expect(item.storageKey).toMatch(new RegExp(`^shops/${SHOP}/[a-f0-9]{32}/display\\.webp$`));

    for (const key of [item.storageKey, item.thumbnailKey]) {
      const webp = await stored(key);
      const meta = await sharp(webp).metadata();
      expect(meta.format).toBe("webp");
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      for (const marker of ["Exif", "Apple", "iPhone", "XMP", "GPS"])
        expect(webp.includes(Buffer.from(marker))).toBe(false);
      // Upright: portrait, and the stored red top half is now on the right (turned 90° clockwise).
      expect(meta.height).toBeGreaterThan(meta.width as number);
      const w = meta.width as number;
      const h = meta.height as number;
      near(await pixel(webp, Math.round(w * 0.8), Math.round(h / 2)), RED);
      near(await pixel(webp, Math.round(w * 0.2), Math.round(h / 2)), BLUE);
    }
    expect((await sharp(await stored(item.thumbnailKey)).metadata()).height).toBeLessThanOrEqual(320);
  });

  it("keeps the display size at most 1600 px on the long side", async () => {
    const big = await sharp({ create: { width: 4032, height: 3024, channels: 3, background: "#446688" } })
      .jpeg()
      .toBuffer();
    const [item] = (await intakeReviewMedia(SHOP, [staged("big.jpg", big)])).stored;
    expect([item.width, item.height]).toEqual([1600, 1200]);
    expect((await sharp(await stored(item.thumbnailKey)).metadata()).width).toBe(320);
  });
});

describe("what the bytes say, not the name", () => {
  it("decodes a HEIC (as iPhones send) with the npm decoder", async () => {
    const result = await intakeReviewMedia(SHOP, [staged("IMG_0002.HEIC", heicBytes())]);
    expect(result.refused).toEqual([]);
    const [item] = result.stored;
    expect([item.width, item.height]).toEqual([640, 480]);
    const webp = await stored(item.storageKey);
    near(await pixel(webp, 100, 100), [220, 30, 30]);
    near(await pixel(webp, 540, 380), [240, 210, 40]);
  });

  it("refuses a damaged HEIC and still decodes the next one", async () => {
    const heic = heicBytes();
    const result = await intakeReviewMedia(SHOP, [
      staged("cut.heic", heic.subarray(0, Math.floor(heic.length / 2))),
      staged("IMG_0003.HEIC", heic),
    ]);
    expect(result.refused).toEqual([{ fileName: "cut.heic", refusal: "damaged" }]);
    expect(result.stored.map((item) => [item.width, item.height])).toEqual([[640, 480]]);
  });

  it("decodes HEICs sent at once one after another, each shrunk to the display size in the decoder's thread", async () => {
    const phone = readFileSync(PHONE_HEIC_FIXTURE);
    const limits = { maxPixels: 50_000_000, displaySize: 1600 };
    const alone = await decodeHeic(phone, limits);
    // Sent at once, queued in the decoder's thread: each answer is its own photo's, whole.
    const together = await Promise.all([
      decodeHeic(phone, limits),
      decodeHeic(heicBytes(), limits),
      decodeHeic(phone, limits),
    ]);
    const sizes = [alone, ...together].map((decoded) =>
      decoded === "too_many_pixels"
        ? decoded
        : [decoded.width, decoded.height, decoded.display.width, decoded.display.height],
    );
    expect(sizes).toEqual([
      [4032, 3024, 1600, 1200],
      [4032, 3024, 1600, 1200],
      [640, 480, 640, 480],
      [4032, 3024, 1600, 1200],
    ]);
    const pixels = (decoded: typeof alone) => (decoded === "too_many_pixels" ? null : decoded.display.data);
    expect(pixels(alone)?.length).toBe(1600 * 1200 * 3);
    expect(pixels(together[0])?.equals(pixels(alone) as Buffer)).toBe(true);
    expect(pixels(together[2])?.equals(pixels(alone) as Buffer)).toBe(true);
    // The declared size is checked before anything is decoded.
    expect(await decodeHeic(heicBytes(), { maxPixels: 640 * 480 - 1, displaySize: 1600 })).toBe("too_many_pixels");
  });

  it("accepts a PNG renamed .jpg as the PNG it is", async () => {
    const file = staged("holiday.jpg", await pngBytes(64, 48));
    expect(await sniffMediaFile(file.path as string)).toEqual({ format: "image/png", kind: "photo" });
    const result = await intakeReviewMedia(SHOP, [file]);
    expect(result.stored).toHaveLength(1);
    expect([result.stored[0].width, result.stored[0].height]).toEqual([64, 48]);
  });

  it("accepts WebP and AVIF photos as what they are", async () => {
    const picture = sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 90, b: 40 } } });
    const webp = staged("a.webp", await picture.clone().webp().toBuffer());
    const avif = staged("b.avif", await picture.clone().avif().toBuffer());
    expect(await sniffMediaFile(webp.path as string)).toEqual({ format: "image/webp", kind: "photo" });
    expect(await sniffMediaFile(avif.path as string)).toEqual({ format: "image/avif", kind: "photo" });
    const result = await intakeReviewMedia(SHOP, [webp, avif]);
    expect(result.refused).toEqual([]);
    expect(result.stored.map((item) => [item.mimeType, item.width, item.height])).toEqual([
      ["image/webp", 64, 48],
      ["image/webp", 64, 48],
    ]);
  });

  it("refuses a text file renamed .jpg, an SVG with a script and an HTML page, and keeps the good photo", async () => {
    const result = await intakeReviewMedia(SHOP, [
      staged("notes.jpg", TEXT_FILE),
      staged("logo.svg", SVG_WITH_SCRIPT),
      staged("page.html", HTML_PAGE),
      staged("ok.png", await pngBytes()),
    ]);
    expect(result.refused).toEqual([
      { fileName: "notes.jpg", refusal: "unsupported_type" },
      { fileName: "logo.svg", refusal: "unsupported_type" },
      { fileName: "page.html", refusal: "unsupported_type" },
    ]);
    expect(result.stored).toHaveLength(1);
  });
});

describe("limits", () => {
  it("refuses a truncated JPEG as damaged", async () => {
    const result = await intakeReviewMedia(SHOP, [staged("cut.jpg", await truncatedJpeg())]);
    expect(result).toEqual({ stored: [], refused: [{ fileName: "cut.jpg", refusal: "damaged" }] });
  });

  it("refuses a decompression bomb (a tiny PNG declaring 30000×30000) before decoding it", async () => {
    const bomb = await decompressionBombPng();
    expect(bomb.length).toBeLessThan(1000);
    expect((await sharp(bomb, { limitInputPixels: false }).metadata()).width).toBe(30_000);
    const result = await intakeReviewMedia(SHOP, [staged("bomb.png", bomb)]);
    expect(result.refused).toEqual([{ fileName: "bomb.png", refusal: "too_many_pixels" }]);
  });

  it("refuses absurd dimensions and an animation with too many frames", async () => {
    const strip = await sharp({ create: { width: 4000, height: 20, channels: 3, background: "#000" } })
      .png()
      .toBuffer();
    const frames = await Promise.all(
      Array.from({ length: 160 }, (_, i) =>
        sharp({
          create: {
            width: 16,
            height: 16,
            channels: 3,
            background: { r: (i * 37) % 256, g: (i * 91) % 256, b: i % 2 ? 255 : 0 },
          },
        })
          .png()
          .toBuffer(),
      ),
    );
    const gif = await sharp(frames, { join: { animated: true } })
      .gif()
      .toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(160);
    const result = await intakeReviewMedia(SHOP, [staged("strip.png", strip), staged("long.gif", gif)]);
    expect(result.refused).toEqual([
      { fileName: "strip.png", refusal: "bad_dimensions" },
      { fileName: "long.gif", refusal: "too_many_frames" },
    ]);
  });

  it("keeps a short animated GIF animated", async () => {
    const frames = await Promise.all(
      [0, 120, 240].map((r) =>
        sharp({ create: { width: 40, height: 30, channels: 3, background: { r, g: 10, b: 10 } } })
          .png()
          .toBuffer(),
      ),
    );
    const gif = await sharp(frames, { join: { animated: true } })
      .gif()
      .toBuffer();
    const [item] = (await intakeReviewMedia(SHOP, [staged("wave.gif", gif)])).stored;
    expect((await sharp(await stored(item.storageKey), { animated: true }).metadata()).pages).toBe(3);
  });

  it("takes five photos and refuses the sixth, counting what an earlier submission already added", async () => {
    const png = await pngBytes();
    const six = Array.from({ length: 6 }, (_, i) => staged(`p${i + 1}.png`, png));
    const result = await intakeReviewMedia(SHOP, six);
    expect(result.stored).toHaveLength(5);
    expect(result.refused).toEqual([{ fileName: "p6.png", refusal: "too_many_photos" }]);

    const again = await intakeReviewMedia(SHOP, [staged("p7.png", png), staged("p8.png", png)], {
      photos: 4,
      videos: 0,
    });
    expect(again.stored).toHaveLength(1);
    expect(again.refused).toEqual([{ fileName: "p8.png", refusal: "too_many_photos" }]);
  });

  it("refuses a photo over 15 MB by its size even when the receiver let it through", async () => {
    const file = staged("huge.png", await pngBytes());
    const result = await intakeReviewMedia(SHOP, [{ ...file, bytes: 15 * 1024 * 1024 + 1 }]);
    expect(result.refused).toEqual([{ fileName: "huge.png", refusal: "photo_too_large" }]);
  });
});

describe("video at intake", () => {
  it("keeps a MOV as an upload for the transcode job, with its duration and size", async () => {
    const mov = movWithLocation(dir, 2);
    const bytes = readFileSync(mov);
    const result = await intakeReviewMedia(SHOP, [staged("IMG_0001.MOV", bytes, "video[1]")]);
    expect(result.refused).toEqual([]);
    const [item] = result.stored;
    expect(item).toMatchObject({ kind: "video", status: "processing", storageKey: null, width: 640, height: 360 });
    expect(item.durationMs).toBeGreaterThan(1900);
    expect(await storage.size(item.incomingKey as string)).toBe(bytes.length);
  });

  it("takes an MP4 and a WebM too, and transcodes any video to H.264/AAC MP4 with its shorter side at most 720", async () => {
    const clip = (name: string, size: string, codecs: string[]) => {
      const file = path.join(dir, name);
      execFileSync("ffmpeg", [
        ...["-loglevel", "error", "-y", "-f", "lavfi", "-i", `testsrc=size=${size}:rate=10:duration=1`],
        ...["-f", "lavfi", "-i", "sine=frequency=330:duration=1", ...codecs, file],
      ]);
      return file;
    };
    const portrait = clip("portrait.mp4", "1080x1920", ["-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"]);
    const landscape = clip("clip.webm", "1920x1080", [
      ...["-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "1M", "-c:a", "libopus"],
    ]);
    const outDir = path.join(dir, "transcoded");
    const sizes: number[][] = [];
    for (const [file, format] of [
      [portrait, "video/mp4"],
      [landscape, "video/webm"],
    ]) {
      expect(await sniffMediaFile(file)).toEqual({ format, kind: "video" });
      const result = await intakeReviewMedia(SHOP, [staged(path.basename(file), readFileSync(file), "video[1]")]);
      expect(result.refused).toEqual([]);
      expect(result.stored[0]).toMatchObject({ kind: "video", status: "processing" });
      rmSync(outDir, { recursive: true, force: true });
      mkdirSync(outDir);
      const transcoded = await transcodeVideo(file, outDir);
      const probe = JSON.parse(
        execFileSync("ffprobe", ["-v", "error", "-print_format", "json", "-show_streams", transcoded.mp4]).toString(),
      ) as { streams: { codec_name: string; width?: number; height?: number }[] };
      expect(probe.streams.map((stream) => stream.codec_name).sort()).toEqual(["aac", "h264"]);
      sizes.push([transcoded.width, transcoded.height]);
    }
    expect(sizes).toEqual([
      [720, 1280],
      [1280, 720],
    ]);
  });

  it("refuses a video longer than 60 seconds", async () => {
    const long = path.join(dir, "long.mp4");
    execFileSync("ffmpeg", [
      "-loglevel",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      "color=c=black:s=64x64:r=5:d=61",
      "-c:v",
      "libx264",
      "-preset",
      "ultrafast",
      long,
    ]);
    const result = await intakeReviewMedia(SHOP, [staged("long.mp4", readFileSync(long), "video[1]")]);
    expect(result.refused).toEqual([{ fileName: "long.mp4", refusal: "video_too_long" }]);
  });

  it("refuses video with a clear reason where ffmpeg is missing, and still takes the photos", async () => {
    const mov = movWithLocation(dir, 1);
    process.env.MEDIA_FFMPEG_PATH = "/nonexistent/ffmpeg";
    try {
      const result = await intakeReviewMedia(SHOP, [
        staged("clip.mov", readFileSync(mov), "video[1]"),
        staged("ok.png", await pngBytes()),
      ]);
      expect(result.refused).toEqual([{ fileName: "clip.mov", refusal: "video_unavailable" }]);
      expect(result.stored.map((item) => item.kind)).toEqual(["photo"]);
    } finally {
      delete process.env.MEDIA_FFMPEG_PATH;
    }
  });
});
