// `npm run bench:review-page`: what a shopper's phone gets from the review page (/r/:token), measured by Lighthouse
// (mobile: its default emulated phone, slow 4G and a 4x slower CPU, simulated) in Debian's Chromium.
//   1. The demo shop, seeded as `npm run demo` seeds it, in a scratch SQLite database (demo mode).
//   2. The built app (remix build + the shopper scripts) in a process of its own on BENCH_PORT (3109).
//   3. A demo review request with three products still to review; Lighthouse loads its page BENCH_RUNS (3) times.
//   4. js_gzip: every script the page loaded (and any inline script) gzipped, in bytes; lcp, cls and tbt are the
//      medians of the runs.
// The machine may be shared: the script prints the load average before and after. It asserts nothing; the last
// line is the summary the issue asks for:
//   review_page: js_gzip=<B>B lcp=<L>ms cls=<C> tbt=<T>ms
// Targets: B <= 35000, L <= 1500, C <= 0.05, T <= 100.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "../chromium";

const PORT = Number(process.env.BENCH_PORT ?? 3109);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ROOT = path.resolve(import.meta.dirname, "../..");
const APP_URL = `http://127.0.0.1:${PORT}`;
const scratch = mkdtempSync(path.join(os.tmpdir(), "kundrost-bench-review-page-"));
const DATABASE_URL = `file:${path.join(scratch, "bench.sqlite")}`;
Object.assign(process.env, {
  DATABASE_URL,
  KUNDROST_DEMO: "1",
  LOG_LEVEL: "warn",
  SHOPIFY_APP_URL: APP_URL,
});

const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
console.log(`load average before: ${load()} (${os.cpus().length} cores; the machine may be shared)`);

const { migrateDatabase } = await import("../../app/db-migrate.server");
await migrateDatabase(DATABASE_URL);
const { default: db } = await import("../../app/db.server");
const { jobDefinitions } = await import("../../app/jobs.server");
const { seedDemoShop } = await import("../../app/modules/demo");
const { signRequestToken } = await import("../../app/modules/requests");
const { ensureAppBuild } = await import("../server");

const seedStarted = Date.now();
const seeded = await seedDemoShop({ now: new Date(), appUrl: APP_URL, jobDefinitions });
console.log(`demo shop seeded in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s: ${seeded.orders} orders`);
ensureAppBuild();

// A request whose three products are all still to review: the page's heaviest form.
const candidates = await db.reviewRequest.findMany({
  where: { shop: seeded.shop, status: { in: ["sent", "reminded"] } },
  select: { id: true, shop: true, items: { select: { reviewedAt: true } } },
  orderBy: { sendAt: "desc" },
});
const request = candidates.find((row) => row.items.length === 3 && row.items.every((item) => !item.reviewedAt));
if (!request) throw new Error("The demo shop has no review request with three products left to review.");
const token = signRequestToken({
  requestId: request.id,
  shop: request.shop,
  expiresAt: new Date(Date.now() + 7 * 86_400_000),
});
const pageUrl = `${APP_URL}/r/${token}?rating=5`;
await db.$disconnect();

const server = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "server.ts")], {
  cwd: ROOT,
  env: { ...process.env, PORT: String(PORT) },
  stdio: ["ignore", "ignore", "pipe"],
});
let serverLog = "";
server.stderr!.on("data", (chunk: Buffer) => (serverLog += chunk.toString()));
for (let waited = 0; ; waited += 200) {
  const healthy = await fetch(`${APP_URL}/healthz`).then(
    (response) => response.ok,
    () => false,
  );
  if (healthy) break;
  if (waited > 60_000 || server.exitCode !== null) throw new Error(`the app server did not start:\n${serverLog}`);
  await new Promise((resolve) => setTimeout(resolve, 200));
}

const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM_PATH,
  chromeFlags: [...CHROMIUM_FLAGS, "--disable-dev-shm-usage"],
});
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const lcps: number[] = [];
const clss: number[] = [];
const tbts: number[] = [];
let scriptUrls: string[] = [];
try {
  // A first load warms the server (the build's first import) so the runs measure the page, not the start.
  await fetch(pageUrl);
  for (let run = 1; run <= RUNS; run++) {
    const result = await lighthouse(pageUrl, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance"],
    });
    if (!result) throw new Error("Lighthouse returned no result");
    const audits = result.lhr.audits;
    if (result.lhr.runtimeError) throw new Error(`Lighthouse: ${result.lhr.runtimeError.message}`);
    lcps.push(audits["largest-contentful-paint"].numericValue ?? NaN);
    clss.push(audits["cumulative-layout-shift"].numericValue ?? NaN);
    tbts.push(audits["total-blocking-time"].numericValue ?? NaN);
    const requests = (audits["network-requests"].details as { items: Array<{ url: string; resourceType?: string }> })
      .items;
    scriptUrls = requests.filter((item) => item.resourceType === "Script").map((item) => item.url);
    console.log(
      `run ${run}: lcp ${Math.round(lcps.at(-1)!)} ms, cls ${clss.at(-1)!.toFixed(3)}, tbt ${Math.round(tbts.at(-1)!)} ms, ` +
        `${scriptUrls.length} script file(s), performance score ${Math.round((result.lhr.categories.performance.score ?? 0) * 100)}`,
    );
  }
} finally {
  chrome.kill();
}

// The JavaScript the page made the phone download and run: its script files and any inline script, gzipped.
const html = await (await fetch(pageUrl)).text();
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map((match) => match[1])
  .filter((code) => code.trim() !== "");
let jsGzip = inline.reduce((sum, code) => sum + gzipSync(code).length, 0);
for (const url of scriptUrls) {
  const body = Buffer.from(await (await fetch(url)).arrayBuffer());
  const gzipped = gzipSync(body).length;
  console.log(`script ${new URL(url).pathname}: ${body.length} B, ${gzipped} B gzipped`);
  jsGzip += gzipped;
}
console.log(
  `inline scripts: ${inline.length}; document ${Buffer.byteLength(html)} B, ${gzipSync(html).length} B gzipped`,
);
server.kill("SIGTERM");
console.log(`load average after: ${load()}`);
console.log(
  `review_page: js_gzip=${jsGzip}B lcp=${Math.round(median(lcps))}ms cls=${median(clss).toFixed(3)} tbt=${Math.round(median(tbts))}ms`,
);
process.exit(0);
