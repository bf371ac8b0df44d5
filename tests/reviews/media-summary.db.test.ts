// The storefront's summary of a product (the kundrost.reviews_summary metafield) counts the photos and videos
// shoppers can see. It follows every change of that: the merchant hiding or showing a photo, a video that
// finishes transcoding after its review was published, an imported photo arriving after its review.
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import db from "~/db.server";
import { jobDefinitions } from "~/jobs.server";
import { drainJobs } from "~/modules/jobs";
import { createLocalDiskStorage, MEDIA_TRANSCODE_JOB, useMediaStorage } from "~/modules/media";
import { setReviewMediaVisibility, SYNC_PRODUCT_RATINGS_JOB } from "~/modules/reviews";
import { action } from "~/routes/r.$token._index";
import { HEIC_FIXTURE, movWithLocation, phoneJpegWithGps, scratchDir } from "../media/media-files";
import { productMetafieldCalls } from "../support/metafield-calls";
import { createReviewRequest, createShop, LINEN_SHIRT, reviewLink } from "./review-request-factory";

const BASE = "https://kundrost.example";
const dir = scratchDir();

beforeAll(() => {
  useMediaStorage(createLocalDiskStorage(path.join(dir, "store")));
  mkdirSync(path.join(dir, "uploads"));
  process.env.MEDIA_TMP_DIR = path.join(dir, "uploads");
});
afterAll(() => {
  delete process.env.MEDIA_TMP_DIR;
  useMediaStorage(undefined);
  rmSync(dir, { recursive: true, force: true });
});

async function sendReview(files: [field: string, bytes: Buffer, fileName: string][], hold = false) {
  const { shop } = await createShop();
  if (hold) await db.settings.create({ data: { shop, holdReviewsWithMedia: true } });
  const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
  const token = reviewLink(request);
  const form = new FormData();
  form.append("rating[7001]", "5");
  form.append("body[7001]", "Fits well and the linen is soft.");
  form.append("displayName", "Anna L.");
  for (const [field, bytes, fileName] of files) form.append(field, new Blob([new Uint8Array(bytes)]), fileName);
  const response = (await action({
    request: new Request(`${BASE}/r/${token}`, { method: "POST", body: form }),
    params: { token },
    context: {},
  })) as Response;
  expect(response.status).toBe(302);
  const review = await db.review.findFirstOrThrow({ where: { shop }, include: { media: true } });
  return { shop, review };
}

/** The media count of the latest summary written for the linen shirt. */
async function summaryMediaCount(shop: string): Promise<number | undefined> {
  const calls = await productMetafieldCalls(shop);
  const summaries = calls
    .flat()
    .filter((m) => m.namespace === "kundrost" && m.key === "reviews_summary" && m.ownerId.endsWith("/7001"));
  const latest = summaries.at(-1);
  return latest ? (JSON.parse(latest.value) as { media: number }).media : undefined;
}

const queuedRatingSyncs = (shop: string) =>
  db.job.count({ where: { shop, type: SYNC_PRODUCT_RATINGS_JOB, status: "queued" } });

describe("the storefront summary's media count", () => {
  it("drops when the merchant hides a photo and comes back when it is shown again", async () => {
    const { shop, review } = await sendReview([
      ["photos[7001]", await phoneJpegWithGps(), "IMG_1.JPG"],
      ["photos[7001]", readFileSync(HEIC_FIXTURE), "IMG_2.HEIC"],
    ]);
    await drainJobs(jobDefinitions);
    expect(await summaryMediaCount(shop)).toBe(2);

    const [photo] = review.media;
    expect(await setReviewMediaVisibility(shop, photo.id, true)).toBe(true);
    expect(await queuedRatingSyncs(shop)).toBe(1);
    await drainJobs(jobDefinitions);
    expect(await summaryMediaCount(shop)).toBe(1);

    // Hiding what is already hidden changes nothing and asks Shopify for nothing.
    expect(await setReviewMediaVisibility(shop, photo.id, true)).toBe(true);
    expect(await queuedRatingSyncs(shop)).toBe(0);

    expect(await setReviewMediaVisibility(shop, photo.id, false)).toBe(true);
    await drainJobs(jobDefinitions);
    expect(await summaryMediaCount(shop)).toBe(2);

    // Another shop cannot touch it.
    expect(await setReviewMediaVisibility("other.myshopify.com", photo.id, true)).toBe(false);
    expect((await db.reviewMedia.findUniqueOrThrow({ where: { id: photo.id } })).hidden).toBe(false);
  });

  it("leaves the photo shown when the recount cannot be recorded: the hide and its recount are one change", async () => {
    const { shop, review } = await sendReview([["photos[7001]", await phoneJpegWithGps(), "IMG_1.JPG"]]);
    await drainJobs(jobDefinitions);
    await db.productRatingSync.deleteMany({ where: { shop } });
    const [photo] = review.media;
    // The database refuses the recount's row, as a full disk or a lost connection would.
    const onPostgres = Boolean(process.env.KUNDROST_TEST_PG);
    const refuse = onPostgres
      ? [
          `CREATE OR REPLACE FUNCTION kundrost_test_refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql`,
          `CREATE TRIGGER kundrost_test_refuse BEFORE INSERT ON "ProductRatingSync" FOR EACH ROW EXECUTE FUNCTION kundrost_test_refuse()`,
        ]
      : [
          `CREATE TRIGGER kundrost_test_refuse BEFORE INSERT ON "ProductRatingSync" BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`,
        ];
    for (const statement of refuse) await db.$executeRawUnsafe(statement);
    try {
      await expect(setReviewMediaVisibility(shop, photo.id, true)).rejects.toThrow(/refused by the test/);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER kundrost_test_refuse${onPostgres ? ' ON "ProductRatingSync"' : ""}`);
    }
    expect((await db.reviewMedia.findUniqueOrThrow({ where: { id: photo.id } })).hidden).toBe(false);

    // Once the database takes it again, the same click hides the photo and recounts the product.
    expect(await setReviewMediaVisibility(shop, photo.id, true)).toBe(true);
    expect((await db.reviewMedia.findUniqueOrThrow({ where: { id: photo.id } })).hidden).toBe(true);
    expect(await queuedRatingSyncs(shop)).toBe(1);
  });

  it("counts a video once it is transcoded, not while it is processing", async () => {
    const { shop } = await sendReview([["video[7001]", readFileSync(movWithLocation(dir, 1)), "IMG_0001.MOV"]]);
    // Everything but the transcode first (it waits an hour): the summary is written with the video processing.
    const transcode = { shop, type: MEDIA_TRANSCODE_JOB };
    await db.job.updateMany({ where: transcode, data: { runAt: new Date(Date.now() + 3_600_000) } });
    await drainJobs(jobDefinitions);
    expect((await db.reviewMedia.findFirstOrThrow({ where: { shop } })).status).toBe("processing");
    expect(await summaryMediaCount(shop)).toBe(0);
    // The transcode finishes, and the product is recounted with the video in it.
    await db.job.updateMany({ where: transcode, data: { runAt: new Date() } });
    await drainJobs(jobDefinitions);
    expect((await db.reviewMedia.findFirstOrThrow({ where: { shop } })).status).toBe("ready");
    expect(await summaryMediaCount(shop)).toBe(1);
  });

  it("is not recounted for a review the storefront does not show", async () => {
    const { shop, review } = await sendReview([["photos[7001]", await phoneJpegWithGps(), "IMG_1.JPG"]], true);
    expect(review.status).toBe("pending");
    await drainJobs(jobDefinitions);
    const before = await db.job.count({ where: { shop, type: SYNC_PRODUCT_RATINGS_JOB } });
    expect(await setReviewMediaVisibility(shop, review.media[0].id, true)).toBe(true);
    expect(await db.job.count({ where: { shop, type: SYNC_PRODUCT_RATINGS_JOB } })).toBe(before);
  });
});
