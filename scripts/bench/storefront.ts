/**
 * `npm run bench:storefront`: the storefront's weight and speed.
 * (a) The budgets: every script and stylesheet the theme blocks load, gzipped (level 9) and added up.
 * (b) Lighthouse 12 (mobile, simulated throttling) on Debian's Chromium against the demo's preview product page,
 *     with the blocks and without them (?blocks=0), RUNS times each: the median performance score's drop in
 *     points, and the largest cumulative layout shift seen with the blocks.
 * (c) The review-list app-proxy endpoint (GET /proxy/reviews, signed as Shopify signs) for a product with
 *     10,000 published reviews, offered RATE requests a second for DURATION seconds from many shopper addresses,
 *     rotating pages, sorts and star filters: the p95 latency and the rate served.
 * The app runs in a child process on a scratch SQLite database with the demo shop seeded. The last line is:
 *   storefront: js_gzip=<B>B css_gzip=<C>B lighthouse_delta=<D> cls=<S> list_p95=<X>ms at <Q>rps
 *
 *   npm run bench:storefront [-- --runs 3 --rate 250 --duration 15 --reviews 10000]
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { performance } from "node:perf_hooks";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { freePort, stopChild } from "./child-processes";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    rate: { type: "string", default: "250" },
    duration: { type: "string", default: "15" },
    reviews: { type: "string", default: "10000" },
  },
});
const RUNS = Number(values.runs);
const RATE = Number(values.rate);
const DURATION_S = Number(values.duration);
const REVIEWS = Number(values.reviews);

const scratch = mkdtempSync(path.join(os.tmpdir(), "kundrost-bench-storefront-"));
process.env.DATABASE_URL = `file:${path.join(scratch, "bench.sqlite")}`;
process.env.MEDIA_DIR = path.join(scratch, "media");
process.env.LOG_LEVEL = "silent";
process.env.NODE_ENV = "test";
process.env.KUNDROST_DEMO = "1";
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
process.env.PORT = String(port);
process.env.SHOPIFY_APP_URL = origin;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  await run();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

async function run(): Promise<void> {
  // (a) budgets
  const assetDir = path.resolve("extensions/kundrost-reviews/assets");
  const gz = (ext: string) =>
    readdirSync(assetDir)
      .filter((f) => f.endsWith(ext))
      .reduce((sum, f) => sum + gzipSync(readFileSync(path.join(assetDir, f)), { level: 9 }).length, 0);
  const jsGzip = gz(".js");
  const cssGzip = gz(".css");
  console.log(`assets: js ${jsGzip} B gzipped, css ${cssGzip} B gzipped`);

  const { migrateDatabase } = await import("../../app/db-migrate.server");
  await migrateDatabase(process.env.DATABASE_URL!);
  const { default: db } = await import("../../app/db.server");
  const { jobDefinitions } = await import("../../app/jobs.server");
  const { DEMO_SHOP, LOCAL_API_SECRET } = await import("../../app/config.server");
  const { seedDemoShop, runDueDemoJobs, DEMO_PRODUCTS } = await import("../../app/modules/demo");
  const { signAppProxyParams } = await import("../../app/modules/app-proxy");
  const { ensureAppBuild } = await import("../server");

  const seedStarted = performance.now();
  await seedDemoShop({ now: new Date(), appUrl: origin, size: { customers: 40, orders: 90 }, jobDefinitions });
  for (let i = 0; i < 5; i += 1) await runDueDemoJobs(jobDefinitions);
  console.log(`demo shop seeded in ${Math.round(performance.now() - seedStarted)} ms`);
  const top = await db.review.groupBy({
    by: ["productShopifyId"],
    where: { shop: DEMO_SHOP, status: "published" },
    _count: { _all: true },
    orderBy: { _count: { productShopifyId: "desc" } },
    take: 1,
  });
  const handle = DEMO_PRODUCTS.find((p) => p.shopifyId === top[0].productShopifyId)!.handle;

  // The product with 10,000 published reviews (a mix of ratings, fits, helpful counts and dates).
  const bigProduct = "8299999999999";
  await db.product.create({
    data: {
      shop: DEMO_SHOP,
      shopifyId: bigProduct,
      title: "Bench Sweater",
      handle: "bench-sweater",
      productType: "Sweaters",
    },
  });
  const { rawSql } = await import("../../app/db.server");
  const { sql, join } = rawSql();
  const fits = ["runs_small", "true_to_size", "runs_large", null];
  for (let start = 0; start < REVIEWS; start += 1000) {
    const rows = [];
    for (let n = start; n < Math.min(REVIEWS, start + 1000); n += 1) {
      const at = new Date(Date.UTC(2024, 0, 1) + n * 3_600_000);
      rows.push(
        sql`(${randomUUID()}, ${DEMO_SHOP}, ${bigProduct}, ${1 + ((n * 7) % 5)}, ${`Title ${n}`}, ${`Review ${n}: soft, warm and true to the pictures.`}, ${`Shopper ${n % 997}`}, ${"published"}, ${"storefront"}, ${fits[n % 4]}, ${n % 13}, ${at}, ${at}, ${at})`,
      );
    }
    await db.$executeRaw`INSERT INTO "Review" ("id", "shop", "productShopifyId", "rating", "title", "body", "displayName", "status", "source", "fit", "helpfulCount", "createdAt", "updatedAt", "publishedAt") VALUES ${join(rows)}`;
  }
  await db.$disconnect();

  ensureAppBuild();
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/bench/support/app-server.ts")], {
    env: { ...process.env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  await new Promise<void>((resolve, reject) => {
    let err = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      if (/listening /.test(err)) resolve();
    });
    child.once("exit", (code) => reject(new Error(`app server exited (${code}): ${err}`)));
  });

  try {
    // (b) Lighthouse, with and without the blocks.
    const chrome = await chromeLauncher.launch({
      chromePath: "/usr/bin/chromium",
      chromeFlags: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    });
    const scores: { with: number[]; without: number[] } = { with: [], without: [] };
    let cls = 0;
    try {
      const page = `${origin}/demo/storefront/products/${handle}`;
      for (let i = 0; i < RUNS; i += 1) {
        for (const variant of ["without", "with"] as const) {
          const result = await lighthouse(variant === "with" ? page : `${page}?blocks=0`, {
            port: chrome.port,
            onlyCategories: ["performance"],
            logLevel: "error",
          });
          const lhr = result!.lhr;
          scores[variant].push(Math.round((lhr.categories.performance.score ?? 0) * 100));
          if (variant === "with") cls = Math.max(cls, lhr.audits["cumulative-layout-shift"].numericValue ?? 0);
        }
      }
    } finally {
      await chrome.kill();
    }
    // --runs 0 skips Lighthouse (for working on the list alone); the last line then says n/a.
    const delta = RUNS > 0 ? median(scores.without) - median(scores.with) : "n/a";
    console.log(
      `lighthouse (mobile): without blocks ${scores.without.join("/")}, with blocks ${scores.with.join("/")}; CLS ${cls}`,
    );

    // (c) The review list under load.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    const sorts = ["newest", "highest", "lowest", "helpful"];
    const signedPath = (n: number) => {
      const query = new URLSearchParams({
        product: bigProduct,
        sort: sorts[n % sorts.length],
        page: String(1 + (n % 25)),
        ...(n % 5 === 0 ? { rating: String(1 + (Math.floor(n / 5) % 5)) } : {}),
        shop: DEMO_SHOP,
        logged_in_customer_id: "",
        path_prefix: "/apps/kundrost",
        timestamp: String(Math.floor(Date.now() / 1000)),
      });
      query.set("signature", signAppProxyParams(query, LOCAL_API_SECRET));
      return `/proxy/reviews?${query}`;
    };
    const get = (n: number) =>
      new Promise<{ ms: number; status: number }>((resolve, reject) => {
        const started = performance.now();
        const request = http.get(
          {
            host: "127.0.0.1",
            port,
            path: signedPath(n),
            agent,
            headers: { "X-Forwarded-For": `198.51.100.${n % 200}` },
          },
          (response) => {
            response.resume();
            response.on("end", () => resolve({ ms: performance.now() - started, status: response.statusCode ?? 0 }));
          },
        );
        request.on("error", reject);
      });
    for (let n = 0; n < 200; n += 1) await get(n); // warm-up
    const latencies: number[] = [];
    let failures = 0;
    const pending: Promise<void>[] = [];
    const began = performance.now();
    const total = RATE * DURATION_S;
    for (let n = 0; n < total; n += 1) {
      const due = began + (n * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      pending.push(
        get(n).then(
          ({ ms, status }) => {
            if (status === 200) latencies.push(ms);
            else failures += 1;
          },
          () => {
            failures += 1;
          },
        ),
      );
    }
    await Promise.all(pending);
    const elapsed = (performance.now() - began) / 1000;
    agent.destroy();
    latencies.sort((a, b) => a - b);
    const p95 = latencies[Math.floor(latencies.length * 0.95)] ?? NaN;
    const served = Math.round(latencies.length / elapsed);
    console.log(
      `review list (${REVIEWS} reviews): ${latencies.length} answers in ${elapsed.toFixed(1)} s, ${failures} failed, p50 ${latencies[Math.floor(latencies.length / 2)].toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`,
    );
    console.log(
      `storefront: js_gzip=${jsGzip}B css_gzip=${cssGzip}B lighthouse_delta=${delta} cls=${Number(cls.toFixed(3))} list_p95=${Math.round(p95)}ms at ${served}rps`,
    );
  } finally {
    await stopChild(child);
  }
}
