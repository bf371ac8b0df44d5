// Smart Prompts and the store question on a phone (390x844) in Debian's Chromium, with JavaScript on and off,
// against the real server and the production build. With JavaScript the chips turn "covered" while the shopper
// types, in English and Swedish, and the page loads nothing but its own small scripts (no React). Without it the
// chips are plain hints, marked covered from what a sent text said. Screenshots in tmp/screenshots/.
import path from "node:path";
import { gzipSync } from "node:zlib";
import { type Browser, type Page } from "playwright-core";
import db from "~/db.server";
import { phoneContext, SCREENSHOTS, startAppInBrowser, stopAppInBrowser } from "../support/browser";
import type { AppServer } from "../../scripts/server";
import { createReviewRequest, createShop, reviewLink, type ProductSpec } from "../reviews/review-request-factory";

const JEANS: ProductSpec = { shopifyId: "7101", title: "Slim Jeans", productType: "Jeans" };
const MUG: ProductSpec = { shopifyId: "7102", title: "Stoneware Mug", productType: "Kitchen" };

let server: AppServer;
let browser: Browser;

beforeAll(async () => {
  ({ server, browser } = await startAppInBrowser());
});

afterAll(() => stopAppInBrowser({ server, browser }));

const phone = (javaScriptEnabled: boolean, locale: string) => phoneContext(browser, { javaScriptEnabled, locale });

const chip = (page: Page, card: number, topic: string) => page.locator(`#p${card}-prompts [data-topic="${topic}"]`);

describe("Smart Prompts on a phone with JavaScript", () => {
  it("turn covered while the shopper writes, and the page runs only its own small script", async () => {
    const { shop } = await createShop({ name: "Denim & Deg" });
    const { request } = await createReviewRequest({ shop, products: [JEANS, MUG] });
    const { context, page } = await phone(true, "en-GB");
    try {
      const scripts: string[] = [];
      page.on("request", (r) => {
        if (r.resourceType() === "script") scripts.push(r.url());
      });
      await page.goto(`${server.url}/r/${reviewLink(request)}?rating=4`);
      await page.waitForLoadState("networkidle");
      // No React, no Remix runtime: the page's own two small scripts (the form's, the photo uploader's), gzipped far
      // under the 35 KB budget.
      expect(scripts.map((url) => new URL(url).pathname)).toEqual([
        expect.stringMatching(/^\/build\/shopper\/review-page-\w+\.js$/),
        expect.stringMatching(/^\/build\/shopper\/review-media-\w+\.js$/),
      ]);
      let gzipped = 0;
      for (const url of scripts) gzipped += gzipSync(await (await page.request.get(url)).body()).length;
      expect(gzipped).toBeLessThan(10_000);
      expect(await page.evaluate(() => "__remixContext" in window)).toBe(false);

      expect(await page.locator("#p0-prompts [data-topic]").allTextContents()).toEqual([
        "Size & fit",
        "Quality",
        "Comfort",
        "Appearance",
      ]);
      expect(await page.locator("#p1-prompts [data-topic]").allTextContents()).toContain("Packaging");
      await expect.poll(() => chip(page, 0, "size_fit").getAttribute("data-covered")).toBe("false");

      await page.locator("#p0-body").pressSequentially("They fit well and the denim is sturdy", { delay: 5 });
      await expect.poll(() => chip(page, 0, "size_fit").getAttribute("data-covered")).toBe("true");
      await expect.poll(() => chip(page, 0, "quality").getAttribute("data-covered")).toBe("true");
      expect(await chip(page, 0, "comfort").getAttribute("data-covered")).toBe("false");
      expect(await chip(page, 0, "size_fit").textContent()).toBe("Size & fit covered");
      // The counter the script adds.
      expect(await page.locator("#p0-body ~ .rp-counter").textContent()).toBe("37 / 5000");
      await page.locator("#p1-body").fill("Arrived in thick packaging");
      await expect.poll(() => chip(page, 1, "packaging").getAttribute("data-covered")).toBe("true");

      // The store question, answered with the review.
      await page.locator("#store-question-title").scrollIntoViewIfNeeded();
      await page.locator('label:has(input[name="storeNps"][value="9"])').tap();
      await page.locator('label:has(input[name="storeCes"][value="6"])').tap();
      await page.screenshot({ path: path.join(SCREENSHOTS, "review-page-prompts-js.png"), fullPage: true });
      await page.locator('label[for="p1-rating-5"]').tap();
      await page.tap("button[type=submit]");
      await page.waitForURL(/\/thanks$/);
      expect(await db.storeAnswer.findFirstOrThrow({ where: { shop } })).toMatchObject({
        nps: 9,
        ces: 6,
        locale: "en",
      });
      expect(await db.review.count({ where: { shop } })).toBe(2);
    } finally {
      await context.close();
    }
  });

  it("cover Swedish words on a Swedish page", async () => {
    const { shop } = await createShop({ name: "Hemma i Umeå" });
    const { request } = await createReviewRequest({ shop, products: [JEANS], locale: "sv" });
    const { context, page } = await phone(true, "sv-SE");
    try {
      await page.goto(`${server.url}/r/${reviewLink(request)}`);
      expect(await page.locator("#p0-prompts p").textContent()).toBe("Du kan till exempel skriva om");
      expect(await chip(page, 0, "size_fit").textContent()).toBe("Storlek & passform");
      await page.locator("#p0-body").pressSequentially("Passformen är perfekt och sköna", { delay: 5 });
      await expect.poll(() => chip(page, 0, "size_fit").getAttribute("data-covered")).toBe("true");
      await expect.poll(() => chip(page, 0, "comfort").getAttribute("data-covered")).toBe("true");
      expect(await chip(page, 0, "size_fit").textContent()).toBe("Storlek & passform med");
      await page.screenshot({ path: path.join(SCREENSHOTS, "review-page-prompts-sv-js.png"), fullPage: true });
    } finally {
      await context.close();
    }
  });
});

describe("Smart Prompts on a phone without JavaScript", () => {
  it("show as plain hints, and say which a sent text covered", async () => {
    const { shop } = await createShop({ name: "Denim & Deg" });
    const { request } = await createReviewRequest({ shop, products: [JEANS] });
    const { context, page } = await phone(false, "en-GB");
    try {
      await page.goto(`${server.url}/r/${reviewLink(request)}`);
      expect(await page.locator("#p0-prompts").isVisible()).toBe(true);
      expect(await page.locator("#p0-prompts p").textContent()).toBe("You could mention");
      expect(await chip(page, 0, "size_fit").getAttribute("data-covered")).toBe("false");
      await page.screenshot({ path: path.join(SCREENSHOTS, "review-page-prompts-nojs.png"), fullPage: true });

      // Sent without a name: the page comes back with the error, and the chips the text covered marked.
      await page.locator('label[for="p0-rating-3"]').tap();
      await page.fill("#p0-body", "The waist runs small");
      await page.fill("#display-name", "");
      await page.locator('label:has(input[name="storeNps"][value="3"])').tap();
      await page.tap("button[type=submit]");
      await page.locator("#display-name-error").waitFor();
      expect(await chip(page, 0, "size_fit").getAttribute("data-covered")).toBe("true");
      expect(await chip(page, 0, "quality").getAttribute("data-covered")).toBe("false");
      // The store answer was kept and is shown again.
      expect(await page.isChecked('input[name="storeNps"][value="3"]')).toBe(true);
      await page.screenshot({ path: path.join(SCREENSHOTS, "review-page-prompts-nojs-error.png"), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
