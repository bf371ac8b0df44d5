// `npm run bench:import`: a generated 100,000-row Judge.me export (1 % malformed rows) imported into a fresh
// SQLite database, timed from the upload (streamed from a file, as the CLI and the admin upload do) to the
// finished report, as the import job runs it. rss is the process's peak resident memory.
// Target: 100,000 rows in under 60 s (>= 1,667 rows/s). Last line, exactly:
//   import: <N> rows/s rows=<R> errors=<E> rss=<M>MB
//   BENCH_ROWS=100000 npm run bench:import
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const BAD_EVERY = 100;
const PRODUCTS = 300;
const SHOP = "bench-import.myshopify.com";

const scratch = mkdtempSync(path.join(os.tmpdir(), "kundrost-bench-import-"));
process.env.DATABASE_URL = `file:${path.join(scratch, "bench.sqlite")}`;
process.env.LOG_LEVEL = "silent";
process.env.NODE_ENV = "test";

const { migrateDatabase } = await import("../../app/db-migrate.server");
await migrateDatabase(process.env.DATABASE_URL);
const { default: db } = await import("../../app/db.server");
if (process.env.BENCH_CACHE) await db.$queryRawUnsafe(`PRAGMA cache_size = -${process.env.BENCH_CACHE}`);
const { importReviewsFile } = await import("../../app/modules/reviews/index");

let seed = 11;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
}
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
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
  "tvättad",
  "åtta",
];
const cell = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

await db.shop.create({ data: { shop: SHOP, name: "Bench Shop", primaryLocale: "sv" } });
await db.product.createMany({
  data: Array.from({ length: PRODUCTS }, (_, i) => ({
    shop: SHOP,
    shopifyId: String(8_000_000 + i),
    title: `Product ${i}`,
    handle: `product-${i}`,
  })),
});

const header =
  "title,body,rating,review_date,source,curated,reviewer_name,reviewer_email,product_id,product_handle,reply,reply_date,picture_urls,ip_address,location";
// Written to a file as generated, so the benchmark's own rows never sit in memory beside the import.
const csvPath = path.join(scratch, "judgeme-bench.csv");
const out = createWriteStream(csvPath);
const write = (line: string) =>
  out.write(`${line}\n`) ? Promise.resolve() : new Promise<void>((resolve) => out.once("drain", resolve));
await write(header);
let expectedBad = 0;
const start = Date.UTC(2022, 0, 1);
for (let n = 0; n < ROWS; n += 1) {
  const product = Math.floor(random() * PRODUCTS);
  const words = Array.from({ length: 8 + Math.floor(random() * 40) }, () => pick(WORDS)).join(" ");
  const date = new Date(start + Math.floor(random() * 1_000) * 86_400_000);
  let rating = String(pick([5, 5, 5, 4, 4, 3, 2, 1]));
  let handle = `product-${product}`;
  let day = date.toISOString().slice(0, 10);
  if (n % BAD_EVERY === 50) {
    expectedBad += 1;
    // A rotating sample of what peers' files get wrong.
    if (n % 300 === 50) rating = "six";
    else if (n % 300 === 150) handle = "no-such-product";
    else day = "31/02/2024";
  }
  const reply = random() < 0.1 ? "Thank you for your review!" : "";
  await write(
    [
      cell(words.slice(0, 24)),
      cell(words),
      rating,
      day,
      "web",
      "ok",
      `Shopper ${n % 5000}`,
      `shopper${n}@example.com`,
      "",
      handle,
      reply,
      reply ? day : "",
      "",
      "",
      "",
    ].join(","),
  );
}
await new Promise<void>((resolve) => out.end(resolve));
console.log(
  `generated ${ROWS.toLocaleString("en")} rows (${(statSync(csvPath).size / 1024 / 1024).toFixed(1)} MB), ${expectedBad} malformed`,
);

const started = performance.now();
const cpuBefore = process.cpuUsage();
const result = await importReviewsFile({ shop: SHOP, fileName: "judgeme-bench.csv", data: createReadStream(csvPath) });
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
if (!result.ok) throw new Error(result.message);
const stored = await db.review.count({ where: { shop: SHOP } });
console.log(
  `imported=${result.imported} skipped=${result.skipped} errors=${result.errors} in ${seconds.toFixed(
    1,
  )} s; ${stored} reviews stored`,
);
// CPU time says how much work the import was, whatever else the machine was doing meanwhile.
console.log(`cpu: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (user ${(cpu.user / 1e6).toFixed(1)} s)`);
if (result.errors !== expectedBad) console.log(`note: expected ${expectedBad} errors, got ${result.errors}`);
await db.$disconnect();
rmSync(scratch, { recursive: true, force: true });
// Peak resident memory (maxRSS is in kilobytes).
const rss = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(`import: ${Math.round(ROWS / seconds)} rows/s rows=${ROWS} errors=${result.errors} rss=${rss}MB`);
