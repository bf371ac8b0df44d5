// The Insights screen and a product page as a merchant sees them in the demo: the built app behind the real
// server, the demo shop's 1,500+ analysed reviews, Chromium. Screenshots land in tmp/screenshots/.
import path from "node:path";
import { type Browser, type Page } from "playwright-core";
import { SCREENSHOTS, startDemoInBrowser, stopAppInBrowser } from "../support/browser";
import db from "~/db.server";
import { DEMO_SHOP } from "~/config.server";
import type { AppServer } from "../../scripts/server";

let server: AppServer;
let browser: Browser;

async function open(url: string): Promise<{ page: Page; errors: string[] }> {
  // Reduced motion: Polaris Viz then draws its charts at once, so a full-page screenshot (which resizes the
  // viewport and re-renders them) shows them finished rather than mid-animation.
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, reducedMotion: "reduce" });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("response", (response) => {
    // The demo serves no favicon; anything else missing is a broken page.
    if (response.status() >= 400 && !response.url().endsWith("/favicon.ico"))
      errors.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(url, { waitUntil: "networkidle" });
  return { page, errors };
}

beforeAll(async () => {
  ({ server, browser } = await startDemoInBrowser({ customers: 120, orders: 300 }, { withWorker: false }));
}, 900_000);

afterAll(() => stopAppInBrowser({ server, browser }));

describe("the Insights screens in the demo", () => {
  it("shows topics, figures and Polaris Viz charts, and drills into a topic with the evidence marked", async () => {
    const { page, errors } = await open(`${server.url}/app/insights`);
    await page.getByRole("heading", { name: "Insights" }).waitFor();
    await page.getByRole("link", { name: "Insights" }).first().waitFor();
    // The charts are drawn in the browser after hydration.
    await page
      .locator("svg[role='table'], svg[role='img'], .Chart svg")
      .first()
      .waitFor({ timeout: 30_000 })
      .catch(() => undefined);
    // Polaris Viz animates a chart when it scrolls into view: show it, let the bars finish growing, go back up.
    await page.getByRole("heading", { name: "Ratings per week" }).scrollIntoViewIfNeeded();
    await page.waitForTimeout(4000);
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await page.getByText("Size & fit").count()).toBeGreaterThan(0);
    expect(await page.getByText("Net rating score").count()).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, "insights.png"), fullPage: true });

    await page.getByRole("button", { name: "Show reviews that mention Size & fit" }).click();
    // A client-side navigation: the URL changes without a page load.
    await page.getByRole("heading", { name: "Reviews mentioning Size & fit" }).waitFor();
    expect(new URL(page.url()).searchParams.get("topic")).toBe("size_fit");
    await page.locator("mark").first().waitFor();
    await page.waitForTimeout(4000);
    expect(await page.locator("mark").count()).toBeGreaterThan(5);
    await page.screenshot({ path: path.join(SCREENSHOTS, "insights-drill-down.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows a product's rating summary, latest reviews and topic block", async () => {
    const jeans = await db.product.findFirstOrThrow({ where: { shop: DEMO_SHOP, handle: "slim-selvedge-jeans" } });
    const { page, errors } = await open(`${server.url}/app/products/${jeans.shopifyId}`);
    await page.getByRole("heading", { name: "Slim Selvedge Jeans" }).waitFor();
    expect(await page.getByText("Latest reviews").count()).toBe(1);
    expect(await page.getByRole("link", { name: "Size & fit" }).count()).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, "product-reviews.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
