// `npm run bench:order-jobs [-- --orders 2000 --postgres]`: what the worker spends per order, independent of
// the machine's load: SQL statements sent to the database and the worker's CPU time per order (orders/fulfilled
// deliveries turned into Order + lines + customer + ReviewRequest). The deliveries are recorded first
// (WebhookEvent + Job, as the intake and pump leave them); then the job queue is drained in this process and
// every statement the driver runs is counted (better-sqlite3's prepare, pg's query; BEGIN/COMMIT included).
// Prints one line: order-jobs: provider=<p> orders=<n> statements_per_order=<S> cpu_ms_per_order=<C> wall=<W>s
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";

const { values } = parseArgs({
  options: {
    orders: { type: "string", default: "2000" },
    shops: { type: "string", default: "1" },
    postgres: { type: "boolean", default: false },
    pg: { type: "string", default: process.env.KUNDROST_BENCH_PG ?? "postgresql://postgres@127.0.0.1:5432/test" },
  },
});
const options = z
  .object({
    orders: z.coerce.number().int().min(1).max(200_000),
    shops: z.coerce.number().int().min(1).max(100),
    postgres: z.boolean(),
    pg: z.string(),
  })
  .parse(values);

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const require = createRequire(import.meta.url);
const scratch = mkdtempSync(path.join(os.tmpdir(), "kundrost-bench-orders-"));
const schema = `bench_orders_${process.pid}`;
const databaseUrl = options.postgres
  ? `${options.pg}${options.pg.includes("?") ? "&" : "?"}schema=${schema}`
  : `file:${path.join(scratch, "bench.sqlite")}`;
process.env.DATABASE_URL = databaseUrl;
process.env.LOG_LEVEL = "warn";
process.env.SHOPIFY_API_KEY ??= "bench-api-key";
process.env.SHOPIFY_API_SECRET ??= "bench-webhook-secret";
process.env.SHOPIFY_APP_URL ??= "http://127.0.0.1:3106";

// Count statements at the driver, below Prisma, so raw SQL and model calls are counted alike: on SQLite every
// execution of a prepared statement (they are prepared once and reused on the hot path), on PostgreSQL every query.
let statements = 0;
type StatementMethod = (...args: unknown[]) => unknown;
const BetterSqlite = require("better-sqlite3") as { prototype: { prepare: (...args: unknown[]) => object } };
const prepare = BetterSqlite.prototype.prepare;
const countedStatements = new WeakSet<object>();
BetterSqlite.prototype.prepare = function counting(this: unknown, ...args: unknown[]) {
  const statement = prepare.apply(this, args);
  const prototype = Object.getPrototypeOf(statement) as Record<string, StatementMethod>;
  if (!countedStatements.has(prototype)) {
    countedStatements.add(prototype);
    for (const method of ["run", "all", "get", "iterate"]) {
      const original = prototype[method];
      prototype[method] = function counted(this: unknown, ...values: unknown[]) {
        statements += 1;
        return original.apply(this, values);
      };
    }
  }
  return statement;
};
const pg = require("pg") as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function counted(this: unknown, ...args: unknown[]) {
  statements += 1;
  return query.apply(this, args);
};

const { migrateDatabase } = await import("../../app/db-migrate.server");
await migrateDatabase(databaseUrl);
const { default: db } = await import("../../app/db.server");
const { jobDefinitions } = await import("../../app/jobs.server");
const { drainJobs } = await import("../../app/modules/jobs");
const { commitWebhookBatch } = await import("../../app/modules/webhooks");

const fixture = JSON.parse(
  readFileSync(path.join(ROOT, "tests", "fixtures", "webhooks", "orders-fulfilled.json"), "utf8"),
);
const shops = Array.from({ length: options.shops }, (_, i) => `bench-orders-${i}.myshopify.com`);
try {
  // Installed shops (what the OAuth grant leaves): deliveries for a shop not installed are ignored, not stored.
  for (const shop of shops) await db.shop.create({ data: { shop, name: shop, installedAt: new Date() } });
  const now = Date.now();
  const deliveries = Array.from({ length: options.orders }, (_, n) => {
    const id = 7_000_000_000_000 + n;
    const lines = fixture.line_items.map((line: Record<string, unknown>, i: number) => ({ ...line, id: id * 10 + i }));
    const fulfilledAt = new Date(now - 86_400_000).toISOString();
    const order = {
      ...fixture,
      id,
      name: `#${100000 + n}`,
      admin_graphql_api_id: `gid://shopify/Order/${id}`,
      // Each shopper orders twice in the run; the order's email is its customer's, as Shopify sends it.
      email: `shopper${n % Math.max(1, Math.floor(options.orders / 2))}@example.com`,
      customer: {
        ...fixture.customer,
        id: 8_000_000_000_000 + (n % Math.max(1, Math.floor(options.orders / 2))),
        email: `shopper${n % Math.max(1, Math.floor(options.orders / 2))}@example.com`,
      },
      line_items: lines,
      fulfillments: fixture.fulfillments.map((f: Record<string, unknown>) => ({ ...f, created_at: fulfilledAt })),
    };
    return {
      shop: shops[n % shops.length],
      topic: "ORDERS_FULFILLED" as const,
      webhookId: randomUUID(),
      body: JSON.stringify(order),
    };
  });
  for (let i = 0; i < deliveries.length; i += 500) await commitWebhookBatch(deliveries.slice(i, i + 500), db);

  statements = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (;;) {
    const drained = await drainJobs(jobDefinitions, { maxJobs: 100_000 });
    if (drained.succeeded + drained.failed + drained.retried === 0) break;
  }
  const wall = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const counted = statements;
  const requests = await db.reviewRequest.count();
  const stored = await db.order.count();
  if (stored !== options.orders || requests !== options.orders)
    throw new Error(
      `expected ${options.orders} orders with a request each, got ${stored} orders and ${requests} requests`,
    );
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    `load average: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} (${os.cpus().length} cores)`,
  );
  console.log(
    `order-jobs: provider=${options.postgres ? "postgresql" : "sqlite"} orders=${
      options.orders
    } statements_per_order=${(counted / options.orders).toFixed(1)} cpu_ms_per_order=${(cpuMs / options.orders).toFixed(
      2,
    )} wall=${wall.toFixed(1)}s`,
  );
} finally {
  await db.$disconnect();
  rmSync(scratch, { recursive: true, force: true });
  if (options.postgres) {
    const client = new (require("pg").Client)({ connectionString: options.pg });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
}
