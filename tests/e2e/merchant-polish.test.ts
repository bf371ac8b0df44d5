// Issue 14 in Chromium, as a merchant trying the demo meets it: the home's review figures, the Products list,
// products chosen from the catalogue in Settings and the re-plan it reports, several ratings with their tags
// on Reviews, a request's timeline in words, a Polaris "page not found", bar charts on Insights, and no
// unrounded figure anywhere. Screenshots land in tmp/screenshots/polish-*.png for a person to look at.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { type Browser, type Page } from "playwright-core";
import db from "~/db.server";
import { DEMO_SHOP } from "~/config.server";
import { DESKTOP_VIEWPORT, SCREENSHOTS, startDemoInBrowser, stopAppInBrowser } from "../support/browser";
import { captureEmailDuringTests } from "../support/smtp";
import type { AppServer } from "../../scripts/server";

let server: AppServer;
let browser: Browser;
let page: Page;

async function shot(name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, `polish-${name}.png`), fullPage: true });
}

/** Every figure a person reads or hears on the page: its text and its accessible labels. */
async function noUnroundedFigures(): Promise<void> {
  const spoken = await page.evaluate(() =>
    [
      document.body.innerText,
      ...[...document.querySelectorAll("[aria-label]")].map((node) => node.getAttribute("aria-label") ?? ""),
    ].join("\n"),
  );
  expect(spoken).not.toMatch(/\d+\.\d{3,}/);
}

captureEmailDuringTests();

beforeAll(async () => {
  ({ server, browser } = await startDemoInBrowser({ customers: 40, orders: 70 }));
  page = await browser.newPage({ viewport: DESKTOP_VIEWPORT });
}, 600_000);

afterAll(() => stopAppInBrowser({ server, browser }));

describe("what a merchant trying the demo meets", () => {
  it("sees the review figures first on the home, and what the webhook figure counts", async () => {
    await page.goto(`${server.url}/app`, { waitUntil: "networkidle" });
    for (const label of [
      "Reviews received",
      "Average rating",
      "Waiting for your decision",
      "Low-star reviews to answer",
      "Webhook deliveries received",
    ]) {
      await expect(page.getByText(label, { exact: true }).isVisible()).resolves.toBe(true);
    }
    const reviews = await db.review.count({ where: { shop: DEMO_SHOP } });
    const received = page.getByText("Reviews received", { exact: true }).locator("xpath=following-sibling::p[1]");
    await expect(received.textContent()).resolves.toBe(reviews.toLocaleString("en-US"));
    await expect(page.getByText(/came without one/).isVisible()).resolves.toBe(true);
    await noUnroundedFigures();
    await shot("home");
  });

  it("finds products in a Products list with ratings, counts and topics, and opens one", async () => {
    await page.getByRole("link", { name: "Products", exact: true }).first().click();
    await page.waitForURL(/\/app\/products$/);
    await page.getByRole("heading", { name: "Products", level: 1 }).waitFor();
    await expect(page.locator("tbody tr").count()).resolves.toBeGreaterThan(10);
    await noUnroundedFigures();
    await shot("products");
    await page
      .getByRole("button", { name: /search and filter/i })
      .first()
      .click();
    await page.getByPlaceholder("Search products by name").fill("linen");
    await page.waitForFunction(() => document.querySelectorAll("tbody tr").length <= 4);
    const names = await page.locator("tbody tr a").allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((name) => /linen/i.test(name))).toBe(true);
    await page.locator("tbody tr a").first().click();
    await page.waitForURL(/\/app\/products\/\d+$/);
    await page.getByText("Latest reviews").waitFor();
    await noUnroundedFigures();
    await shot("product");
  });

  it("chooses products never to ask about from the catalogue, and a timing change re-plans scheduled requests", async () => {
    await page.goto(`${server.url}/app/settings`, { waitUntil: "networkidle" });
    await expect(page.getByText(/exist in English and Swedish/).isVisible()).resolves.toBe(true);
    await page.getByRole("button", { name: "Choose products" }).click();
    await page.getByPlaceholder("Search the catalogue by name").fill("candle");
    await page.getByRole("option", { name: /Scented Candle/ }).click();
    await shot("settings-picker");
    await page.getByRole("button", { name: "Done" }).click();
    await expect(page.getByText("Scented Candle – Birch & Moss").first().isVisible()).resolves.toBe(true);
    const days = page.getByLabel("Days after fulfillment", { exact: true });
    await days.fill("10");
    await page.getByRole("button", { name: "Save" }).click();
    await page
      .getByText(/moved to the new timing|No request was waiting/)
      .first()
      .waitFor();
    const settings = await db.settings.findUniqueOrThrow({ where: { shop: DEMO_SHOP } });
    expect(JSON.parse(settings.excludedProductIds)).toHaveLength(1);
    await shot("settings");
  });

  it("shows the 1–2★ reviews with their filter as a removable tag, and offers every matching review", async () => {
    await page.goto(`${server.url}/app/reviews?rating=1,2`, { waitUntil: "networkidle" });
    await page.getByText("Rating: 1–2★").first().waitFor();
    const stars = await page
      .locator("tbody tr [role=img]")
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute("aria-label")));
    expect(stars.length).toBeGreaterThan(0);
    expect(stars.every((label) => /^[12] of 5 stars$/.test(label ?? ""))).toBe(true);
    // Each row's checkbox names its review (who, how many stars, when), not "Select review" fifty times over.
    const rowBoxes = page.getByRole("checkbox", {
      name: /^Select the review by .+, [12] of 5 stars, \d{1,2} \w{3} \d{4}$/,
    });
    expect(await rowBoxes.count()).toBe(stars.length);
    // Polaris draws its own box over the input: a person clicks that.
    await page
      .getByRole("checkbox", { name: /Select all/ })
      .first()
      .locator("xpath=..")
      .click();
    await page
      .getByRole("button", { name: /Select all [\d,]+\+? reviews/ })
      .first()
      .waitFor();
    await shot("reviews-low");
    await page.getByRole("button", { name: /Remove filter Rating/ }).click();
    await page.waitForURL((url) => !url.search.includes("rating"));
  });

  it("opens a review, by its title or anywhere on its row, and a product from the Reviews list without a reload", async () => {
    const list = `${server.url}/app/reviews`;
    // A mark on the window lives as long as the document: a link followed inside the app keeps it.
    const sameDocument = () => page.evaluate(() => (window as { listMark?: boolean }).listMark === true);
    const openList = async () => {
      await page.goto(list, { waitUntil: "networkidle" });
      await page.evaluate(() => ((window as { listMark?: boolean }).listMark = true));
    };
    await openList();
    const firstRow = page.locator("tbody tr").first();
    const reviewHref = await firstRow.locator("a[data-primary-link]").getAttribute("href");
    await firstRow.locator("a[data-primary-link]").click();
    await page.waitForURL(`**${reviewHref}`);
    await expect(sameDocument()).resolves.toBe(true);

    await openList();
    const secondRow = page.locator("tbody tr").nth(1);
    const secondHref = await secondRow.locator("a[data-primary-link]").getAttribute("href");
    await secondRow.locator("td").last().click();
    await page.waitForURL(`**${secondHref}`);
    await expect(sameDocument()).resolves.toBe(true);

    await openList();
    const productLink = page.locator("tbody tr").first().locator('a[href^="/app/products/"]');
    const productHref = await productLink.getAttribute("href");
    await productLink.click();
    await page.waitForURL(`**${productHref}`);
    await expect(sameDocument()).resolves.toBe(true);
  });

  it("tells a reviewed request's story in words, in order, without internals", async () => {
    const request = await db.reviewRequest.findFirstOrThrow({
      where: { shop: DEMO_SHOP, status: "reviewed" },
      orderBy: { sentAt: "desc" },
    });
    await page.goto(`${server.url}/app/requests/${request.id}`, { waitUntil: "networkidle" });
    await page.getByText("Timeline").waitFor();
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).not.toMatch(/Demo history|Product shopify id|Round:|Message id|Planned send/i);
    expect(text.match(/Every product reviewed/g)?.length ?? 0).toBeLessThanOrEqual(1);
    await shot("request");
  });

  it("shows a Polaris page-not-found inside the admin frame for an unknown admin path", async () => {
    // (/app/loyalty, the path the issue named, is the loyalty programme's screen now.)
    const response = await page.goto(`${server.url}/app/no-such-screen`, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    await expect(page.getByRole("link", { name: "Reviews", exact: true }).first().isVisible()).resolves.toBe(true);
    await shot("not-found");
  });

  it("draws the Insights trends as bars, not smooth humps", async () => {
    await page.goto(`${server.url}/app/insights`, { waitUntil: "networkidle" });
    await page.locator("svg[role=img] rect").first().waitFor();
    await expect(page.locator("svg[role=img] path").count()).resolves.toBe(0);
    await noUnroundedFigures();
    await shot("insights");
  });

  it("keeps the Insights columns still while a long page arrives in pieces (no layout shift when the side column comes)", async () => {
    // A shop with 100,000 reviews makes Insights 120 KB of HTML, which arrives in pieces: Chromium paints the
    // first before the side column's HTML is there. This proxy sends the page in two parts, 700 ms apart, split
    // at the main column's last card, and everything else as it is.
    const proxy: Server = createServer((req, res) => {
      void (async () => {
        const upstream = await fetch(`${server.url}${req.url}`, {
          headers: { accept: req.headers.accept ?? "*/*" },
        });
        const body = Buffer.from(await upstream.arrayBuffer());
        const headers: Record<string, string> = {};
        upstream.headers.forEach((value, name) => {
          if (!["content-length", "content-encoding", "transfer-encoding", "connection"].includes(name))
            headers[name] = value;
        });
        res.writeHead(upstream.status, headers);
        const split = req.url === "/app/insights" ? body.indexOf("Ratings per week") : -1;
        if (split < 0) return void res.end(body);
        res.write(body.subarray(0, split));
        setTimeout(() => res.end(body.subarray(split)), 700);
      })().catch((error: unknown) => {
        res.statusCode = 502;
        res.end(String(error));
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const viaProxy = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const pieces = await browser.newPage({ viewport: DESKTOP_VIEWPORT });
    // Every layout shift from the first paint on, as web-vitals counts them (none right after an input).
    await pieces.addInitScript({
      content: `window.__layoutShifts = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShifts.push(entry.value);
        }).observe({ type: "layout-shift", buffered: true });`,
    });
    try {
      await pieces.goto(`${viaProxy}/app/insights`, { waitUntil: "networkidle" });
      await pieces.getByRole("heading", { name: "Your topics" }).waitFor();
      const shifts = (await pieces.evaluate("window.__layoutShifts")) as number[];
      expect(shifts.reduce((sum, value) => sum + value, 0)).toBeLessThan(0.01);
    } finally {
      await pieces.close();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});
