// The review page on a phone, in a real browser (Debian's Chromium through playwright-core), against the
// real app server and the Remix production build: once with JavaScript off (a plain HTML form) and once
// with it on (the same page, progressively enhanced).
import path from "node:path";
import { type Browser, type Page } from "playwright-core";
import { phoneContext, SCREENSHOTS, startAppInBrowser, stopAppInBrowser } from "../support/browser";
import db from "~/db.server";
import type { AppServer } from "../../scripts/server";
import {
  createReviewRequest,
  createShop,
  LINEN_SHIRT,
  MUG_SET,
  reviewLink,
  type ProductSpec,
} from "../reviews/review-request-factory";

// A product picture without leaving the machine.
const svgImage = (colour: string) =>
  `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${colour}"/><path d="M18 14h28l8 10-8 4v24H18V28l-8-4z" fill="#fff" opacity=".85"/></svg>`)}`;
const SHIRT: ProductSpec = { ...LINEN_SHIRT, imageUrl: svgImage("#7b9e89") };
const MUGS: ProductSpec = { ...MUG_SET, imageUrl: svgImage("#c28f5c") };

let server: AppServer;
let browser: Browser;

beforeAll(async () => {
  ({ server, browser } = await startAppInBrowser());
});

afterAll(() => stopAppInBrowser({ server, browser }));

const phone = (javaScriptEnabled: boolean, locale = "en-GB") => phoneContext(browser, { javaScriptEnabled, locale });

/** Which stars look filled: the star colour, as the browser computed it. */
async function filledStars(page: Page, productShopifyId: string): Promise<boolean[]> {
  return page.$$eval(`input[name="rating[${productShopifyId}]"] + label svg`, (svgs) =>
    svgs.map((svg) => getComputedStyle(svg).fill === "rgb(232, 161, 12)"),
  );
}

for (const javaScriptEnabled of [false, true]) {
  const mode = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

  describe(`the review page on a phone ${mode}`, () => {
    it("opens with the tapped four stars, shows a mistake next to its field, then thanks the shopper", async () => {
      const { shop } = await createShop({ name: "Fjällräv & Co", brandColor: "#2a5d84" });
      const { request } = await createReviewRequest({ shop, products: [SHIRT] });
      const { context, page } = await phone(javaScriptEnabled);
      const suffix = javaScriptEnabled ? "js" : "nojs";
      try {
        const scripts: Promise<number>[] = [];
        const requested: string[] = [];
        page.on("request", (r) => requested.push(r.url()));
        page.on("response", (r) => {
          if (r.request().resourceType() === "script") scripts.push(r.body().then((b) => b.length));
        });
        const response = await page.goto(`${server.url}/r/${reviewLink(request)}?rating=4`);
        expect(response?.status()).toBe(200);
        // Page weight on a phone, printed (not asserted): the document alone is the whole page without JS.
        await page.waitForLoadState("networkidle");
        const scriptBytes = (await Promise.all(scripts)).reduce((sum, n) => sum + n, 0);
        console.log(
          `review page ${mode}: document ${((await response!.body()).length / 1024).toFixed(1)} KiB, ` +
            `scripts ${(scriptBytes / 1024).toFixed(1)} KiB in ${scripts.length} files (uncompressed)`,
        );
        // Every request the page made stayed on the app's own origin (no fonts, scripts or images from elsewhere).
        expect(requested.filter((url) => !url.startsWith(server.url) && !url.startsWith("data:"))).toEqual([]);
        expect(await page.getAttribute("html", "lang")).toBe("en");
        await expect(page.isChecked('input[name="rating[7001]"][value="4"]')).resolves.toBe(true);
        expect(await filledStars(page, "7001")).toEqual([true, true, true, true, false]);
        expect(await page.getAttribute("#display-name", "value")).toBe("Anna L.");
        await page.screenshot({ path: path.join(SCREENSHOTS, `review-page-${suffix}-opened.png`), fullPage: true });

        await page.fill("#p0-title", "Cool in the heat");
        await page.fill("#p0-body", "Light linen, breathes well. Fits as expected after one wash.");
        await page.check('input[name="fit[7001]"][value="true_to_size"]');
        await page.fill("#display-name", "");
        await page.tap("button[type=submit]");

        const error = page.locator("#display-name-error");
        await error.waitFor();
        expect(await error.textContent()).toBe("Enter the name to show with your review.");
        expect(await page.getAttribute("#display-name", "aria-invalid")).toBe("true");
        expect(await page.getAttribute("#display-name", "aria-describedby")).toContain("display-name-error");
        expect(await page.evaluate(() => document.activeElement?.id)).toBe("display-name");
        // What the shopper typed is still there.
        expect(await page.inputValue("#p0-body")).toBe("Light linen, breathes well. Fits as expected after one wash.");
        await expect(page.isChecked('input[name="rating[7001]"][value="4"]')).resolves.toBe(true);
        await expect(page.isChecked('input[name="fit[7001]"][value="true_to_size"]')).resolves.toBe(true);
        expect(await db.review.count({ where: { shop } })).toBe(0);
        await page.screenshot({ path: path.join(SCREENSHOTS, `review-page-${suffix}-error.png`), fullPage: true });

        await page.fill("#display-name", "Anna L.");
        await page.tap("button[type=submit]");
        await page.waitForURL(/\/thanks$/);
        await page.locator("h1", { hasText: "Thank you!" }).waitFor();
        expect(await page.textContent("main")).toContain("Your review has been sent to Fjällräv & Co.");
        await page.screenshot({ path: path.join(SCREENSHOTS, `review-page-${suffix}-thanks.png`), fullPage: true });

        expect(await db.review.findFirstOrThrow({ where: { shop } })).toMatchObject({
          productShopifyId: "7001",
          rating: 4,
          title: "Cool in the heat",
          fit: "true_to_size",
          displayName: "Anna L.",
          verifiedBuyer: true,
          status: "published",
        });
      } finally {
        await context.close();
      }
    });

    it("shows a Swedish order with two products in Swedish, the tapped rating on the first", async () => {
      const { shop } = await createShop({ name: "Hemma i Umeå", brandColor: "#8a3b12" });
      const { request } = await createReviewRequest({ shop, products: [SHIRT, MUGS], locale: "sv" });
      const { context, page } = await phone(javaScriptEnabled, "sv-SE");
      const suffix = javaScriptEnabled ? "js" : "nojs";
      try {
        await page.goto(`${server.url}/r/${reviewLink(request)}?rating=5`);
        expect(await page.getAttribute("html", "lang")).toBe("sv");
        expect(await filledStars(page, "7001")).toEqual([true, true, true, true, true]);
        expect(await filledStars(page, "7002")).toEqual([false, false, false, false, false]);
        // The fit question only for the shirt.
        expect(await page.locator('input[name="fit[7001]"]').count()).toBe(4);
        expect(await page.locator('input[name="fit[7002]"]').count()).toBe(0);
        expect(await page.textContent("main")).toContain("Liten i storleken");

        // A mug review with words but no stars: the error sits on the mug's stars.
        await page.fill("#p1-body", "En mugg kom med en spricka.");
        await page.tap("button[type=submit]");
        const error = page.locator("#p1-rating-error");
        await error.waitFor();
        expect(await error.textContent()).toBe("Välj ett betyg med stjärnorna.");
        expect(await db.review.count({ where: { shop } })).toBe(0);
        await page.screenshot({ path: path.join(SCREENSHOTS, `review-page-${suffix}-sv-error.png`), fullPage: true });

        await page.locator('label[for="p1-rating-2"]').tap();
        // The fill fades in (a short CSS transition), so look until it has settled.
        await expect.poll(() => filledStars(page, "7002")).toEqual([true, true, false, false, false]);
        await page.tap("button[type=submit]");
        await page.waitForURL(/\/thanks$/);
        await page.locator("h1", { hasText: "Tack!" }).waitFor();
        expect(await db.review.count({ where: { shop } })).toBe(2);
      } finally {
        await context.close();
      }
    });
  });
}

describe("a link that no longer works, on a phone", () => {
  it("says so in the shopper's language with 410 Gone", async () => {
    const { shop } = await createShop();
    const { request } = await createReviewRequest({ shop, products: [SHIRT] });
    const { context, page } = await phone(false, "sv-SE");
    try {
      const response = await page.goto(
        `${server.url}/r/${reviewLink(request, { expiresAt: new Date(Date.now() - 1000) })}`,
      );
      expect(response?.status()).toBe(410);
      expect(await page.textContent("h1")).toBe("Länken har gått ut");
      await page.screenshot({ path: path.join(SCREENSHOTS, "review-page-expired.png"), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
