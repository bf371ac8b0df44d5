// `npm run seed`: (re)builds the demo shop kundrost-demo.myshopify.com in DATABASE_URL (data/demo.sqlite by
// default, the demo's database). Deterministic for a given --now (ISO date; default: the start of this hour).
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { now: { type: "string" } } });
if (process.env.NODE_ENV === "production") {
  console.error("The demo seed writes a fake shop; it refuses to run with NODE_ENV=production.");
  process.exit(1);
}
// Seeding runs the app's own jobs for the demo shop, which must talk to the local Admin API stand-in.
process.env.KUNDROST_DEMO = "1";
process.env.DATABASE_URL ||= "file:./data/demo.sqlite";

const now = values.now ? new Date(values.now) : new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
if (Number.isNaN(now.getTime())) {
  console.error(`--now must be an ISO date, e.g. 2026-06-01T12:00:00Z (got ${values.now}).`);
  process.exit(1);
}

const { migrateDatabase } = await import("../app/db-migrate.server");
await migrateDatabase(process.env.DATABASE_URL);
const { shopifyCredentials } = await import("../app/config.server");
const { seedDemoShop } = await import("../app/modules/demo");
const { jobDefinitions } = await import("../app/jobs.server");
const { default: db } = await import("../app/db.server");

const summary = await seedDemoShop({ now, appUrl: shopifyCredentials().appUrl, jobDefinitions });
console.log(
  `Seeded ${summary.shop} (now=${now.toISOString()}): ${summary.products} products, ${summary.customers} customers, ` +
    `${summary.orders} orders, ${summary.reviewRequests} review requests; jobs ${summary.jobs.succeeded} ok / ` +
    `${summary.jobs.failed} failed in ${(summary.ms / 1000).toFixed(1)} s`,
);
await db.$disconnect();
