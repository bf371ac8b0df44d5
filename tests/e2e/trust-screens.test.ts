// Reviews merchants can trust, in Chromium against the built app in demo mode: a held review shows its reasons
// in words and how long it has waited, rejecting asks for a reason and lands in the history, the home lists
// follow-ups, and a Judge.me file goes through upload, preview, progress and report. Screenshots land in
// tmp/screenshots/trust-*.png for a person to look at.
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import db from "~/db.server";
import { DEMO_SHOP } from "~/config.server";
import { SCREENSHOTS, startDemoInBrowser, stopAppInBrowser } from "../support/browser";
import { captureEmailDuringTests } from "../support/smtp";

let demo: Awaited<ReturnType<typeof startDemoInBrowser>>;
let page: Page;

async function shot(name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, `trust-${name}.png`), fullPage: true });
}

captureEmailDuringTests();

beforeAll(async () => {
  demo = await startDemoInBrowser({ customers: 30, orders: 50 });
  page = await demo.browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 600_000);

afterAll(async () => {
  await stopAppInBrowser(demo);
});

describe("trust and follow-up screens", () => {
  it("shows a held review's reasons and waiting time, and asks for a reason to reject", async () => {
    const product = await db.product.findFirstOrThrow({ where: { shop: DEMO_SHOP } });
    const held = await db.review.create({
      data: {
        shop: DEMO_SHOP,
        productShopifyId: product.shopifyId,
        rating: 5,
        body: "Cheap copies at www.knockoffs.example and mail me at deal@spam.example",
        displayName: "Deal Guy",
        status: "pending",
        heldReasons: '["link","email"]',
        createdAt: new Date(Date.now() - 3 * 86_400_000),
      },
    });
    await page.goto(`${demo.server.url}/app/reviews/${held.id}`, { waitUntil: "networkidle" });
    await page.getByText("It contains a link.").waitFor();
    await page.getByText("It contains an email address.").waitFor();
    await page.getByText(/Waiting for your decision for 3 days/).waitFor();
    await shot("held-review");

    await page.getByRole("button", { name: "Reject" }).first().click();
    await page.getByRole("dialog").getByLabel("Reason").waitFor();
    await shot("reject-dialog");
    await page.getByRole("dialog").getByLabel("Reason").selectOption("spam");
    await page.getByRole("dialog").getByRole("button", { name: "Reject" }).click();
    await page.getByText("Rejected (hidden from the storefront) by you").waitFor();
    await page.getByText("Why: Spam or advertising").waitFor();
    expect((await db.review.findUniqueOrThrow({ where: { id: held.id } })).status).toBe("rejected");
    await shot("history");
  });

  it("lists low ratings to follow up on the home, with their age", async () => {
    const product = await db.product.findFirstOrThrow({ where: { shop: DEMO_SHOP } });
    const low = await db.review.create({
      data: {
        shop: DEMO_SHOP,
        productShopifyId: product.shopifyId,
        rating: 1,
        body: "The zip broke on day two.",
        displayName: "Karin S.",
        status: "published",
        email: "karin@example.se",
      },
    });
    await db.followUpTask.create({
      // Older than any the demo leaves open (it closes its follow-ups older than 10 days), so it heads the list.
      data: { shop: DEMO_SHOP, reviewId: low.id, createdAt: new Date(Date.now() - 12 * 86_400_000) },
    });
    await page.goto(`${demo.server.url}/app`, { waitUntil: "networkidle" });
    await page.getByText(/Follow-ups \(\d+\)/).waitFor();
    await page.getByText("Karin S. on").waitFor();
    // The name starts right after the stars, as text does in the other cards: not pushed into the row's middle.
    const link = page.getByRole("link", { name: /^Karin S\. on/ });
    const name = await link.boundingBox();
    const stars = await link.locator("xpath=..").getByRole("img", { name: "1 of 5 stars" }).boundingBox();
    const excerpt = await page.getByText("The zip broke on day two.").boundingBox();
    expect(name!.x - (stars!.x + stars!.width)).toBeLessThan(16);
    expect(stars!.x).toBeCloseTo(excerpt!.x, 0);
    await shot("home-follow-ups");
    await page.goto(`${demo.server.url}/app/reviews/${low.id}`, { waitUntil: "networkidle" });
    await page.getByText("Open for 12 days").waitFor();
    await shot("follow-up-review");
  });

  it("imports a Judge.me file: preview, progress, report", async () => {
    const product = await db.product.findFirstOrThrow({ where: { shop: DEMO_SHOP }, orderBy: { title: "asc" } });
    const file = path.join(SCREENSHOTS, "judgeme-import.csv");
    writeFileSync(
      file,
      [
        "product_handle,review_title,body,reviewer_name,reviewer_email,rating,review_date,reply,reply_date,featured,verified,hidden",
        `${product.handle},Lovely,Soft and well made,Ingrid,ingrid@example.se,5,2024-04-02,Thank you!,2024-04-03,false,true,false`,
        `${product.handle},Okay,Runs small,Lars,lars@example.se,3,02/04/2024,,,false,false,false`,
        `no-such-product,Lost,Which product?,Eva,eva@example.se,4,2024-04-02,,,false,false,false`,
      ].join("\n"),
    );
    await page.goto(`${demo.server.url}/app/imports`, { waitUntil: "networkidle" });
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole("button", { name: "Show preview" }).click();
    await page.getByText("3 rows", { exact: true }).waitFor();
    await page.getByText(/Will be skipped: No product of the shop has the handle/).waitFor();
    await shot("import-preview");
    await page.getByRole("button", { name: "Import 3 rows" }).click();
    await page.waitForURL(/\/app\/imports\/[\w-]+$/);
    await page.getByText("Import finished").waitFor({ timeout: 60_000 });
    await page.getByRole("button", { name: "Download the rejected rows" }).waitFor();
    await shot("import-report");
    const imported = await db.review.findMany({
      where: { shop: DEMO_SHOP, importSource: "judgeme" },
      include: { reply: true },
    });
    expect(imported.map((r) => [r.title, r.verifiedBuyer, r.reply?.body ?? null]).sort()).toEqual([
      ["Lovely", true, "Thank you!"],
      ["Okay", false, null],
    ]);
  });
});
