// Chromium for the e2e tests: Debian's package (apt-get install chromium), never a downloaded browser.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { jobDefinitions } from "~/jobs.server";
import { seedDemoShop, type DemoSeedSummary, type DemoShopSize } from "~/modules/demo";
import { ensureAppBuild, ROOT, startAppServer, type AppServer } from "../../scripts/server";

export const SCREENSHOTS = path.join(ROOT, "tmp", "screenshots");

export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

/** The demo as `npm run demo` runs it: demo mode, the built app with its in-process worker, a seeded shop, Chromium. */
export async function startDemoInBrowser(
  size: DemoShopSize,
): Promise<{ server: AppServer; browser: Browser; seeded: DemoSeedSummary }> {
  process.env.KUNDROST_DEMO = "1";
  ensureAppBuild();
  const server = await startAppServer({ withWorker: true });
  const seeded = await seedDemoShop({ now: new Date(), appUrl: server.url, size, jobDefinitions });
  return { server, browser: await launchChromium(), seeded };
}

export async function stopDemoInBrowser(demo: { server?: AppServer; browser?: Browser }): Promise<void> {
  await demo.browser?.close();
  await demo.server?.close();
  delete process.env.KUNDROST_DEMO;
}
