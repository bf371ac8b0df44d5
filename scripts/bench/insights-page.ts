// `npm run bench:insights-page`: how fast the admin Insights screen answers for a shop with 100,000 reviews.
// Builds a scratch SQLite database: BENCH_REVIEWS reviews of one shop (plus a fifth as many of another shop, so
// the shop filter matters) in English and Swedish from the demo corpus generator, analysed by the real engine
// (mentionsForReview), with their TopicMention rows and the TopicAggregate rows those add up to
// (aggregateRowsFor), bulk-inserted. Then it times loadInsightsPage (the Insights loader's data function) for
// the default view, each filter, a combination and the drill-down pages, and prints p50/p99 per view.
// Target: every view under 300 ms. It asserts nothing; the last line sums it up.
//   BENCH_REVIEWS=100000 BENCH_ROUNDS=30 npm run bench:insights-page
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { sqliteFilePath } from "../../app/db-url.server";
import { generateDemoReviews, type CorpusOrderLine, type CorpusProduct } from "../seed/review-corpus";

const REVIEWS = Number(process.env.BENCH_REVIEWS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const WARMUP = 3;
const TARGET_MS = 300;
const SHOP = "bench-insights.myshopify.com";
const OTHER_SHOP = "other-insights.myshopify.com";
const NOW = new Date("2026-11-24T10:00:00Z");

const scratch = mkdtempSync(path.join(os.tmpdir(), "kundrost-bench-insights-"));
process.env.DATABASE_URL = `file:${path.join(scratch, "bench.sqlite")}`;
process.env.LOG_LEVEL = "silent";

const { migrateDatabase } = await import("../../app/db-migrate.server");
await migrateDatabase(process.env.DATABASE_URL);
const { default: db } = await import("../../app/db.server");
const { mentionsForReview, aggregateRowsFor, loadInsightsPage } = await import("../../app/modules/insights");

// A catalogue like a mid-sized apparel and home shop: the corpus picks its phrases by product kind.
const KINDS = [
  ["Slim Jeans", "Jeans"],
  ["Merino Sweater", "Knitwear"],
  ["Linen Shirt", "Shirts"],
  ["Rain Jacket", "Outerwear"],
  ["Canvas Sneakers", "Sneakers"],
  ["Stoneware Mug", "Kitchen"],
  ["Linen Duvet Cover", "Bedding"],
  ["Oak Board", "Kitchen"],
  ["Cotton Tee", "T-Shirts"],
  ["Wool Blanket", "Blankets"],
] as const;
function catalogue(count: number, idBase: number): CorpusProduct[] {
  return Array.from({ length: count }, (_, i) => {
    const [title, productType] = KINDS[i % KINDS.length];
    const variant = `${title} ${Math.floor(i / KINDS.length) + 1}`;
    return {
      shopifyId: String(idBase + i),
      title: variant,
      handle: variant.toLowerCase().replace(/\W+/g, "-"),
      productType,
    };
  });
}

function orderLines(products: CorpusProduct[], count: number, seed: number): CorpusOrderLine[] {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const yearMs = 365 * 86_400_000;
  return Array.from({ length: count }, (_, i) => ({
    orderId: `o${seed}-${i}`,
    customerId: null,
    productShopifyId: products[Math.floor(next() * products.length)].shopifyId,
    deliveredAt: new Date(NOW.getTime() - 20 * 86_400_000 - next() * yearMs),
    locale: next() < 0.55 ? "sv" : "en",
    customerFirstName: "Kund",
    customerLastName: "Testsson",
  }));
}

// The date format Prisma's SQLite adapter writes and reads back (checked after the load).
const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

function seedShop(
  raw: Database.Database,
  shop: string,
  reviewCount: number,
  products: CorpusProduct[],
  seed: number,
): { reviews: number; mentions: number; aggregates: number } {
  const corpus = generateDemoReviews({
    seed,
    products,
    lines: orderLines(products, Math.ceil(reviewCount * 1.6), seed),
    now: NOW,
    minimum: reviewCount,
  }).slice(0, reviewCount);
  const insertProduct = raw.prepare(
    `INSERT INTO "Product" ("id","shop","shopifyId","title","handle","productType","status","createdAt","updatedAt") VALUES (?,?,?,?,?,?,'active',?,?)`,
  );
  const insertReview = raw.prepare(
    `INSERT INTO "Review" ("id","shop","productShopifyId","rating","title","body","displayName","locale","verifiedBuyer","status","source","language","sentiment","sentimentScore","insightsVersion","createdAt","updatedAt","publishedAt") VALUES (?,?,?,?,?,?,?,?,0,'published','import',?,?,?,?,?,?,?)`,
  );
  const insertMention = raw.prepare(
    `INSERT INTO "TopicMention" ("id","shop","reviewId","productShopifyId","topic","sentiment","score","evidence","evidenceStart","evidenceEnd","language","rating","reviewCreatedAt") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insertAggregate = raw.prepare(
    `INSERT INTO "TopicAggregate" ("id","shop","productShopifyId","topic","weekStart","language","rating","positive","negative","neutral","scoreSum") VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const allMentions: Parameters<typeof aggregateRowsFor>[1][number][] = [];
  let mentions = 0;
  raw.transaction(() => {
    const stamp = sqliteDate(NOW);
    for (const product of products)
      insertProduct.run(
        `${shop}-p${product.shopifyId}`,
        shop,
        product.shopifyId,
        product.title,
        product.handle,
        product.productType,
        stamp,
        stamp,
      );
    corpus.forEach((review, index) => {
      const id = `${shop.slice(0, 5)}r${String(index).padStart(7, "0")}`;
      const { analysis, mentions: rows } = mentionsForReview(
        {
          id,
          productShopifyId: review.productShopifyId,
          rating: review.rating,
          title: review.title,
          body: review.body,
          locale: review.locale,
          createdAt: review.createdAt,
        },
        [],
      );
      const created = sqliteDate(review.createdAt);
      insertReview.run(
        id,
        shop,
        review.productShopifyId,
        review.rating,
        review.title,
        review.body,
        review.displayName,
        review.locale,
        analysis.lang,
        analysis.sentiment,
        analysis.score,
        "bench",
        created,
        created,
        created,
      );
      rows.forEach((mention, m) => {
        insertMention.run(
          `${id}m${m}`,
          shop,
          id,
          mention.productShopifyId,
          mention.topic,
          mention.sentiment,
          mention.score,
          mention.evidence,
          mention.evidenceStart,
          mention.evidenceEnd,
          mention.language,
          mention.rating,
          created,
        );
        allMentions.push(mention);
      });
      mentions += rows.length;
    });
    aggregateRowsFor(shop, allMentions).forEach((row, index) => {
      insertAggregate.run(
        `${shop.slice(0, 5)}a${index}`,
        shop,
        row.productShopifyId,
        row.topic,
        sqliteDate(row.weekStart),
        row.language,
        row.rating,
        row.positive,
        row.negative,
        row.neutral,
        row.scoreSum,
      );
    });
  })();
  const aggregates = (
    raw.prepare(`SELECT COUNT(*) AS n FROM "TopicAggregate" WHERE "shop" = ?`).get(shop) as { n: number }
  ).n;
  return { reviews: corpus.length, mentions, aggregates };
}

const loadStarted = performance.now();
const raw = new Database(sqliteFilePath(process.env.DATABASE_URL));
raw.pragma("journal_mode = WAL");
raw.pragma("synchronous = OFF");
const products = catalogue(40, 7_000_000);
const main = seedShop(raw, SHOP, REVIEWS, products, 20_261_124);
const other = seedShop(raw, OTHER_SHOP, Math.round(REVIEWS / 5), catalogue(40, 7_000_000), 7);
raw.exec("ANALYZE");
raw.close();
const check = await db.topicAggregate.findFirst({ where: { shop: SHOP } });
if (!check || Number.isNaN(check.weekStart.getTime()))
  throw new Error("Seeded rows do not read back through Prisma: has the SQLite date format changed?");
console.log(
  `Loaded ${main.reviews} reviews (${main.mentions} mentions, ${main.aggregates} aggregate rows) for ${SHOP} and ${other.reviews} for ${OTHER_SHOP} ` +
    `in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`,
);

const jeans = products[0].shopifyId;
const firstPage = await loadInsightsPage(SHOP, new URLSearchParams({ topic: "size_fit" }), NOW);
const views: Array<[string, Record<string, string>]> = [
  ["default (26 weeks, all)", {}],
  ["product", { product: jeans }],
  ["language sv", { language: "sv" }],
  ["ratings 1,2", { ratings: "1,2" }],
  ["date range Sep-Oct", { from: "2026-09-01", to: "2026-10-31" }],
  ["a whole year", { from: "2025-11-24", to: "2026-11-24" }],
  ["product+sv+1-3★+range", { product: jeans, language: "sv", ratings: "1,2,3", from: "2026-08-01", to: "2026-11-24" }],
  ["drill-down size_fit", { topic: "size_fit" }],
  ["drill-down negative, product", { topic: "size_fit", sentiment: "negative", product: jeans }],
  ["drill-down sv 1★ year", { topic: "price_value", language: "sv", ratings: "1", from: "2025-11-24" }],
  ["drill-down page 2", { topic: "size_fit", cursor: firstPage.drillDown?.nextCursor ?? "" }],
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

let worstP99 = 0;
console.log(`\n${"view".padEnd(32)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)}  topics  snippets  reviews`);
for (const [name, params] of views) {
  const search = new URLSearchParams(params);
  const times: number[] = [];
  let last: Awaited<ReturnType<typeof loadInsightsPage>> | null = null;
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    const started = performance.now();
    last = await loadInsightsPage(SHOP, search, NOW);
    if (round >= WARMUP) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const p99 = percentile(times, 99);
  worstP99 = Math.max(worstP99, p99);
  console.log(
    `${name.padEnd(32)} ${percentile(times, 50).toFixed(1).padStart(8)} ${p99.toFixed(1).padStart(8)}  ${String(last?.overview.topics.length ?? 0).padStart(6)}  ${String(last?.drillDown?.snippets.length ?? "-").padStart(8)}  ${String(last?.overview.reviews.total ?? 0).padStart(7)}`,
  );
}

await db.$disconnect();
// BENCH_KEEP=1 keeps the database for a closer look (EXPLAIN QUERY PLAN, sqlite3).
if (process.env.BENCH_KEEP === "1") console.log(`kept ${process.env.DATABASE_URL}`);
else rmSync(scratch, { recursive: true, force: true });
console.log(
  `\ninsights-page: reviews=${main.reviews} views=${views.length} worst_p99=${worstP99.toFixed(1)}ms target=${TARGET_MS}ms ${worstP99 < TARGET_MS ? "ok" : "SLOW"}`,
);
