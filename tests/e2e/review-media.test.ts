// Photos on the review page in Chromium on a phone (390×844), with JavaScript on and off: the shopper adds
// two photos (a big phone JPEG with GPS, and an iPhone HEIC) and sends the review; then the merchant opens it
// in the admin (demo mode) and looks at the photos in the lightbox. Screenshots: tmp/screenshots/media-*.png.
import { readFileSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { type Browser, type CDPSession, type Page, type Request as BrowserRequest } from "playwright-core";
import { DEMO_SHOP } from "~/config.server";
import db from "~/db.server";
import { phoneContext, SCREENSHOTS, startDemoInBrowser, stopAppInBrowser } from "../support/browser";
import type { AppServer } from "../../scripts/server";
import { HEIC_FIXTURE, scratchDir } from "../media/media-files";
import { createReviewRequest, LINEN_SHIRT, reviewLink } from "../reviews/review-request-factory";

let server: AppServer;
let browser: Browser;
const dir = scratchDir();
let bigJpeg: string;
let bigJpegBytes: number;

beforeAll(async () => {
  ({ server, browser } = await startDemoInBrowser({ customers: 12, orders: 15 }));
  // A 12 MP phone photo with a GPS position, as a camera roll has it.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="4032" height="3024"><rect width="100%" height="100%" fill="#7aa095"/><circle cx="2016" cy="1512" r="900" fill="#f3e3c3"/><rect x="600" y="500" width="900" height="1600" fill="#3d5a80"/></svg>`;
  // With a camera's noise, so it weighs what a phone photo does (a few MB).
  const { data, info } = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let state = 7;
  for (let i = 0; i < data.length; i++) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    data[i] = Math.max(0, Math.min(255, data[i] + ((state >>> 24) % 25) - 12));
  }
  const jpeg = await sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } })
    .withExif({
      IFD0: { Make: "Apple", Model: "iPhone 15" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "59/1 19/1 4521/100" },
    })
    .jpeg({ quality: 95 })
    .toBuffer();
  bigJpeg = path.join(dir, "IMG_4031.JPG");
  bigJpegBytes = jpeg.length;
  writeFileSync(bigJpeg, jpeg);
}, 600_000);

afterAll(() => stopAppInBrowser({ server, browser }));

async function phone(javaScriptEnabled: boolean): Promise<Page> {
  return (await phoneContext(browser, { javaScriptEnabled })).page;
}

const reviewIds: string[] = [];

for (const javaScriptEnabled of [false, true]) {
  const mode = javaScriptEnabled ? "js" : "nojs";
  it(`a shopper sends two photos (one HEIC) with JavaScript ${javaScriptEnabled ? "on" : "off"}`, async () => {
    const { request } = await createReviewRequest({
      shop: DEMO_SHOP,
      products: [{ ...LINEN_SHIRT, shopifyId: `77${javaScriptEnabled ? 1 : 0}` }],
    });
    const productId = request.items[0].productShopifyId;
    const page = await phone(javaScriptEnabled);
    try {
      const posts: BrowserRequest[] = [];
      page.on("request", (r) => r.method() === "POST" && posts.push(r));
      // What the page's script hands to XMLHttpRequest: the files as they will go over the network.
      await page.addInitScript(() => {
        const send = XMLHttpRequest.prototype.send;
        XMLHttpRequest.prototype.send = function (body) {
          if (body instanceof FormData) {
            // Kept across the navigation to the thank-you page.
            const files = [...body.entries()]
              .filter((entry): entry is [string, File] => entry[1] instanceof File)
              .map(([, file]) => [file.name, file.size]);
            sessionStorage.setItem("sentFiles", JSON.stringify(files));
          }
          return send.call(this, body);
        };
      });
      await page.goto(`${server.url}/r/${reviewLink(request)}?rating=5`);
      await page.fill("#p0-body", "The linen is soft and the colour is just like the pictures.");
      await page.setInputFiles("#p0-photos", [bigJpeg, HEIC_FIXTURE]);
      if (javaScriptEnabled) {
        // Previews with a remove button each; removing one and adding it again works before sending.
        await page.locator(".rp-preview").nth(1).waitFor();
        expect(await page.locator(".rp-preview").count()).toBe(2);
        await page.locator(".rp-preview-remove").first().tap();
        expect(await page.locator(".rp-preview").count()).toBe(1);
        await page.setInputFiles("#p0-photos", [bigJpeg]);
        await expect.poll(() => page.locator(".rp-preview").count()).toBe(2);
        // The phone photo is shown before it is sent (the page's CSP lets its blob: preview through); the HEIC,
        // which Chromium cannot show, by its name.
        await expect
          .poll(() => page.locator(".rp-preview img").evaluate((img: HTMLImageElement) => img.naturalWidth))
          .toBeGreaterThan(0);
        expect(await page.locator(".rp-preview .rp-preview-name").textContent()).toBe("quadrants.heic");
      }
      await page.locator("#p0-photos").scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SCREENSHOTS, `media-review-page-${mode}-picked.png`), fullPage: true });
      let cdp: CDPSession | null = null;
      if (javaScriptEnabled) {
        // A slow mobile uplink, so the upload takes long enough to watch each file's progress bar fill.
        cdp = await page.context().newCDPSession(page);
        await cdp.send("Network.enable");
        await cdp.send("Network.emulateNetworkConditions", {
          offline: false,
          latency: 50,
          downloadThroughput: 4_000_000,
          uploadThroughput: 150_000,
        });
      }
      await page.tap("button[type=submit]");
      if (cdp) {
        const bars = page.locator(".rp-preview progress:not([hidden])");
        await expect.poll(() => bars.count()).toBe(2);
        // The phone photo's bar moves while it is sent (the HEIC, first and tiny, is already full).
        await expect
          .poll(() => bars.nth(1).evaluate((bar: HTMLProgressElement) => bar.value), { timeout: 20_000 })
          .toBeGreaterThan(0);
        await page.locator(".rp-preview").first().scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(SCREENSHOTS, "media-review-page-js-sending.png") });
      }
      await page.waitForURL(/\/thanks/, { timeout: 60_000 });
      await page.locator("h1", { hasText: "Thank you!" }).waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, `media-review-page-${mode}-thanks.png`), fullPage: true });

      const review = await db.review.findFirstOrThrow({
        where: { shop: DEMO_SHOP, productShopifyId: productId },
        include: { media: { orderBy: { position: "asc" } } },
      });
      reviewIds.push(review.id);
      expect(review.media.map((m) => [m.kind, m.status])).toEqual([
        ["photo", "ready"],
        ["photo", "ready"],
      ]);
      const sizes = review.media.map((m) => `${m.width}x${m.height}`).sort();
      // The HEIC (640×480) and the phone photo at its display size; the order depends on what was picked last.
      expect(sizes).toEqual(["1600x1200", "640x480"].sort());
      expect(posts.filter((post) => post.url().includes("/r/"))).toHaveLength(1);
      if (javaScriptEnabled) {
        // Downscaled in the browser: the phone photo went as a JPEG of far fewer bytes; the HEIC (which
        // Chromium cannot decode) went as it was, for the server to decode.
        const sentFiles = JSON.parse((await page.evaluate(() => sessionStorage.getItem("sentFiles"))) ?? "null");
        expect(bigJpegBytes).toBeGreaterThan(2_000_000);
        expect(sentFiles).toEqual([
          ["quadrants.heic", readFileSync(HEIC_FIXTURE).length],
          ["IMG_4031.jpg", expect.any(Number)],
        ]);
        expect(sentFiles[1][1]).toBeLessThan(bigJpegBytes / 2);
      }
    } finally {
      await page.context().close();
    }
  }, 120_000);
}

it("the page refuses a video over 100 MB when it is picked, before anything is sent", async () => {
  const { request } = await createReviewRequest({ shop: DEMO_SHOP, products: [{ ...LINEN_SHIRT, shopifyId: "779" }] });
  // A sparse file: 101 MB to the browser, next to nothing on disk.
  const big = path.join(dir, "IMG_0042.MOV");
  writeFileSync(big, "");
  truncateSync(big, 101 * 1024 * 1024);
  const page = await phone(true);
  try {
    const posts: BrowserRequest[] = [];
    page.on("request", (r) => r.method() === "POST" && posts.push(r));
    await page.goto(`${server.url}/r/${reviewLink(request)}?rating=5`);
    await page.setInputFiles("#p0-video", big);
    await page.getByText("IMG_0042.MOV: the video is larger than 100 MB.").waitFor();
    expect(await page.locator(".rp-preview").count()).toBe(0);
    await page.locator("#p0-video").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, "media-review-page-video-too-large.png") });
    expect(posts).toHaveLength(0);
  } finally {
    await page.context().close();
  }
}, 120_000);

it("the merchant sees both photos in the admin lightbox", async () => {
  expect(reviewIds).toHaveLength(2);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(`${server.url}/app/reviews/${reviewIds[0]}`, { waitUntil: "networkidle" });
    await page.getByRole("heading", { name: "Photos (2)" }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, "media-admin-review.png"), fullPage: true });
    await page.getByRole("button", { name: "Open photo 1" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    expect(await dialog.getAttribute("aria-label")).toBe("Photo 1 of 2");
    await expect
      .poll(() => dialog.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, "media-admin-lightbox-1.png") });
    await page.keyboard.press("ArrowRight");
    expect(await dialog.getAttribute("aria-label")).toBe("Photo 2 of 2");
    await expect
      .poll(() => dialog.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, "media-admin-lightbox-2.png") });
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });

    // Hide one photo: the review stays published, the photo is no longer public.
    await page.getByRole("button", { name: "Hide from storefront" }).first().click();
    await page.getByText("Hidden", { exact: true }).first().waitFor();
    const hidden = await db.reviewMedia.findFirstOrThrow({ where: { reviewId: reviewIds[0], hidden: true } });
    expect((await fetch(`${server.url}/media/${hidden.token}/display.webp`)).status).toBe(404);
    expect(await db.review.count({ where: { id: reviewIds[0], status: "published" } })).toBe(1);

    // The Reviews list: a thumbnail, and the "with photos" filter.
    await page.goto(`${server.url}/app/reviews?media=photos`, { waitUntil: "networkidle" });
    await page.locator('img[src*="/thumb.webp"]').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, "media-admin-list.png"), fullPage: true });
  } finally {
    await page.close();
  }
}, 120_000);

/** A one-finger move across the screen, as Chromium gets it from a touch screen (CDP touch events). */
async function swipe(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [from] });
    for (let step = 1; step <= 6; step++) {
      const point = { x: from.x + ((to.x - from.x) * step) / 6, y: from.y + ((to.y - from.y) * step) / 6 };
      await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [point] });
    }
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  } finally {
    await cdp.detach();
  }
}

it("the merchant swipes between the photos in the lightbox on a phone", async () => {
  expect(reviewIds).toHaveLength(2);
  const page = await phone(true);
  try {
    await page.goto(`${server.url}/app/reviews/${reviewIds[1]}`, { waitUntil: "networkidle" });
    await page.getByRole("button", { name: "Open photo 1" }).tap();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    const label = () => dialog.getAttribute("aria-label");
    expect(await label()).toBe("Photo 1 of 2");
    const middle = { x: 195, y: 422 };

    // Right to left: the next photo; left to right: back again.
    await swipe(page, middle, { x: 60, y: 430 });
    await expect.poll(label).toBe("Photo 2 of 2");
    await expect
      .poll(() => dialog.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, "media-admin-lightbox-phone-swiped.png") });
    await swipe(page, middle, { x: 330, y: 415 });
    await expect.poll(label).toBe("Photo 1 of 2");

    // A short move, or one that is mostly up or down (scrolling), changes nothing.
    await swipe(page, middle, { x: 170, y: 422 });
    await swipe(page, middle, { x: 120, y: 700 });
    await page.waitForTimeout(200);
    expect(await label()).toBe("Photo 1 of 2");

    // Back from the first photo is the last one, and onwards from the last is the first.
    await swipe(page, middle, { x: 330, y: 422 });
    await expect.poll(label).toBe("Photo 2 of 2");
    await swipe(page, middle, { x: 60, y: 422 });
    await expect.poll(label).toBe("Photo 1 of 2");
    await page.getByRole("button", { name: "Close" }).tap();
    await dialog.waitFor({ state: "detached" });
  } finally {
    await page.context().close();
  }
}, 120_000);
