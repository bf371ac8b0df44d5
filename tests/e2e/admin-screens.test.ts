// The admin screens as a merchant uses them in demo mode, in Chromium against the built app: the home
// figures, the Requests list (tabs, search, next page, a request's timeline) and Settings (an error next to
// its field, then a save). Screenshots land in tmp/screenshots/admin-*.png for a person to look at.
import path from "node:path";
import { type Browser, type Page } from "playwright-core";
import { DESKTOP_VIEWPORT, SCREENSHOTS, startDemoInBrowser, stopAppInBrowser } from "../support/browser";
import db from "~/db.server";
import { DEMO_SHOP } from "~/config.server";
import { captureEmailDuringTests } from "../support/smtp";
import type { AppServer } from "../../scripts/server";

let server: AppServer;
let browser: Browser;
let page: Page;

async function shot(name: string): Promise<void> {
  // From the top: the Frame's fixed top bar would otherwise be drawn mid-page in a full-page capture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, `admin-${name}.png`), fullPage: true });
}

captureEmailDuringTests();

beforeAll(async () => {
  ({ server, browser } = await startDemoInBrowser({ customers: 40, orders: 70 }));
  // Send what is scheduled, so the list has sent requests and a timeline with an email.
  const made = await fetch(`${server.url}/demo?index`, {
    method: "POST",
    body: new URLSearchParams({ intent: "make-due" }),
  });
  expect(made.status).toBe(200);
  page = await browser.newPage({ viewport: DESKTOP_VIEWPORT });
}, 600_000);

afterAll(() => stopAppInBrowser({ server, browser }));

describe("the admin in demo mode", () => {
  it("shows the home with the shop's figures and a visible navigation instead of App Bridge's", async () => {
    const response = await page.goto(`${server.url}/app`, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { name: "Kundröst", level: 1 }).waitFor();
    const orders = await db.order.count({ where: { shop: DEMO_SHOP } });
    const ordersFigure = page.getByText("Orders received").locator("xpath=following-sibling::p[1]");
    await expect(ordersFigure.textContent()).resolves.toBe(String(orders));
    for (const section of ["Requests", "Reviews", "Privacy exports", "Settings"]) {
      await expect(page.getByRole("link", { name: section, exact: true }).first().isVisible()).resolves.toBe(true);
    }
    await expect(page.locator('script[src*="app-bridge"]').count()).resolves.toBe(0);
    await shot("home");
  });

  it("lists requests, filters by status tab, searches by order number and pages on", async () => {
    await page.getByRole("link", { name: "Requests", exact: true }).first().click();
    await page.waitForURL(/\/app\/requests$/);
    await page.getByRole("heading", { name: "Review requests" }).waitFor();
    const rows = page.locator(".Polaris-IndexTable__TableRow");
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(50);
    await shot("requests");

    await page.getByRole("tab", { name: "Sent" }).click();
    await page.waitForURL(/status=sent/);
    const sent = await db.reviewRequest.count({ where: { shop: DEMO_SHOP, status: "sent" } });
    expect(sent).toBeGreaterThan(0);
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(Math.min(sent, 50));
    const badges = await page.locator(".Polaris-IndexTable__TableRow .Polaris-Badge").allTextContents();
    // A badge's hidden words (its tone, its progress) come before its label.
    const hidden = /^((Info|Attention|Success|Critical|Incomplete|Partially complete|Complete)\s*)+/;
    expect(new Set(badges.map((text) => text.replace(hidden, "")))).toEqual(new Set(["Sent"]));

    const target = await db.reviewRequest.findFirstOrThrow({
      where: { shop: DEMO_SHOP, status: "sent" },
      orderBy: { sendAt: "asc" },
    });
    await page.getByRole("button", { name: /Search and filter/ }).click();
    await page.getByPlaceholder("Search by order number or customer email").fill(target.orderName.replace("#", ""));
    await page.waitForURL(/q=/);
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    await expect(rows.first().textContent()).resolves.toContain(target.orderName);
    await shot("requests-search");

    await page.goto(`${server.url}/app/requests`, { waitUntil: "networkidle" });
    const firstPage = await rows.allTextContents();
    await page.getByRole("button", { name: /Next/ }).click();
    await page.waitForURL(/cursor=/);
    const total = await db.reviewRequest.count({ where: { shop: DEMO_SHOP } });
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(Math.min(total - 50, 50));
    const secondPage = await rows.allTextContents();
    expect(secondPage.filter((row) => firstPage.includes(row))).toEqual([]);
  });

  it("opens a sent request with its products and its timeline", async () => {
    const request = await db.reviewRequest.findFirstOrThrow({
      where: { shop: DEMO_SHOP, status: "sent" },
      orderBy: { sentAt: "desc" },
      include: { items: true },
    });
    await page.goto(`${server.url}/app/requests`, { waitUntil: "networkidle" });
    await page.getByRole("button", { name: /Search and filter/ }).click();
    await page.getByPlaceholder("Search by order number or customer email").fill(request.orderName);
    await page.waitForURL(/q=/);
    await page.waitForLoadState("networkidle");
    await page.getByRole("link", { name: request.orderName }).click();
    await page.waitForURL(new RegExp(`/app/requests/${request.id}$`));
    await page.getByRole("heading", { name: `Review request for ${request.orderName}` }).waitFor();
    await expect(page.getByText(request.items[0].title).first().isVisible()).resolves.toBe(true);
    await expect(page.getByText("Request email sent").first().isVisible()).resolves.toBe(true);
    await shot("request-detail");
  });

  it("shows a settings error next to its field, then saves and confirms", async () => {
    await page.goto(`${server.url}/app/settings`, { waitUntil: "networkidle" });
    const days = page.locator('input[name="daysAfterFulfillment"]');
    await days.fill("-1");
    await page.getByRole("button", { name: "Save" }).click();
    // Polaris ties a field's error to its input (aria-describedby), which is what "next to its field" means here.
    await page.getByText(/^Days after fulfillment must be a whole number/).waitFor();
    await expect(days.getAttribute("aria-invalid")).resolves.toBe("true");
    const describedBy = (await days.getAttribute("aria-describedby")) ?? "";
    const descriptions = await Promise.all(
      describedBy.split(" ").map((id) => page.locator(`[id="${id}"]`).textContent()),
    );
    expect(descriptions.join(" ")).toMatch(/Days after fulfillment must be a whole number from 0 to 90/);
    await shot("settings-error");
    await days.fill("10");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Settings saved").waitFor();
    await expect(
      db.settings.findUniqueOrThrow({ where: { shop: DEMO_SHOP } }).then((s) => s.daysAfterFulfillment),
    ).resolves.toBe(10);
    await shot("settings-saved");
  });
});
