// `npm run bench:requests`: how fast the admin Requests list stays at 100k rows.
// Seeds 100,000 review requests (plus 20,000 of a second shop, so the shop filter matters) into a scratch
// SQLite database, then times listReviewRequests for the pages a merchant actually opens: the first page,
// a deep page (cursor near row 90,000), a status tab, a date range, an email-prefix search and an
// order-name search. Prints the median and p95 of ROUNDS runs each; it asserts nothing.
//   BENCH_ROWS=100000 BENCH_ROUNDS=30 npm run bench:requests
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createRequire } from "node:module";
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { sqliteFilePath } from "../../app/db-url.server";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const OTHER_ROWS = Math.round(ROWS / 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const PAGE = 50;
const SHOP = "bench-shop.myshopify.com";
const OTHER_SHOP = "other-shop.myshopify.com";
const STATUSES = ["scheduled", "sent", "reminded", "reviewed", "cancelled", "failed", "skipped"] as const;
const FIRST_NAMES = ["anna", "erik", "maria", "lars", "karin", "johan", "sara", "per", "emma", "olof", "lena", "nils"];
const LAST_NAMES = ["lindqvist", "svensson", "berg", "nilsson", "holm", "ekström", "dahl", "sandberg", "wikström"];

const scratch = mkdtempSync(path.join(os.tmpdir(), "kundrost-bench-requests-"));
process.env.DATABASE_URL = `file:${path.join(scratch, "bench.sqlite")}`;
process.env.LOG_LEVEL = "silent";

const { migrateDatabase } = await import("../../app/db-migrate.server");
await migrateDatabase(process.env.DATABASE_URL);
// The app's client, with query events on, so each case can print the plan SQLite chose for its queries.
const loadGenerated = createRequire(import.meta.url);
const { PrismaClient } = loadGenerated(
  "../../node_modules/.prisma/client-sqlite",
) as typeof import(".prisma/client-sqlite");
const db = new PrismaClient({
  adapter: new PrismaBetterSQLite3({ url: sqliteFilePath(process.env.DATABASE_URL) }),
  log: [{ emit: "event", level: "query" }],
});
const listQueries: string[] = [];
db.$on("query", (event) => {
  if (/FROM `main`.`ReviewRequest`/.test(event.query) && /ORDER BY/.test(event.query)) listQueries.push(event.query);
});
globalThis.__kundrostDb = db;
const { listReviewRequests, encodeRequestCursor } = await import("../../app/modules/requests");

// A deterministic pseudo-random sequence, so every run measures the same data.
let seed = 42;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

// Prisma's SQLite adapter stores DateTime as ISO-8601 text with an explicit offset; seeding with plain SQL
// in one transaction takes seconds where createMany through the client takes minutes. The first row is
// read back through Prisma below, so a change of storage format fails loudly instead of skewing figures.
const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

function seedShop(raw: Database.Database, shop: string, count: number, orderNumberStart: number): void {
  const start = Date.UTC(2025, 0, 1);
  const span = 400 * 86_400_000;
  const now = sqliteDate(new Date());
  const customers = Math.max(1, Math.round(count / 3));
  const insertCustomer = raw.prepare(
    'INSERT INTO "Customer" (id, shop, shopifyId, email, firstName, lastName, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertRequest = raw.prepare(
    'INSERT INTO "ReviewRequest" (id, shop, orderId, orderName, customerId, email, status, sendAt, sentAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertItem = raw.prepare(
    'INSERT INTO "ReviewRequestItem" (id, shop, requestId, productShopifyId, title, position) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const emails: string[] = [];
  raw.transaction(() => {
    for (let n = 0; n < customers; n += 1) {
      const first = pick(FIRST_NAMES);
      const last = pick(LAST_NAMES);
      const email = `${first}.${last}${n}@example.com`;
      emails.push(email);
      insertCustomer.run(`${shop}-c${n}`, shop, String(7_000_000 + n), email, first, last, now);
    }
    for (let n = 0; n < count; n += 1) {
      const customerIndex = Math.floor(random() * customers);
      const status = pick(STATUSES);
      const placedAt = start + Math.floor(random() * span);
      // Send dates collide on purpose (whole minutes), so the id tie-break is exercised.
      const sendAt = sqliteDate(new Date(Math.floor((placedAt + 14 * 86_400_000) / 60_000) * 60_000));
      const id = `${shop}-r${String(n).padStart(7, "0")}`;
      insertRequest.run(
        id,
        shop,
        `${shop}-o${n}`,
        `#${orderNumberStart + n}`,
        `${shop}-c${customerIndex}`,
        emails[customerIndex],
        status,
        sendAt,
        status === "scheduled" ? null : sendAt,
        now,
      );
      const products = 1 + Math.floor(random() * 3);
      for (let p = 0; p < products; p += 1) insertItem.run(`${id}-i${p}`, shop, id, String(900 + p), `Product ${p}`, p);
    }
  })();
}

function stats(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95) };
}

function queryPlans(sqls: string[]): string[] {
  const plans = new Set<string>();
  for (const sql of sqls) {
    const placeholders = (sql.match(/\?/g) ?? []).length;
    const steps = planner.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array(placeholders).fill(null)) as {
      detail: string;
    }[];
    plans.add(steps.map((step) => step.detail.replace(/main\./g, "")).join("; "));
  }
  return [...plans];
}

async function time(label: string, run: () => Promise<{ rows: unknown[] }>): Promise<void> {
  listQueries.length = 0;
  await run(); // warm the statement cache and the page cache
  const plans = queryPlans(listQueries);
  const samples: number[] = [];
  let rows = 0;
  for (let i = 0; i < ROUNDS; i += 1) {
    const began = performance.now();
    rows = (await run()).rows.length;
    samples.push(performance.now() - began);
  }
  const { median, p95 } = stats(samples);
  console.log(
    `${label.padEnd(46)} rows=${String(rows).padStart(3)}  median=${median.toFixed(2)}ms  p95=${p95.toFixed(2)}ms`,
  );
  for (const plan of plans) console.log(`    plan: ${plan}`);
}

const seedStarted = performance.now();
const raw = new Database(sqliteFilePath(process.env.DATABASE_URL));
seedShop(raw, SHOP, ROWS, 1001);
seedShop(raw, OTHER_SHOP, OTHER_ROWS, 1001);
raw.close();
const planner = new Database(sqliteFilePath(process.env.DATABASE_URL), { readonly: true });
const check = await db.reviewRequest.findFirst({
  where: { shop: SHOP, id: `${SHOP}-r0000000` },
  select: { sendAt: true },
});
if (!check || Number.isNaN(check.sendAt.getTime()))
  throw new Error("Seeded rows do not read back through Prisma: has the SQLite date format changed?");
console.log(
  `seeded ${ROWS} requests (+${OTHER_ROWS} of another shop) in ${((performance.now() - seedStarted) / 1000).toFixed(1)}s`,
);

// A cursor deep in the list: the row at position ~90% in the default order, found the slow way once.
const deepRow = await db.reviewRequest.findMany({
  where: { shop: SHOP },
  orderBy: [{ sendAt: "desc" }, { id: "desc" }],
  skip: Math.floor(ROWS * 0.9),
  take: 1,
  select: { id: true, sendAt: true },
});
const deepCursor = deepRow[0] ? encodeRequestCursor(deepRow[0]) : null;
const sampleEmail =
  (await db.reviewRequest.findFirst({ where: { shop: SHOP }, select: { email: true }, skip: Math.floor(ROWS / 2) }))
    ?.email ?? "anna";
const emailPrefix = sampleEmail.split("@")[0].slice(0, 8);

console.log(`pages of ${PAGE}, ${ROUNDS} rounds each (SQLite, ${ROWS} rows in the shop)`);
await time("first page (newest send date)", () => listReviewRequests(SHOP, { limit: PAGE }));
await time("first page, oldest first", () => listReviewRequests(SHOP, { limit: PAGE, order: "sendAt_asc" }));
await time("deep page (cursor at row 90%)", () => listReviewRequests(SHOP, { limit: PAGE, cursor: deepCursor }));
await time("deep page backwards (prev from 90%)", () =>
  listReviewRequests(SHOP, { limit: PAGE, cursor: deepCursor, direction: "prev" }),
);
await time("status tab: sent", () => listReviewRequests(SHOP, { limit: PAGE, status: "sent" }));
await time("status tab: failed, deep (cursor at 90%)", () =>
  listReviewRequests(SHOP, { limit: PAGE, status: "failed", cursor: deepCursor }),
);
await time("date range: one month", () =>
  listReviewRequests(SHOP, {
    limit: PAGE,
    sendFrom: new Date(Date.UTC(2025, 5, 1)),
    sendBefore: new Date(Date.UTC(2025, 6, 1)),
  }),
);
await time(`search email prefix "${emailPrefix}"`, () => listReviewRequests(SHOP, { limit: PAGE, query: emailPrefix }));
await time(`search email prefix "${emailPrefix.slice(0, 2)}" (broad)`, () =>
  listReviewRequests(SHOP, { limit: PAGE, query: emailPrefix.slice(0, 2) }),
);
await time('search order name "#51234"', () => listReviewRequests(SHOP, { limit: PAGE, query: "#51234" }));
await time('search order name prefix "5123" + status sent', () =>
  listReviewRequests(SHOP, { limit: PAGE, query: "5123", status: "sent" }),
);

planner.close();
await db.$disconnect();
rmSync(scratch, { recursive: true, force: true });
