// Chromium for the e2e tests (Debian's package with the project's flags, scripts/chromium.ts) and the two ways an
// e2e file starts: the built app with a browser, or the demo as `npm run demo` runs it.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { jobDefinitions } from "~/jobs.server";
import { seedDemoShop, type DemoSeedSummary, type DemoShopSize } from "~/modules/demo";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "../../scripts/chromium";
import { ensureAppBuild, ROOT, startAppServer, type AppServer, type AppServerOptions } from "../../scripts/server";

export const SCREENSHOTS = path.join(ROOT, "tmp", "screenshots");

/** The merchant's desk: what the admin screens are looked at in. */
export const DESKTOP_VIEWPORT = { width: 1280, height: 900 };

export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_FLAGS],
  });
}

/** A shopper's phone (390x844, touch, 2x), with JavaScript on or off and the browser's language. */
export async function phoneContext(
  browser: Browser,
  options: { javaScriptEnabled: boolean; locale?: string },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    javaScriptEnabled: options.javaScriptEnabled,
    locale: options.locale,
  });
  return { context, page: await context.newPage() };
}

/** The built app (not in demo mode) and Chromium; the test makes its own shops. */
export async function startAppInBrowser(): Promise<{ server: AppServer; browser: Browser }> {
  ensureAppBuild();
  const server = await startAppServer();
  return { server, browser: await launchChromium() };
}

/**
 * The demo as `npm run demo` runs it: demo mode, the built app (with its in-process worker unless told
 * otherwise), a seeded shop of `size`, Chromium.
 */
export async function startDemoInBrowser(
  size: DemoShopSize,
  options: Pick<AppServerOptions, "withWorker" | "port" | "renderThreads"> = {},
): Promise<{ server: AppServer; browser: Browser; seeded: DemoSeedSummary }> {
  process.env.KUNDROST_DEMO = "1";
  ensureAppBuild();
  const server = await startAppServer({ withWorker: true, ...options });
  const seeded = await seedDemoShop({ now: new Date(), appUrl: server.url, size, jobDefinitions });
  return { server, browser: await launchChromium(), seeded };
}

/** Closes what startAppInBrowser or startDemoInBrowser started, whichever parts did start. */
export async function stopAppInBrowser(demo: { server?: AppServer; browser?: Browser }): Promise<void> {
  await demo.browser?.close();
  await demo.server?.close();
  delete process.env.KUNDROST_DEMO;
}
