// The Loyalty screens as a merchant uses them in demo mode, in Chromium against the built app, on the demo's
// seeded members: figures and members list, a member's ledger with a manual adjustment, earning rules and tiers,
// rewards, the balance import. Then what a member reaches: the app-proxy endpoints over real HTTP (signed as
// Shopify signs them, through the server's body limits and headers) and the review-request email with the points
// on offer. Screenshots land in tmp/screenshots/loyalty-*.png for a person to look at.
// KUNDROST_E2E_PORT runs the app on a given port (default: any free one).
import path from "node:path";
import { writeFileSync } from "node:fs";
import { type Browser, type Page } from "playwright-core";
import db from "~/db.server";
import { jobDefinitions } from "~/jobs.server";
import { DEMO_SHOP, LOCAL_API_SECRET } from "~/config.server";
import { makeDemoRequestsDueNow } from "~/modules/demo";
import { signAppProxyParams } from "~/modules/app-proxy";
import { DESKTOP_VIEWPORT, SCREENSHOTS, startDemoInBrowser, stopAppInBrowser } from "../support/browser";
import { captureEmailDuringTests } from "../support/smtp";
import type { AppServer } from "../../scripts/server";

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
  ({ server, browser } = await startDemoInBrowser(
    { customers: 40, orders: 70 },
    { port: Number(process.env.KUNDROST_E2E_PORT ?? 0) },
  ));
  page = await browser.newPage({ viewport: DESKTOP_VIEWPORT });
}, 600_000);

afterAll(() => stopAppInBrowser({ server, browser }));

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

/** A storefront request as Shopify's app proxy forwards it: /apps/kundrost/loyalty/... -> /proxy/loyalty/... */
function proxied(path: string, customerId: string | null): string {
  const query = new URLSearchParams({
    shop: DEMO_SHOP,
    ...(customerId ? { logged_in_customer_id: customerId } : {}),
    path_prefix: "/apps/kundrost",
    timestamp: String(Math.floor(Date.now() / 1000)),
  });
  query.append("signature", signAppProxyParams(query, LOCAL_API_SECRET));
  return `${server.url}/proxy/loyalty${path}?${query}`;
}

describe("what a member reaches", () => {
  it("gets their balance, tier, history and rewards through the app proxy, and redeems once per click", async () => {
    const member = await db.loyaltyAccount.findFirstOrThrow({
      where: { shop: DEMO_SHOP, availablePoints: { gte: 300 } },
      orderBy: { availablePoints: "desc" },
    });
    await page.goto(proxied("", member.customerId), { waitUntil: "load" });
    await page.screenshot({ path: path.join(SCREENSHOTS, "loyalty-app-proxy.png"), fullPage: true });
    const panel = await fetch(proxied("", member.customerId));
    expect(panel.status).toBe(200);
    expect(panel.headers.get("cache-control")).toBe("private, no-store");
    expect(panel.headers.get("x-content-type-options")).toBe("nosniff");
    const body = await panel.json();
    expect(body).toMatchObject({ loggedIn: true, member: { points: member.availablePoints } });
    expect(body.history.length).toBeGreaterThan(0);
    const reward = body.rewards.find((r: { affordable: boolean }) => r.affordable);
    expect(reward).toBeTruthy();

    // The storefront's own form, as Shopify's proxy forwards it (Origin: the shop, Host: this app).
    const form = new URLSearchParams({ reward_id: reward.id, request_id: `e2e-${Date.now()}` });
    const storefront = { Origin: `https://${DEMO_SHOP}`, "Content-Type": "application/x-www-form-urlencoded" };
    const redeem = (headers: Record<string, string>, body: string = form.toString()) =>
      fetch(proxied("/redeem", member.customerId), { method: "POST", headers: { ...storefront, ...headers }, body });
    const first = await redeem({ "Sec-Fetch-Site": "same-origin" });
    expect(first.status).toBe(200);
    const issued = await first.json();
    expect(issued).toMatchObject({ status: "issued" });
    const again = await (await redeem({ "Sec-Fetch-Site": "same-origin" })).json();
    expect(again.code).toBe(issued.code);
    // A form started on another site, and a body no storefront form needs, are refused.
    expect((await redeem({ "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    expect((await redeem({}, `${form}&padding=${"x".repeat(40 * 1024)}`)).status).toBe(413);
    const after = await db.loyaltyAccount.findUniqueOrThrow({ where: { id: member.id } });
    expect(after.availablePoints).toBe(member.availablePoints - reward.pointsCost);
  });

  it("reads the points on offer in the review-request email", async () => {
    const { sent } = await makeDemoRequestsDueNow(jobDefinitions);
    expect(sent).toBeGreaterThan(0);
    const email = await db.capturedEmail.findFirstOrThrow({
      where: { shop: DEMO_SHOP, html: { contains: "for an honest review" } },
      orderBy: { receivedAt: "desc" },
    });
    await page.goto(`${server.url}/demo/outbox/${email.id}/html`, { waitUntil: "load" });
    await page.getByText("Points are for an honest review").first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, "loyalty-review-email.png"), fullPage: true });
  });
});
