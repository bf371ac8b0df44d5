// The demo shop's review photos and videos: about DEMO_MEDIA_REVIEWS reviews get one to three photos, and a
// few get a short video (when ffmpeg is installed). The pictures are made here, deterministically: the demo
// product's own drawing laid on a table in a little scene with sharp. Like a phone's, some carry made-up GPS
// EXIF and a camera name, and some are stored sideways with EXIF orientation 6; the clips carry a made-up
// QuickTime location. Everything then goes through the real intake (and the real transcode job), so a person
// can open a demo photo or video and check that none of that survived.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import db from "../../db.server";
import {
  addMediaFilesToReview,
  deleteShopMediaFiles,
  videoTools,
  videoToolsAvailable,
  type MediaFileForReview,
} from "../media";
import { markProductRatingsStale } from "../reviews";
import { demoProductByHandle } from "./catalog";
import { renderDemoProductImage } from "./product-images";
import { SeededRandom } from "./random";
import type { DemoSeedStep } from "./seed.server";

/** Reviews with photos in the full-size demo (600 orders); a smaller demo (the tests') gets one per three orders. */
export const DEMO_MEDIA_REVIEWS = 200;
export const DEMO_VIDEO_REVIEWS = 3;
const DEMO_MEDIA_SEED = 1_903;
const SCENE = { width: 960, height: 720 };

const run = promisify(execFile);

/** One demo photo as a phone would send it: a JPEG with EXIF (GPS, camera, orientation) when asked. */
export async function demoScenePhoto(
  product: { handle: string; title: string; productType: string; palette: readonly [string, string] },
  rng: SeededRandom,
  options: { gps: boolean; sideways: boolean },
): Promise<Buffer> {
  const table = rng.pick(["#c8a27a", "#d9d4cc", "#8f6a4b", "#e8e2d6", "#a7b3a0"]);
  const wall = rng.pick(["#f4f1ea", "#e9eef2", "#f6ebe0", "#efefef"]);
  const size = rng.int(380, 520);
  const x = rng.int(40, SCENE.width - size - 40);
  const y = rng.int(60, SCENE.height - size - 20);
  const angle = rng.int(-14, 14);
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SCENE.width}" height="${SCENE.height}">`,
    `<defs><linearGradient id="t" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${table}"/><stop offset="1" stop-color="#5a4636"/></linearGradient></defs>`,
    `<rect width="100%" height="100%" fill="${wall}"/>`,
    `<rect y="${SCENE.height * 0.45}" width="100%" height="${SCENE.height * 0.55}" fill="url(#t)"/>`,
    `<ellipse cx="${x + size / 2}" cy="${y + size * 0.95}" rx="${size * 0.45}" ry="${size * 0.08}" fill="#000" fill-opacity="0.25"/>`,
    `<g transform="rotate(${angle} ${x + size / 2} ${y + size / 2})">`,
    renderDemoProductImage(product).replace(
      / width="\d+" height="\d+"/,
      ` x="${x}" y="${y}" width="${size}" height="${size}"`,
    ),
    `</g></svg>`,
  ].join("");
  let image = sharp(Buffer.from(svg));
  // A phone held sideways stores the pixels turned and says so in EXIF: intake must turn them back.
  if (options.sideways)
    image = sharp(await image.png().toBuffer())
      .rotate(-90)
      .withMetadata({ orientation: 6 });
  if (options.gps) {
    // Made up: somewhere around Stockholm.
    const lat = `59/1 ${rng.int(10, 30)}/1 ${rng.int(0, 5999)}/100`;
    const lon = `18/1 ${rng.int(0, 10)}/1 ${rng.int(0, 5999)}/100`;
    image = image.withExif({
      IFD0: { Make: "Apple", Model: "iPhone 15" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: lat, GPSLongitudeRef: "E", GPSLongitude: lon },
    });
    if (options.sideways) image = image.withMetadata({ orientation: 6 });
  }
  return image.jpeg({ quality: 82 }).toBuffer();
}

export const mediaStep: DemoSeedStep = {
  name: "media",
  async run(ctx) {
    const { shop } = ctx;
    // Rows went with the wipe; files of an earlier seed go here.
    await deleteShopMediaFiles(shop);
    const rng = new SeededRandom(DEMO_MEDIA_SEED);
    const products = await db.product.findMany({ where: { shop }, select: { shopifyId: true, handle: true } });
    const handleOf = new Map(products.map((product) => [product.shopifyId, product.handle]));
    const candidates = await db.review.findMany({
      where: { shop, rating: { gte: 3 } },
      orderBy: [{ createdAt: "asc" }, { productShopifyId: "asc" }, { displayName: "asc" }],
      select: { id: true, productShopifyId: true, createdAt: true },
    });
    const wanted = Math.min(DEMO_MEDIA_REVIEWS, Math.ceil(ctx.data.orders.length / 3), candidates.length);
    const chosen = new Set<number>();
    while (chosen.size < wanted) chosen.add(rng.int(0, candidates.length - 1));
    const picked = [...chosen].sort((a, b) => a - b).map((index) => candidates[index]);

    const dir = await mkdtemp(path.join(os.tmpdir(), "kundrost-demo-media-"));
    let photos = 0;
    let videos = 0;
    const canMakeVideo = await videoToolsAvailable();
    try {
      for (const [index, review] of picked.entries()) {
        const product = demoProductByHandle(handleOf.get(review.productShopifyId) ?? "");
        if (!product) continue;
        const count = rng.chance(0.15) ? 3 : rng.chance(0.35) ? 2 : 1;
        const uploads: MediaFileForReview[] = [];
        for (let n = 0; n < count; n++) {
          const jpeg = await demoScenePhoto(product, rng, { gps: rng.chance(0.4), sideways: rng.chance(0.2) });
          const file = path.join(dir, `IMG_${1000 + photos + n}.JPG`);
          await writeFile(file, jpeg);
          uploads.push({ fileName: path.basename(file), path: file });
        }
        if (
          canMakeVideo &&
          index % Math.floor(picked.length / DEMO_VIDEO_REVIEWS) === 0 &&
          videos < DEMO_VIDEO_REVIEWS
        ) {
          const clip = await demoClip(dir, uploads[0].path, videos);
          uploads.push({ fileName: path.basename(clip), path: clip });
        }
        const added = await addMediaFilesToReview({ shop, reviewId: review.id, files: uploads, now: review.createdAt });
        photos += added.photos;
        videos += added.videos;
        await Promise.all(uploads.map((upload) => rm(upload.path, { force: true })));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // The products' kundrost.reviews_summary counts their photos (the storefront keeps room for the strip).
    await markProductRatingsStale(db, shop, new Set(picked.map((review) => review.productShopifyId)));
    ctx.log.info({ reviews: picked.length, photos, videos, videoTools: canMakeVideo }, "demo review media written");
  },
};

/** A three-second clip panning over a demo photo, with a made-up QuickTime location for intake to remove. */
async function demoClip(dir: string, photo: string, index: number): Promise<string> {
  const clip = path.join(dir, `IMG_${9000 + index}.MOV`);
  await run(videoTools().ffmpeg, [
    "-hide_banner",
    "-loglevel",
    "error",
    "-y",
    "-loop",
    "1",
    "-i",
    photo,
    "-f",
    "lavfi",
    "-i",
    "anullsrc=r=44100:cl=stereo",
    "-t",
    "3",
    "-vf",
    "scale=960:720,zoompan=z='min(zoom+0.004,1.3)':d=75:s=640x480:fps=25",
    "-c:v",
    "libx264",
    "-preset",
    "veryfast",
    "-pix_fmt",
    "yuv420p",
    "-c:a",
    "aac",
    "-shortest",
    "-metadata",
    "com.apple.quicktime.location.ISO6709=+59.3293+018.0686+012.000/",
    "-metadata",
    "location=+59.3293+018.0686/",
    "-movflags",
    "use_metadata_tags",
    "-f",
    "mov",
    clip,
  ]);
  return clip;
}
