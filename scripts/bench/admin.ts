// `npm run bench:admin`: what a merchant feels in the embedded admin, against Shopify's Built for Shopify bar
// (LCP <= 2.5 s, CLS <= 0.1, INP <= 200 ms at the 75th percentile) and Kundröst's own, stricter targets.
//   1. The demo shop (seeded as `npm run demo` seeds it) grown to BENCH_REVIEWS reviews (100,000): copies of its
//      reviews spread over the same months, with their topic mentions, and the insights aggregates rebuilt.
//   2. The built app in demo mode in its own process (as `npm run demo` serves it) on BENCH_PORT (a free port
//      when unset).
//   3. Chromium loads Home, Requests, Reviews, a review, Insights and Products BENCH_ROUNDS times each and
//      measures LCP, CLS and INP with the `web-vitals` library (one realistic click per page for INP).
//   4. autocannon: the Reviews list at 20 connections for BENCH_WARMUP_SECONDS (15, not measured: the server's
//      JIT warms up), then for BENCH_SECONDS seconds (requests/s and p99), and the server's CPU time per request
//      meanwhile (on Linux), which does not depend on what else the machine runs.
// The machine may be shared: the script prints the load average before and after. It asserts nothing; the
// last line is the summary the issue asks for:
//   admin: lcp_p75=<L>ms cls_max=<C> inp_p75=<I>ms reviews_list=<R>rps p99=<P>ms
// Targets: L <= 1200, C <= 0.05, I <= 100, R >= 100, P <= 300.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createRequire } from "node:module";
import Database from "better-sqlite3";
import { chromium, type Page } from "playwright-core";

const REVIEWS = Number(process.env.BENCH_REVIEWS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 15);
const PORT = Number(process.env.BENCH_PORT ?? 0);
const CONNECTIONS = 20;
const ROOT = path.resolve(import.meta.dirname, "../..");
// The demo's links (emails, product pictures) point at the app; the port is known once it listens.
const SEED_URL = "http://localhost:3107";

// BENCH_REUSE=1 keeps the grown database in tmp/bench-admin/ and measures against it again next time (the seed
// and the growth take minutes); without it every run starts from a fresh scratch database.
const REUSE = process.env.BENCH_REUSE === "1";
const scratch = REUSE
  ? path.join(ROOT, "tmp", "bench-admin")
  : mkdtempSync(path.join(os.tmpdir(), "kundrost-bench-admin-"));
mkdirSync(scratch, { recursive: true });
const DATABASE_URL = `file:${path.join(scratch, "bench.sqlite")}`;
process.env.DATABASE_URL = DATABASE_URL;
process.env.KUNDROST_DEMO = "1";
process.env.LOG_LEVEL = "warn";

const load = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
console.log(`load average before: ${load()} (${os.cpus().length} cores; the machine may be shared)`);

const { migrateDatabase } = await import("../../app/db-migrate.server");
await migrateDatabase(DATABASE_URL);
const { default: db } = await import("../../app/db.server");
const { sqliteFilePath } = await import("../../app/db-url.server");
const { DEMO_SHOP } = await import("../../app/config.server");
const { seedDemoShop } = await import("../../app/modules/demo");
const { jobDefinitions } = await import("../../app/jobs.server");
const { recomputeShopAggregates } = await import("../../app/modules/insights");
const { startSmtpCapture } = await import("../../app/modules/mail");
// The seed's request history sends email as the demo does: into the local capture.
const smtp = await startSmtpCapture();
process.env.SMTP_URL = smtp.url;
const { ensureAppBuild } = await import("../server");

let started = performance.now();
const NOW = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
const alreadyGrown = REUSE && (await db.review.count({ where: { shop: DEMO_SHOP } })) >= REVIEWS;
if (!alreadyGrown) {
  await seedDemoShop({ now: NOW, appUrl: SEED_URL, jobDefinitions });
  console.log(`demo shop seeded in ${((performance.now() - started) / 1000).toFixed(1)}s`);
  await growDemoShop();
} else {
  console.log(`reusing the grown demo shop in ${path.relative(ROOT, scratch)}`);
}

// ------------------------------------------------------------------ grow the demo shop to REVIEWS reviews
async function growDemoShop(): Promise<void> {
  started = performance.now();
  const raw = new Database(sqliteFilePath(DATABASE_URL));
  const base = raw.prepare('SELECT * FROM "Review" WHERE shop = ?').all(DEMO_SHOP) as Array<Record<string, unknown>>;
  const mentionsByReview = new Map<string, Array<Record<string, unknown>>>();
  for (const mention of raw.prepare('SELECT * FROM "TopicMention" WHERE shop = ?').all(DEMO_SHOP) as Array<
    Record<string, unknown>
  >) {
    const list = mentionsByReview.get(mention.reviewId as string) ?? [];
    list.push(mention);
    mentionsByReview.set(mention.reviewId as string, list);
  }
  const insertRow = (table: string, row: Record<string, unknown>) =>
    raw.prepare(
      `INSERT INTO "${table}" (${Object.keys(row)
        .map((key) => `"${key}"`)
        .join(", ")}) VALUES (${Object.keys(row)
        .map(() => "?")
        .join(", ")})`,
    );
  // Prisma's SQLite adapter stores DateTime as ISO-8601 text with an explicit offset.
  const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");
  let state = 11;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const copies = Math.max(0, REVIEWS - base.length);
  if (base.length === 0) throw new Error("The demo seed wrote no reviews to grow from.");
  const reviewInsert = insertRow("Review", base[0]);
  const firstMention = [...mentionsByReview.values()][0]?.[0];
  const mentionInsert = firstMention ? insertRow("TopicMention", firstMention) : null;
  raw.transaction(() => {
    for (let n = 0; n < copies; n += 1) {
      const source = base[n % base.length];
      // The same months as the demo's own reviews, a few hours to days apart; not tied to an order or request.
      const created = new Date(
        Math.min(
          NOW.getTime() - 3_600_000,
          new Date(String(source.createdAt)).getTime() + Math.floor((random() - 0.5) * 6 * 86_400_000),
        ),
      );
      const id = `${String(source.id)}-g${n}`;
      const status =
        source.status === "pending" && NOW.getTime() - created.getTime() > 10 * 86_400_000
          ? "published"
          : String(source.status);
      reviewInsert.run(
        ...Object.values({
          ...source,
          id,
          requestId: null,
          orderId: null,
          customerId: null,
          email: null,
          verifiedBuyer: 0,
          source: "storefront",
          status,
          createdAt: sqliteDate(created),
          updatedAt: sqliteDate(created),
          publishedAt: status === "published" ? sqliteDate(created) : null,
        }),
      );
      for (const [index, mention] of (mentionsByReview.get(String(source.id)) ?? []).entries()) {
        mentionInsert?.run(
          ...Object.values({ ...mention, id: `${id}-m${index}`, reviewId: id, reviewCreatedAt: sqliteDate(created) }),
        );
      }
    }
  })();
  raw.close();
  await recomputeShopAggregates(DEMO_SHOP);
  const reviewCount = await db.review.count({ where: { shop: DEMO_SHOP } });
  console.log(
    `grown to ${reviewCount} reviews (aggregates rebuilt) in ${((performance.now() - started) / 1000).toFixed(1)}s`,
  );
}
// A review waiting for a decision (the screen with the most on it), else the newest: the demo publishes every
// review the rules find nothing in, so it may have none waiting.
const sampleReview =
  (await db.review.findFirst({
    where: { shop: DEMO_SHOP, status: "pending" },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  })) ??
  (await db.review.findFirstOrThrow({
    where: { shop: DEMO_SHOP },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  }));
await db.$disconnect();

// ------------------------------------------------------------------ the app, as `npm run demo` serves it
ensureAppBuild();
// Its own process, as `npm run demo` serves it, on a free port it reports (BENCH_PORT to choose one).
const server: ChildProcess = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), ["scripts/server.ts"], {
  cwd: ROOT,
  // Demo mode refuses NODE_ENV=production; the Remix build it serves is the production build all the same.
  env: { ...process.env, PORT: String(PORT), LOG_LEVEL: "warn", LOG_FORMAT: "json" },
  stdio: ["ignore", "pipe", "inherit"],
});
const listening = new Promise<string>((resolve, reject) => {
  let buffered = "";
  server.stdout?.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    const match = /listening on (http:\/\/\S+)/.exec(buffered);
    if (match) resolve(match[1]);
  });
  server.once("exit", (code) => reject(new Error(`The app exited (${code}) before it listened.`)));
});
let APP_URL = "";
async function waitForServer(): Promise<void> {
  APP_URL = (await listening).replace("0.0.0.0", "127.0.0.1");
  const health = await fetch(`${APP_URL}/healthz`);
  if (!health.ok) throw new Error(`The app at ${APP_URL} is not healthy (${health.status}).`);
  console.log(`app listening on ${APP_URL}`);
}

/** CPU time (user + system, ms) of a process and its descendants so far, from Linux's /proc; null elsewhere. */
function processTreeCpuMs(pid: number | undefined): number | null {
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return null;
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  let total = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const current = pending.pop()!;
    try {
      // The command name (field 2) may hold spaces; utime and stime are fields 14 and 15.
      const fields = readFileSync(`/proc/${current}/stat`, "utf8").split(") ")[1].split(" ");
      total += (Number(fields[11]) + Number(fields[12])) / ticksPerMs;
      for (const task of readdirSync(`/proc/${current}/task`)) {
        const children = readFileSync(`/proc/${current}/task/${task}/children`, "utf8").trim();
        if (children) pending.push(...children.split(" ").map(Number));
      }
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

// The interaction a merchant makes first on each screen (INP needs one); a click on the title otherwise.
const SCREENS: Array<{ name: string; path: string; interact: (page: Page) => Promise<void> }> = [
  { name: "Home", path: "/app", interact: (page) => page.locator("h1").first().click() },
  {
    name: "Requests",
    path: "/app/requests",
    interact: (page) =>
      page
        .getByRole("button", { name: /search and filter/i })
        .first()
        .click(),
  },
  {
    name: "Reviews",
    path: "/app/reviews",
    interact: (page) => page.locator("tbody tr").first().locator("input[type=checkbox]").first().click({ force: true }),
  },
  {
    name: "Review",
    path: `/app/reviews/${sampleReview.id}`,
    interact: (page) => page.locator("textarea").first().click(),
  },
  { name: "Insights", path: "/app/insights", interact: (page) => page.locator("h1").first().click() },
  {
    name: "Products",
    path: "/app/products",
    interact: (page) =>
      page
        .getByRole("button", { name: /search and filter/i })
        .first()
        .click(),
  },
];

interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
const autocannon = createRequire(import.meta.url)("autocannon") as (options: {
  url: string;
  connections: number;
  duration: number;
}) => Promise<LoadResult>;

// The IIFE build is not in the package's "exports"; it is read from the installed package's folder.
const WEB_VITALS = readFileSync(
  path.join(path.dirname(createRequire(import.meta.url).resolve("web-vitals")), "web-vitals.iife.js"),
  "utf8",
);
const COLLECT = `
  window.__vitals = { lcp: null, cls: 0, inp: null };
  webVitals.onLCP((m) => { window.__vitals.lcp = m.value; }, { reportAllChanges: true });
  webVitals.onCLS((m) => { window.__vitals.cls = m.value; }, { reportAllChanges: true });
  webVitals.onINP((m) => { window.__vitals.inp = m.value; }, { reportAllChanges: true, durationThreshold: 16 });
`;

const lcp: number[] = [];
const inp: number[] = [];
let clsMax = 0;
let rps = 0;
let p99 = 0;
try {
  await waitForServer();
  const browser = await chromium.launch({
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
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript({ content: `${WEB_VITALS}\n${COLLECT}` });
  // One load of every screen first: the browser caches the fingerprinted assets, as a merchant's would.
  for (const screen of SCREENS) {
    const page = await context.newPage();
    await page.goto(`${APP_URL}${screen.path}`, { waitUntil: "load" });
    await page.close();
  }
  for (const screen of SCREENS) {
    const perScreen: { lcp: number[]; cls: number[]; inp: number[] } = { lcp: [], cls: [], inp: [] };
    for (let round = 0; round < ROUNDS; round += 1) {
      const page = await context.newPage();
      const response = await page.goto(`${APP_URL}${screen.path}`, { waitUntil: "load" });
      if (!response?.ok()) throw new Error(`${screen.name} answered ${response?.status()}`);
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(300);
      await screen.interact(page).catch(() => page.locator("h1").first().click());
      await page.waitForTimeout(500);
      const vitals = (await page.evaluate("window.__vitals")) as {
        lcp: number | null;
        cls: number;
        inp: number | null;
      };
      // The Event Timing API does not report an interaction faster than 16 ms: it counts as 16 ms here.
      perScreen.lcp.push(vitals.lcp ?? 0);
      perScreen.cls.push(vitals.cls);
      perScreen.inp.push(vitals.inp ?? 16);
      await page.close();
    }
    lcp.push(...perScreen.lcp);
    inp.push(...perScreen.inp);
    clsMax = Math.max(clsMax, ...perScreen.cls);
    console.log(
      `${screen.name.padEnd(9)} lcp_p75=${percentile(perScreen.lcp, 0.75).toFixed(0)}ms cls_max=${Math.max(...perScreen.cls).toFixed(3)} inp_p75=${percentile(perScreen.inp, 0.75).toFixed(0)}ms (${ROUNDS} loads)`,
    );
  }
  await browser.close();

  // The server's CPU time per request under this load does not depend on what else the machine runs, as requests/s
  // and latency do on a shared machine: printed beside them.
  // Warm-up, not measured: the list under the same load for WARMUP seconds first, so the figures are the running
  // server's. Its render threads (scripts/render-pool.ts) each saw only a few Reviews pages in Chromium, and their
  // JIT is still compiling: the first 15 s measured ~100 pages/s and a p99 of ~450 ms, the next 15 s ~120-130
  // and ~250 ms (decision 014). Printed, so the cold figures are seen too.
  if (WARMUP > 0) {
    const warm = await autocannon({ url: `${APP_URL}/app/reviews`, connections: CONNECTIONS, duration: WARMUP });
    console.log(
      `Reviews list, warm-up (not measured): ${WARMUP}s, ${warm.requests.average.toFixed(1)} req/s, p50=${warm.latency.p50}ms p99=${warm.latency.p99}ms`,
    );
  }
  const cpuBefore = processTreeCpuMs(server.pid);
  const result = await autocannon({ url: `${APP_URL}/app/reviews`, connections: CONNECTIONS, duration: SECONDS });
  const cpuAfter = processTreeCpuMs(server.pid);
  if (result.non2xx > 0) throw new Error(`The Reviews list answered ${result.non2xx} non-2xx responses under load.`);
  // Requests that got no answer within autocannon's 10 s are counted, not hidden: they are slower than any p99.
  if (result.errors > 0) console.log(`Reviews list: ${result.errors} requests got no answer within 10 s (timeouts)`);
  rps = result.requests.average;
  p99 = result.latency.p99;
  console.log(
    `Reviews list: ${CONNECTIONS} connections for ${SECONDS}s: ${result.requests.total} requests, ${rps.toFixed(1)} req/s, p50=${result.latency.p50}ms p99=${p99}ms`,
  );
  if (cpuBefore !== null && cpuAfter !== null && result.requests.total > 0)
    console.log(
      `Reviews list: server CPU ${((cpuAfter - cpuBefore) / result.requests.total).toFixed(1)} ms per request (all its threads)`,
    );
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  await smtp.close();
  if (!REUSE) rmSync(scratch, { recursive: true, force: true });
}
console.log(`load average after: ${load()}`);
console.log(
  `admin: lcp_p75=${percentile(lcp, 0.75).toFixed(0)}ms cls_max=${clsMax.toFixed(3)} inp_p75=${percentile(inp, 0.75).toFixed(0)}ms reviews_list=${rps.toFixed(0)}rps p99=${p99.toFixed(0)}ms`,
);
