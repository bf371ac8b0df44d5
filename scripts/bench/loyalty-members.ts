// `npm run bench:loyalty-members`: the admin Loyalty screen at 100,000 members in one shop.
// Seeds 100,000 customers with loyalty accounts and 150,000 orders over the last year, 20,000 customers who are
// not members (with orders), and a second shop of 20,000 members, into a scratch SQLite database; then times
// what the screen asks for: the programme's figures (issued, redeemed, liability, repeat purchases of members
// against non-members), the first members page by balance and by last activity, a page deep in the list, a
// tier filter, searches by email and by name, and one member's detail with a long ledger; and the daily
// recount of the repeat-purchase figures the screen reads. Prints the median and p95 of ROUNDS runs each; it
// asserts nothing.
//   BENCH_MEMBERS=100000 BENCH_ROUNDS=20 npm run bench:loyalty-members
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { sqliteFilePath } from "../../app/db-url.server";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const SHOP = "bench-loyalty.myshopify.com";
const OTHER_SHOP = "other-loyalty.myshopify.com";
const DAY = 86_400_000;

const scratch = mkdtempSync(path.join(os.tmpdir(), "kundrost-bench-members-"));
process.env.DATABASE_URL = `file:${path.join(scratch, "bench.sqlite")}`;
process.env.LOG_LEVEL = "silent";
process.env.NODE_ENV = "test";

const { migrateDatabase } = await import("../../app/db-migrate.server");
await migrateDatabase(process.env.DATABASE_URL);
const { default: db } = await import("../../app/db.server");
const { adjustPoints, listMembers, loadMember, programFigures, recountRepeatFigures, saveReward } =
  await import("../../app/modules/loyalty");

// Deterministic data, so every run measures the same thing.
let seed = 11;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
}
const FIRST = ["Astrid", "Olle", "Sofia", "Erik", "Maja", "Johan", "Klara", "Emil", "Ingrid", "Oskar", "Anna", "Leo"];
const LAST = ["Lindqvist", "Nyberg", "Larsson", "Åkesson", "Berg", "Holm", "Sjöberg", "Ek", "Lund", "Strand"];
const TIERS = ["member", "member", "member", "silver", "silver", "gold"];
// Prisma's SQLite adapter stores DateTime as ISO-8601 text with an explicit offset.
const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

function seedShop(raw: Database.Database, shop: string, members: number, nonMembers: number): void {
  // Row ids as the app makes them (letters and digits): the member screen refuses anything else in its address.
  const key = shop.split(".")[0].replace(/\W/g, "");
  const now = Date.now();
  const customer = raw.prepare(
    'INSERT INTO "Customer" (id, shop, shopifyId, email, firstName, lastName, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const account = raw.prepare(
    'INSERT INTO "LoyaltyAccount" (id, shop, customerId, tier, availablePoints, pendingPoints, lifetimeEarned, lifetimeRedeemed, lastActivityAt, version, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)',
  );
  const order = raw.prepare(
    'INSERT INTO "Order" (id, shop, shopifyId, name, customerId, currency, totalPriceCents, placedAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let orders = 0;
  raw.transaction(() => {
    for (let n = 0; n < members + nonMembers; n += 1) {
      const id = `${key}c${n}`;
      const shopifyId = String(7_000_000_000 + n);
      const first = FIRST[Math.floor(random() * FIRST.length)];
      const last = LAST[Math.floor(random() * LAST.length)];
      const created = sqliteDate(new Date(now - random() * 700 * DAY));
      customer.run(id, shop, shopifyId, `${first}.${last}${n}@example.se`.toLowerCase(), first, last, created, created);
      if (n < members) {
        const earned = Math.floor(random() * 6000);
        const redeemed = Math.floor(earned * random() * 0.5);
        account.run(
          `${key}a${n}`,
          shop,
          shopifyId,
          TIERS[Math.floor(random() * TIERS.length)],
          earned - redeemed,
          random() < 0.2 ? Math.floor(random() * 800) : 0,
          earned,
          redeemed,
          sqliteDate(new Date(now - random() * 400 * DAY)),
          created,
          created,
        );
      }
      // One or two orders in the last year (members and non-members alike).
      for (let k = 0; k < (random() < 0.5 ? 1 : 2); k += 1) {
        const placed = sqliteDate(new Date(now - random() * 360 * DAY));
        order.run(
          `${key}o${orders}`,
          shop,
          String(5_000_000_000 + orders),
          `#${1000 + orders}`,
          id,
          "SEK",
          Math.floor(200 + random() * 2000) * 100,
          placed,
          placed,
          placed,
        );
        orders += 1;
      }
    }
  })();
}

function stats(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95) };
}

async function time(label: string, run: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  await run();
  const samples: number[] = [];
  let shown = "";
  for (let i = 0; i < ROUNDS; i += 1) {
    const began = performance.now();
    const result = (await run()) as { rows?: unknown[]; entries?: unknown[] } | null;
    samples.push(performance.now() - began);
    shown = result?.rows ? `rows=${String(result.rows.length).padStart(3)}` : result?.entries ? "detail" : "figures";
  }
  const figures = stats(samples);
  console.log(
    `${label.padEnd(44)} ${shown.padEnd(8)} median=${figures.median.toFixed(2)}ms  p95=${figures.p95.toFixed(2)}ms`,
  );
  return figures;
}

const seedStarted = performance.now();
await db.shop.create({ data: { shop: SHOP, name: "Bench", currency: "SEK", installedAt: new Date() } });
await db.shop.create({ data: { shop: OTHER_SHOP, name: "Other", currency: "SEK", installedAt: new Date() } });
const raw = new Database(sqliteFilePath(process.env.DATABASE_URL));
seedShop(raw, SHOP, MEMBERS, Math.round(MEMBERS / 5));
seedShop(raw, OTHER_SHOP, Math.round(MEMBERS / 5), 0);
raw.close();
await saveReward(SHOP, { name: "100 kr off", kind: "fixed_amount", pointsCost: "500", amount: "100" });
// One member with a long history for the detail screen.
const busy = await db.loyaltyAccount.findFirstOrThrow({ where: { shop: SHOP }, orderBy: { id: "asc" } });
await db.loyaltyAccount.update({ where: { id: busy.id }, data: { availablePoints: 0, pendingPoints: 0 } });
for (let i = 0; i < 600; i += 1) {
  await adjustPoints(SHOP, busy.id, { points: 10, reason: `Entry ${i}`, requestId: `bench-${i}-entry` });
}
const check = await db.loyaltyAccount.findFirst({ where: { shop: SHOP }, select: { lastActivityAt: true } });
if (!check || Number.isNaN(check.lastActivityAt.getTime()))
  throw new Error("Seeded rows do not read back through Prisma: has the SQLite date format changed?");
console.log(
  `seeded ${MEMBERS} members, ${Math.round(MEMBERS / 5)} non-members and their orders ` +
    `(+${Math.round(MEMBERS / 5)} members of another shop) in ${((performance.now() - seedStarted) / 1000).toFixed(1)}s`,
);

const deepFrom = await listMembers(SHOP);
let cursor = deepFrom.next;
// Walk forward so the deep page is a real cursor the screen would hold (every 40th page, about 90% in).
for (let page = 1; cursor && page < Math.floor((MEMBERS * 0.9) / 50); page += 1) {
  const next = await listMembers(SHOP, { cursor });
  cursor = next.next;
}

console.log(`${ROUNDS} rounds each (SQLite, ${MEMBERS} members in the shop)`);
const recount = await time("repeat purchases recounted (daily sweep)", () => recountRepeatFigures(SHOP));
const figures = await time("programme figures (the screen's cards)", () => programFigures(SHOP));
const first = await time("first page by balance", () => listMembers(SHOP));
await time("first page by last activity", () => listMembers(SHOP, { sort: "activity" }));
await time("page at 90% (cursor)", () => listMembers(SHOP, { cursor }));
await time("tier: gold", () => listMembers(SHOP, { tier: "gold" }));
await time('search "astrid.lind" (email prefix)', () => listMembers(SHOP, { search: "astrid.lind" }));
await time('search "Sjöberg" (last name)', () => listMembers(SHOP, { search: "Sjöberg" }));
await time("one member's detail (600 entries)", () => loadMember(SHOP, busy.id));

const screen = figures.median + first.median;
console.log(
  `loyalty-members: members=${MEMBERS} screen_median=${screen.toFixed(1)}ms figures_p95=${figures.p95.toFixed(1)}ms ` +
    `list_p95=${first.p95.toFixed(1)}ms daily_recount_median=${recount.median.toFixed(1)}ms`,
);

await db.$disconnect();
rmSync(scratch, { recursive: true, force: true });
