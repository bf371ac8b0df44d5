// `npm run bench:reviews`: how the admin Reviews list behaves at 100k reviews in one shop.
// Seeds 100,000 reviews (plus 20,000 of a second shop) into a scratch SQLite database and times the calls
// the Reviews screen makes: the first page, a deep page, each status tab, the rating / product / verified
// filters, the tab counts, and text searches (one that fills a page quickly, one that finds nothing and stops
// at SEARCH_SCAN_LIMIT). Prints the median and p95 of ROUNDS runs each; it asserts nothing.
//   BENCH_ROWS=100000 BENCH_ROUNDS=20 npm run bench:reviews
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { sqliteFilePath } from "../../app/db-url.server";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const PAGE = 50;
const SHOP = "bench-shop.myshopify.com";
const OTHER_SHOP = "other-shop.myshopify.com";

const scratch = mkdtempSync(path.join(os.tmpdir(), "kundrost-bench-reviews-"));
process.env.DATABASE_URL = `file:${path.join(scratch, "bench.sqlite")}`;
process.env.LOG_LEVEL = "silent";
process.env.NODE_ENV = "test";

const { migrateDatabase } = await import("../../app/db-migrate.server");
await migrateDatabase(process.env.DATABASE_URL);
const { default: db } = await import("../../app/db.server");
const { listShopReviews, reviewStatusCounts, encodeReviewCursor } = await import("../../app/modules/reviews");

// Deterministic data, so every run measures the same thing.
let seed = 7;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
}
const WORDS = [
  "soft",
  "linen",
  "cosy",
  "warm",
  "fits",
  "small",
  "large",
  "colour",
  "quality",
  "fast",
  "delivery",
  "mjuk",
  "skön",
  "bra",
  "passform",
  "kvalitet",
  "leverans",
  "snygg",
];
// Roughly what shops see: most published, some held, few rejected; ratings lean high.
const weightedStatus = () => (random() < 0.85 ? "published" : random() < 0.8 ? "pending" : "rejected");
const weightedRating = () => [5, 5, 5, 4, 4, 3, 2, 1][Math.floor(random() * 8)];
// Prisma's SQLite adapter stores DateTime as ISO-8601 text with an explicit offset.
const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

function seedShop(raw: Database.Database, shop: string, count: number): void {
  const insert = raw.prepare(
    'INSERT INTO "Review" (id, shop, productShopifyId, rating, title, body, displayName, email, locale, verifiedBuyer, status, createdAt, updatedAt, publishedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const start = Date.UTC(2024, 0, 1);
  raw.transaction(() => {
    for (let n = 0; n < count; n += 1) {
      const words = Array.from(
        { length: 12 + Math.floor(random() * 30) },
        () => WORDS[Math.floor(random() * WORDS.length)],
      ).join(" ");
      const created = sqliteDate(new Date(Math.floor((start + random() * 700 * 86_400_000) / 60_000) * 60_000));
      const status = weightedStatus();
      insert.run(
        `${shop}-v${String(n).padStart(7, "0")}`,
        shop,
        String(900 + Math.floor(random() * 40)),
        weightedRating(),
        words.slice(0, 30),
        words,
        `Shopper ${n % 997}`,
        `shopper${n % 4999}@example.com`,
        random() < 0.5 ? "sv" : "en",
        random() < 0.7 ? 1 : 0,
        status,
        created,
        created,
        status === "published" ? created : null,
      );
    }
  })();
}

function stats(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95) };
}

async function time(label: string, run: () => Promise<{ rows: unknown[] } | Record<string, number>>): Promise<void> {
  await run();
  const samples: number[] = [];
  let shown = "";
  for (let i = 0; i < ROUNDS; i += 1) {
    const began = performance.now();
    const result = await run();
    samples.push(performance.now() - began);
    shown =
      "rows" in result && Array.isArray(result.rows) ? `rows=${String(result.rows.length).padStart(3)}` : "counts";
  }
  const { median, p95 } = stats(samples);
  console.log(`${label.padEnd(48)} ${shown.padEnd(8)} median=${median.toFixed(2)}ms  p95=${p95.toFixed(2)}ms`);
}

const seedStarted = performance.now();
const raw = new Database(sqliteFilePath(process.env.DATABASE_URL));
seedShop(raw, SHOP, ROWS);
seedShop(raw, OTHER_SHOP, Math.round(ROWS / 5));
raw.close();
const check = await db.review.findFirst({ where: { shop: SHOP }, select: { createdAt: true } });
if (!check || Number.isNaN(check.createdAt.getTime()))
  throw new Error("Seeded rows do not read back through Prisma: has the SQLite date format changed?");
console.log(
  `seeded ${ROWS} reviews (+${Math.round(ROWS / 5)} of another shop) in ${((performance.now() - seedStarted) / 1000).toFixed(1)}s`,
);

const deep = await db.review.findMany({
  where: { shop: SHOP },
  orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  skip: Math.floor(ROWS * 0.9),
  take: 1,
  select: { id: true, createdAt: true },
});
const deepCursor = deep[0] ? encodeReviewCursor(deep[0]) : null;

console.log(`pages of ${PAGE}, ${ROUNDS} rounds each (SQLite, ${ROWS} reviews in the shop)`);
await time("first page (All)", () => listShopReviews(SHOP, { limit: PAGE }));
await time("deep page (cursor at 90%)", () => listShopReviews(SHOP, { limit: PAGE, cursor: deepCursor }));
await time("deep page backwards", () => listShopReviews(SHOP, { limit: PAGE, cursor: deepCursor, direction: "prev" }));
await time("tab: pending", () => listShopReviews(SHOP, { limit: PAGE, status: "pending" }));
await time("tab: rejected", () => listShopReviews(SHOP, { limit: PAGE, status: "rejected" }));
await time("tab: rejected, deep (cursor at 90%)", () =>
  listShopReviews(SHOP, { limit: PAGE, status: "rejected", cursor: deepCursor }),
);
await time("rating 1", () => listShopReviews(SHOP, { limit: PAGE, ratings: [1] }));
await time("product 917, published", () =>
  listShopReviews(SHOP, { limit: PAGE, productShopifyId: "917", status: "published" }),
);
await time("verified only + rating 2", () => listShopReviews(SHOP, { limit: PAGE, verifiedOnly: true, ratings: [2] }));
await time("tab counts (no filter)", () => reviewStatusCounts(SHOP));
await time("tab counts (rating 1)", () => reviewStatusCounts(SHOP, { ratings: [1] }));
await time("ratings 1-2 (the reviews to answer)", () => listShopReviews(SHOP, { limit: PAGE, ratings: [1, 2] }));
await time('search "passform kvalitet" (fills a page)', () =>
  listShopReviews(SHOP, { limit: PAGE, query: "passform kvalitet" }),
);
await time('search "cashmere" (no match: stops at scan limit)', () =>
  listShopReviews(SHOP, { limit: PAGE, query: "cashmere" }),
);

await db.$disconnect();
rmSync(scratch, { recursive: true, force: true });
