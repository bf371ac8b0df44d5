// The storefront as a shopper meets it, in Chromium on the demo's storefront preview (the theme app extension's
// real Liquid blocks, its real assets, the app-proxy routes reached through the local hop that signs like
// Shopify): stars before any script runs and no layout shift, photos in the lightbox, sorting, filtering,
// voting, a review with a photo sent from a phone, a member redeeming twice quickly for one code, a script in
// a review's text shown as text, and axe-core's audit. Screenshots of each state: tmp/screenshots/storefront-*.png.
import path from "node:path";
import { readFileSync, writeFileSync } from "node:fs";
import sharp from "sharp";
import type { Browser, Page } from "playwright-core";
import db from "~/db.server";
import { DEMO_SHOP } from "~/config.server";
import { DEMO_PRODUCTS } from "~/modules/demo";
import { SCREENSHOTS, startDemoInBrowser, stopAppInBrowser } from "../support/browser";
import type { AppServer } from "../../scripts/server";

let server: AppServer;
let browser: Browser;
let handle: string;
let productId: string;

const AXE = readFileSync(path.resolve("node_modules/axe-core/axe.min.js"), "utf8");
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `storefront-${name}.png`), fullPage: true });

async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const results = await page.evaluate(async () => {
    // @ts-expect-error -- axe is the global the script tag above defines
    const run = await window.axe.run(document, { resultTypes: ["violations"] });
    return run.violations.map((v: { id: string; impact: string; nodes: { target: string[] }[] }) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 3),
    }));
  });
  return results
    .filter((v: { impact: string }) => v.impact === "serious" || v.impact === "critical")
    .map((v: { id: string; targets: string[] }) => `${v.id}: ${v.targets.join(", ")}`);
}

beforeAll(async () => {
  const demo = await startDemoInBrowser({ customers: 40, orders: 90 });
  server = demo.server;
  browser = demo.browser;
  // The product with the most published reviews that has photos: the richest page.
  const groups = await db.review.groupBy({
    by: ["productShopifyId"],
    where: { shop: DEMO_SHOP, status: "published", media: { some: {} } },
    _count: { _all: true },
    orderBy: { _count: { productShopifyId: "desc" } },
  });
  productId = groups[0].productShopifyId;
  handle = DEMO_PRODUCTS.find((p) => p.shopifyId === productId)!.handle;
  // The worker writes the rating metafields to the stand-in "Shopify"; the page renders from them.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const held = await db.standInMetafield.findFirst({
      where: {
        shop: DEMO_SHOP,
        namespace: "kundrost",
        key: "reviews_summary",
        ownerId: `gid://shopify/Product/${productId}`,
      },
    });
    if (held && JSON.parse(held.value).media > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}, 600_000);

afterAll(async () => {
  await stopAppInBrowser({ server, browser });
});

/** Each review's date as shown and as its datetime says, in the storefront's English words ("October 1, 2026"). */
async function reviewDates(page: Page): Promise<{ shown: string[]; expected: string[] }> {
  const times = await page
    .locator(".kr-list time.kr-review__date")
    .evaluateAll((nodes) => nodes.map((n) => [n.getAttribute("datetime") ?? "", n.textContent ?? ""]));
  const words = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });
  return {
    shown: times.map(([, text]) => text),
    expected: times.map(([iso]) => words.format(new Date(`${iso}T00:00:00Z`))),
  };
}

describe("the storefront preview", () => {
  it("shows the stars, summary and first reviews before any script runs", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/demo/storefront/products/${handle}`);
    const stars = page.locator(".product__info svg.kr-stars");
    await expect(stars.getAttribute("aria-label")).resolves.toMatch(/^Rated \d\.\d out of 5, \d+ reviews?$/);
    expect(await page.locator(".kr-summary__number").textContent()).toMatch(/^\d\.\d$/);
    expect(await page.locator(".kr-list .kr-review").count()).toBeGreaterThan(0);
    const printed = await reviewDates(page);
    expect(printed.shown.length).toBeGreaterThan(0);
    expect(printed.shown).toEqual(printed.expected);
    const jsonLd = await page.locator('script[type="application/ld+json"]').allTextContents();
    const ratings = jsonLd.map((text) => JSON.parse(text)).filter((data) => data.aggregateRating);
    expect(ratings).toHaveLength(1);
    await shot(page, "no-script");
    await context.close();
  });

  it("loads the blocks with no layout shift, and the collection's cards show stars", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(() => {
      // @ts-expect-error -- a test-only global
      window.__shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
          // @ts-expect-error -- a test-only global
          if (!entry.hadRecentInput) window.__shift += entry.value;
      }).observe({ type: "layout-shift", buffered: true });
    });
    await page.goto(`${server.url}/demo/storefront/products/${handle}`, { waitUntil: "networkidle" });
    await page.locator(".kr-list .kr-review__actions").first().waitFor();
    // @ts-expect-error -- a test-only global
    expect(await page.evaluate(() => window.__shift)).toBe(0);
    await shot(page, "product");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.goto(`${server.url}/demo/storefront/collections/all`, { waitUntil: "networkidle" });
    expect(await page.locator(".card svg.kr-stars").count()).toBeGreaterThan(3);
    await shot(page, "collection");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.close();
  });

  it("opens photos in a lightbox, sorts, filters by stars and takes a helpful vote", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/demo/storefront/products/${handle}`, { waitUntil: "networkidle" });
    const thumb = page.locator(".kr-gallery .kr-thumb").first();
    await thumb.click();
    const dialog = page.locator("dialog.kr-lightbox");
    await dialog.locator("img, video").first().waitFor();
    expect(await dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
    await shot(page, "lightbox");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Escape");
    expect(await dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    // Focus goes back to the photo that opened it.
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("kr-thumb");

    await Promise.all([
      page.waitForResponse((r) => r.url().includes("sort=lowest")),
      page.locator("[data-kr-sort]").selectOption("lowest"),
    ]);
    await page.waitForFunction(() => document.querySelector("[data-kr-list]")?.getAttribute("aria-busy") === "false");
    const lowest = await page.locator(".kr-list .kr-review svg.kr-stars").first().getAttribute("aria-label");
    expect(lowest).toMatch(/^[12] out of 5 stars$/);
    // The script writes the dates of the page it loaded as the Liquid wrote the first one.
    const loaded = await reviewDates(page);
    expect(loaded.shown.length).toBeGreaterThan(0);
    expect(loaded.shown).toEqual(loaded.expected);
    await shot(page, "sorted-lowest");

    await Promise.all([
      page.waitForResponse((r) => r.url().includes("rating=5")),
      page.locator('[data-kr-filter="5"]').click(),
    ]);
    await page.waitForFunction(() => document.querySelector("[data-kr-list]")?.getAttribute("aria-busy") === "false");
    const labels = await page
      .locator(".kr-list .kr-review svg.kr-stars")
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute("aria-label")));
    expect(labels.length).toBeGreaterThan(0);
    expect(new Set(labels)).toEqual(new Set(["5 out of 5 stars"]));
    expect(await page.locator('[data-kr-filter="5"]').getAttribute("aria-pressed")).toBe("true");
    await shot(page, "filtered-5");

    const helpful = page.locator(".kr-list .kr-review__actions button").first();
    await helpful.click();
    await page
      .getByText(/Thanks for your vote/)
      .first()
      .waitFor();
    await shot(page, "voted");
    await page.close();
  });

  it("takes a review with a photo from a phone, and shows a review's script as text", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    let dialogs = 0;
    page.on("dialog", (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    const script = '<img src=x onerror="alert(1)"><script>alert(2)</script> Hostile but harmless';
    await db.review.create({
      data: {
        shop: DEMO_SHOP,
        productShopifyId: productId,
        rating: 3,
        body: script,
        displayName: "Mallory",
        status: "published",
        source: "storefront",
        createdAt: new Date(Date.now() + 60_000),
        publishedAt: new Date(),
      },
    });
    await page.goto(`${server.url}/demo/storefront/products/${handle}`, { waitUntil: "networkidle" });
    // The pages seen so far are the app's for a few seconds (the list's cache); the 3-star filter is asked afresh.
    await page.locator('[data-kr-filter="3"]').click();
    await page.getByText("Hostile but harmless").first().waitFor();
    expect(await page.locator(".kr-review__body", { hasText: "Hostile" }).first().textContent()).toBe(script);
    expect(dialogs).toBe(0);

    const photo = path.join(SCREENSHOTS, "storefront-upload.jpg");
    writeFileSync(
      photo,
      await sharp({ create: { width: 900, height: 700, channels: 3, background: "#b85c38" } })
        .jpeg()
        .toBuffer(),
    );
    await page.locator(".kr-write summary").click();
    await page.locator(".kr-form__rating label").nth(1).click(); // the second from the left: 4 stars
    await page.getByLabel("Your review", { exact: true }).fill("Warm, soft and the colour is exactly as pictured.");
    await page.locator('input[name="photos"]').setInputFiles(photo);
    await page.getByLabel("Name shown with your review").fill("Sara P.");
    await page.locator('input[name="email"]').fill("sara@example.com");
    await shot(page, "form-mobile");
    await page.getByRole("button", { name: "Send review" }).click();
    await page.getByText("The shop reads reviews from the storefront before they appear.").waitFor();
    await shot(page, "form-sent-mobile");
    const saved = await db.review.findFirstOrThrow({
      // By its words too: the demo seed has storefront reviews of its own, and a "Sara P." may be among them.
      where: {
        shop: DEMO_SHOP,
        displayName: "Sara P.",
        source: "storefront",
        body: "Warm, soft and the colour is exactly as pictured.",
      },
      include: { media: true },
    });
    expect(saved).toMatchObject({ rating: 4, status: "pending", verifiedBuyer: false, source: "storefront" });
    expect(saved.media).toHaveLength(1);
    expect(dialogs).toBe(0);
    await page.close();
  });

  it("lets a member redeem twice quickly and get one code", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/demo/storefront/products/${handle}`, { waitUntil: "networkidle" });
    await page.getByRole("button", { name: "Log in as demo member" }).click();
    await page.waitForLoadState("networkidle");
    const memberId = (await page.context().cookies()).find((c) => c.name === "kr_demo_customer")!.value;
    const account = await db.loyaltyAccount.findUniqueOrThrow({
      where: { shop_customerId: { shop: DEMO_SHOP, customerId: memberId } },
    });
    const before = await db.redemption.count({ where: { shop: DEMO_SHOP, accountId: account.id } });
    const redeem = page.locator(".kr-reward button:not([disabled])").first();
    await redeem.waitFor();
    await shot(page, "loyalty-member");
    await redeem.dblclick();
    await page.getByText(/^Your code: /).waitFor();
    await page.waitForLoadState("networkidle");
    expect(await db.redemption.count({ where: { shop: DEMO_SHOP, accountId: account.id } })).toBe(before + 1);
    const code = (await page.getByText(/^Your code: /).textContent())!.replace("Your code: ", "");
    // The new code heads the member's codes at once, and is still there after a reload, with the points
    // history in words (no ids, no raw kinds).
    const activity = page.locator(".kr-loyalty__activity");
    await activity.locator("summary").click();
    await expect.poll(() => activity.locator("[data-kr-codes] li").first().textContent()).toContain(code);
    await page.locator(".kr-loyalty").screenshot({ path: path.join(SCREENSHOTS, "storefront-loyalty-code.png") });
    await page.reload({ waitUntil: "networkidle" });
    await page.locator(".kr-loyalty__activity summary").click();
    const codes = page.locator("[data-kr-codes] li");
    await expect.poll(() => codes.first().textContent()).toContain(code);
    expect(await codes.first().textContent()).toMatch(/valid until \d{1,2} \w+ 20\d\d|\w+ \d{1,2}, 20\d\d/);
    const history = await page.locator("[data-kr-history] li").allTextContents();
    expect(history.length).toBeGreaterThan(1);
    expect(history.some((text) => /^Reward.*-\d+$/.test(text))).toBe(true);
    expect(history.join("\n")).not.toMatch(/undefined|null|\b(earn|redeem|mature|adjust)\b/);
    await page.locator(".kr-loyalty").screenshot({ path: path.join(SCREENSHOTS, "storefront-loyalty-activity.png") });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.close();
  });
});
