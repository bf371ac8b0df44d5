// The one browser the project drives: Debian's Chromium package (apt-get install chromium), never a downloaded
// one, with the flags every run uses (headless, no sandbox in containers, no background traffic to Google).
// The e2e tests (tests/support/browser.ts, through playwright-core) and the benchmarks (through chrome-launcher).
export const CHROMIUM_PATH = "/usr/bin/chromium";

export const CHROMIUM_FLAGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];
