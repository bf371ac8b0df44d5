// `npm run demo [-- --reseed] [-- --port 3000]`: Kundröst on this machine with nothing but Node. A local
// SQLite file (data/demo.sqlite unless DATABASE_URL is set), the demo shop seeded once, a local SMTP server
// that captures every email, the app with its worker, and the URLs to open.
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { reseed: { type: "boolean", default: false }, port: { type: "string" } } });

if (process.env.NODE_ENV === "production") {
  console.error(
    "Refusing to start the demo with NODE_ENV=production: demo mode signs in without Shopify, fakes the Admin API " +
      "and captures mail. Unset NODE_ENV (or use `npm start` for a real deployment).",
  );
  process.exit(1);
}

const port = Number(values.port ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 1 || port > 65_535) {
  console.error(`--port must be a TCP port number (got ${values.port ?? process.env.PORT}).`);
  process.exit(1);
}
const DEMO_DATABASE_URL = "file:./data/demo.sqlite";
process.env.KUNDROST_DEMO = "1";
process.env.PORT = String(port);
process.env.DATABASE_URL ||= DEMO_DATABASE_URL;
process.env.SHOPIFY_APP_URL ||= `http://localhost:${port}`;

// App modules read the environment when they load, so they are imported only now.
// Start-up is quiet: the seed and the first jobs would print a line per order; warnings still show. The
// URLs come last, then the demo logs at LOG_LEVEL (info unless set) as human lines.
const { logger } = await import("../app/logger.server");
const runLevel = logger.level;
if (!process.env.LOG_LEVEL) logger.level = "warn";
const { migrateDatabase } = await import("../app/db-migrate.server");
const { isPostgresUrl, sqliteFilePath } = await import("../app/db-url.server");
try {
  await migrateDatabase(process.env.DATABASE_URL);
} catch (error) {
  // The demo's own file holds nothing but the seeded demo shop: when it was made by an older, incompatible
  // migration history, start it afresh. Any other database is left for its owner to decide.
  if (process.env.DATABASE_URL !== DEMO_DATABASE_URL) throw error;
  console.log(
    `The demo database does not match this version's migrations (${(error as Error).message}); recreating it.`,
  );
  const { rmSync } = await import("node:fs");
  const { webhookInboxFile } = await import("../app/modules/webhooks");
  // Its webhook inbox too: deliveries waiting there belong to the database being thrown away.
  for (const file of [sqliteFilePath(DEMO_DATABASE_URL), webhookInboxFile(DEMO_DATABASE_URL)!]) {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  }
  await migrateDatabase(process.env.DATABASE_URL);
}

const { startSmtpCapture } = await import("../app/modules/mail");
const smtp = await startSmtpCapture();
process.env.SMTP_URL = smtp.url;
process.env.MAIL_FROM ??= "reviews@kundrost-demo.example";

const { default: db } = await import("../app/db.server");
const { DEMO_SHOP } = await import("../app/config.server");
const { seedDemoShop, DEMO_ORDER_COUNT } = await import("../app/modules/demo");
const { jobDefinitions } = await import("../app/jobs.server");

const seeded = await db.order.count({ where: { shop: DEMO_SHOP } });
if (values.reseed || seeded < DEMO_ORDER_COUNT) {
  console.log(`Seeding the demo shop ${DEMO_SHOP}: 600 orders through the order pipeline (a minute or more)...`);
  const summary = await seedDemoShop({
    now: new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000),
    appUrl: process.env.SHOPIFY_APP_URL,
    jobDefinitions,
  });
  console.log(
    `  ${summary.products} products, ${summary.customers} customers, ${summary.orders} orders, ` +
      `${summary.reviewRequests} review requests in ${(summary.ms / 1000).toFixed(1)} s`,
  );
} else {
  console.log(`The demo shop is already seeded (${seeded} orders); \`npm run demo -- --reseed\` rebuilds it.`);
}

const { ensureAppBuild, startAppServer } = await import("./server");
console.log("Building the app if the build is missing or older than the sources...");
ensureAppBuild();

const { startRequestDispatch } = await import("../app/modules/requests");
await startRequestDispatch();
const server = await startAppServer({ port, withWorker: true, host: "127.0.0.1" });

// The seed leaves jobs due now (points mirrored to Shopify, member emails, videos to transcode) for the worker that
// has just started. Their log lines would bury the URLs below, so wait, still quiet, until none is due or running
// (about a second after a fresh seed; at most half a minute, whatever a job keeps doing).
const settledBy = Date.now() + 30_000;
while (Date.now() < settledBy) {
  const busy = await db.job.count({
    where: { OR: [{ status: "running" }, { status: "queued", runAt: { lte: new Date() } }] },
  });
  if (busy === 0) break;
  await new Promise((resolve) => setTimeout(resolve, 250));
}

const { demoOverview } = await import("../app/modules/demo");
const appUrl = process.env.SHOPIFY_APP_URL.replace(/\/+$/, "");
const overview = await demoOverview(appUrl);
const where = isPostgresUrl(process.env.DATABASE_URL) ? "PostgreSQL" : process.env.DATABASE_URL.replace(/^file:/, "");
console.log(`
Kundröst demo is running (database: ${where}; mail captured at ${smtp.url}).

  Admin home         ${appUrl}/app
  Demo controls      ${appUrl}/demo        (signed test webhooks, make requests due, run jobs)
  Outbox             ${appUrl}/demo/outbox
  Sample review link ${overview.sampleReviewLink ?? "(none yet: make a request due on the demo controls page)"}

Ctrl-C stops it. Logs follow (LOG_LEVEL=warn for fewer, LOG_FORMAT=json for JSON lines).
`);
logger.level = runLevel;

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) process.exit(130);
  stopping = true;
  console.log(`\n${signal}: stopping the demo...`);
  await server.close();
  await smtp.close();
  await db.$disconnect();
  process.exit(0);
}
process.once("SIGINT", () => void stop("SIGINT"));
process.once("SIGTERM", () => void stop("SIGTERM"));
