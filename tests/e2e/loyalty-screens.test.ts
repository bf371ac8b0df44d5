// The Loyalty screens as a merchant uses them in demo mode, in Chromium against the built app, on the demo's
// seeded members: figures and members list, a member's ledger with a manual adjustment, earning rules and tiers,
// rewards, the balance import. Screenshots land in tmp/screenshots/loyalty-*.png for a person to look at.
import path from "node:path";
import { writeFileSync } from "node:fs";
import { type Browser, type Page } from "playwright-core";
import db from "~/db.server";
import { jobDefinitions } from "~/jobs.server";
import { DEMO_SHOP } from "~/config.server";
import { seedDemoShop } from "~/modules/demo";
import { launchChromium, SCREENSHOTS } from "../support/browser";
import { captureEmailDuringTests } from "../support/smtp";
import { ensureAppBuild, startAppServer, type AppServer } from "../../scripts/server";

let server: AppServer;
let browser: Browser;
let page: Page;

async function open(pathname: string, name: string): Promise<void> {
  await page.goto(`${server.url}${pathname}`, { waitUntil: "networkidle" });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, `loyalty-${name}.png`), fullPage: true });
}

captureEmailDuringTests();

beforeAll(async () => {
  process.env.KUNDROST_DEMO = "1";
  ensureAppBuild();
  server = await startAppServer({ withWorker: true });
  await seedDemoShop({ now: new Date(), appUrl: server.url, size: { customers: 40, orders: 70 }, jobDefinitions });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  delete process.env.KUNDROST_DEMO;
});

describe("the Loyalty screens", () => {
  it("show the programme's figures and the members, and open a member's ledger", async () => {
    await open("/app/loyalty", "home");
    await page.getByText("Outstanding liability").first().waitFor();
    const top = await db.loyaltyAccount.findFirstOrThrow({
      where: { shop: DEMO_SHOP },
      orderBy: { availablePoints: "desc" },
    });
    await page.locator("tbody tr").first().click();
    await page.waitForURL(`**/app/loyalty/members/${top.id}`);
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Points").fill("25");
    await page.getByLabel("Reason").fill("Thank you for the photo tips");
    await page.getByRole("button", { name: "Adjust" }).click();
    await page.getByText("Adjusted by 25 points.").first().waitFor();
    await page.getByText("Manual adjustment — Thank you for the photo tips").first().waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOTS, "loyalty-member.png"), fullPage: true });
  });

  it("show earning rules and tiers, rewards and the import", async () => {
    await open("/app/loyalty/settings", "settings");
    expect(await page.getByLabel("Points for a review").inputValue()).toBe("50");
    await open("/app/loyalty/rewards", "rewards");
    await page.getByText("100 kr off").first().waitFor();
    await open("/app/loyalty/import", "import");
    const file = path.join(SCREENSHOTS, "loyalty-import.csv");
    writeFileSync(file, "email,points\nnobody@example.com,100\n");
    await page.locator("input[type=file]").setInputFiles(file);
    await page.getByRole("button", { name: "Import" }).click();
    await page.getByText("0 members imported").first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, "loyalty-import-report.png"), fullPage: true });
  });
});
