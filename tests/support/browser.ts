// Chromium for the e2e tests: Debian's package (apt-get install chromium), never a downloaded browser.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { ROOT } from "../../scripts/server";

export const SCREENSHOTS = path.join(ROOT, "tmp", "screenshots");

export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}
