// `npm run bench:webhooks [-- --duration 10 --connections 40 --duplicates 0.1 --workers 1]` (issue 3, item 5).
// Starts the app (`scripts/server.ts`: the webhook intake in front of express + the Remix build) on a fresh
// SQLite database with a worker process beside it (which pumps the webhook inbox and runs the jobs), fires signed
// orders/fulfilled webhooks at it with autocannon — unique orders
// plus a share of exact duplicate deliveries (same body, same X-Shopify-Webhook-Id, as Shopify's retries) —
// for a fixed time, waits for the inbox and the job queue to drain, then checks what arrived:
//   lost       = unique deliveries answered 200 whose order is not in Order
//   duplicated = extra jobs for one delivery + orders with more than one ReviewRequest + duplicated order lines
// Right before, with the same load, it measures a bare node:http server that only verifies the HMAC and
// answers 200: the limit.
// The last line is exactly: webhooks: <N>/s p99=<X>ms lost=<L> duplicated=<D> ratio_to_limit=<R>
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createRequire } from "node:module";
import { z } from "zod";
import { migrateDatabase } from "../../app/db-migrate.server";
import { createDb } from "../../app/db.server";
import { WebhookInbox, webhookInboxFile } from "../../app/modules/webhooks";
import { ensureAppBuild, ROOT } from "../server";

const OptionsSchema = z.object({
  // Each second at full speed leaves ~6,000 orders for the worker to process afterwards (~50 a second on
  // SQLite), so the default run is short; the throughput figures hardly move with a longer one.
  duration: z.coerce.number().int().min(1).max(600).default(10),
  connections: z.coerce.number().int().min(1).max(1000).default(40),
  duplicates: z.coerce.number().min(0).max(0.9).default(0.1),
  "drain-timeout": z.coerce.number().int().min(10).default(7_200),
  "worker-concurrency": z.coerce.number().int().min(1).max(64).default(4),
  // More than one worker process on one SQLite file mostly waits on its write lock: one is the default.
  workers: z.coerce.number().int().min(1).max(16).default(1),
});
const { values } = parseArgs({
  options: {
    duration: { type: "string" },
    connections: { type: "string" },
    duplicates: { type: "string" },
    "drain-timeout": { type: "string" },
    "worker-concurrency": { type: "string" },
    workers: { type: "string" },
  },
});
const options = OptionsSchema.parse(values);

// autocannon ships no types; these are the parts of its API used here (https://github.com/mcollina/autocannon#api).
interface AutocannonRequest {
  method: string;
  path: string;
  setupRequest(request: Record<string, unknown>, context: Record<string, unknown>): Record<string, unknown>;
  onResponse(status: number, body: string, context: Record<string, unknown>): void;
}
interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  "2xx": number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
const autocannon = createRequire(import.meta.url)("autocannon") as (options: {
  url: string;
  connections: number;
  duration: number;
  requests: AutocannonRequest[];
}) => Promise<AutocannonResult>;

const SHOP = "bench-store.myshopify.com";
const SECRET = "bench-webhook-secret";
const API_VERSION = "2026-07";
const TOPIC_PATH = "/webhooks/orders/fulfilled";

// ------------------------------------------------------------------ the load: signed deliveries

const fixture = JSON.parse(
  readFileSync(path.join(ROOT, "tests", "fixtures", "webhooks", "orders-fulfilled.json"), "utf8"),
);
const ORDER_ID_BASE = 6_000_000_000_000;

interface Delivery {
  orderId: string;
  webhookId: string;
  body: string;
  hmac: string;
}

function uniqueDelivery(n: number): Delivery {
  const orderId = String(ORDER_ID_BASE + n);
  // Shopify's line item ids are unique across the shop, like the order ids.
  const lineItems = fixture.line_items.map((line: Record<string, unknown>, i: number) => ({
    ...line,
    id: (ORDER_ID_BASE + n) * 10 + i,
  }));
  const order = {
    ...fixture,
    id: Number(orderId),
    admin_graphql_api_id: `gid://shopify/Order/${orderId}`,
    name: `#${100000 + n}`,
    order_number: 100000 + n,
    line_items: lineItems,
    fulfillments: fixture.fulfillments.map((f: Record<string, unknown>) => ({
      ...f,
      order_id: Number(orderId),
      line_items: lineItems.map((l: { id: number }) => ({ id: l.id, quantity: 1 })),
    })),
  };
  const body = JSON.stringify(order);
  return {
    orderId,
    webhookId: randomUUID(),
    body,
    hmac: createHmac("sha256", SECRET).update(body, "utf8").digest("base64"),
  };
}

/** What the load generator sent and what came back, per unique order. */
class DeliveryLog {
  private made: Delivery[] = [];
  readonly acknowledged = new Set<string>();
  duplicatesSent = 0;
  non200 = 0;
  readonly statuses = new Map<number, number>();

  next(duplicateShare: number): Delivery {
    if (this.made.length > 10 && Math.random() < duplicateShare) {
      this.duplicatesSent += 1;
      // An exact copy of a recent delivery: what Shopify sends when it did not see our 200 in time.
      return this.made[this.made.length - 1 - Math.floor(Math.random() * Math.min(this.made.length, 500))];
    }
    const delivery = uniqueDelivery(this.made.length);
    this.made.push(delivery);
    return delivery;
  }

  get uniqueSent(): number {
    return this.made.length;
  }
}

interface LoadResult {
  requestsPerSecond: number;
  p99: number;
  total2xx: number;
  non2xx: number;
  errors: number;
}

async function fire(url: string, log: DeliveryLog, label: string): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.duration,
    requests: [
      {
        method: "POST",
        path: TOPIC_PATH,
        setupRequest: (request, context) => {
          const delivery = log.next(options.duplicates);
          context.delivery = delivery;
          return {
            ...request,
            body: delivery.body,
            headers: {
              "content-type": "application/json",
              "x-shopify-topic": "orders/fulfilled",
              "x-shopify-hmac-sha256": delivery.hmac,
              "x-shopify-shop-domain": SHOP,
              "x-shopify-api-version": API_VERSION,
              "x-shopify-webhook-id": delivery.webhookId,
              "x-shopify-event-id": delivery.webhookId,
              "x-shopify-triggered-at": new Date().toISOString(),
            },
          };
        },
        onResponse: (status, _body, context) => {
          const delivery = context.delivery as Delivery;
          log.statuses.set(status, (log.statuses.get(status) ?? 0) + 1);
          if (status === 200) log.acknowledged.add(delivery.orderId);
          else log.non200 += 1;
        },
      },
    ],
  });
  console.log(
    `${label}: ${result.requests.average.toFixed(0)} req/s, p50=${result.latency.p50}ms p99=${result.latency.p99}ms, 2xx=${result["2xx"]} non-2xx=${result.non2xx} errors=${result.errors} timeouts=${result.timeouts}`,
  );
  return {
    requestsPerSecond: result["2xx"] / options.duration,
    p99: result.latency.p99,
    total2xx: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

// ------------------------------------------------------------------ the limit: HMAC check + 200, nothing else

async function measureLimit(): Promise<LoadResult> {
  // A child process, like the app, so the load generator does not share its event loop.
  const child = spawn(process.execPath, ["-e", BARE_SERVER_SOURCE], {
    env: { ...process.env, BENCH_SECRET: SECRET },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once("data", (chunk: Buffer) => resolve(Number(String(chunk).trim())));
    child.once("exit", (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  try {
    // The same load as the app's (fresh signed orders, the same share of retries), so the load generator
    // spends the same CPU on both runs and the ratio compares the servers alone.
    return await fire(`http://127.0.0.1:${port}`, new DeliveryLog(), "limit (bare node:http + HMAC)");
  } finally {
    child.kill("SIGTERM");
  }
}

const BARE_SERVER_SOURCE = `
const { createServer } = require("node:http");
const { createHmac, timingSafeEqual } = require("node:crypto");
const secret = process.env.BENCH_SECRET;
const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const given = Buffer.from(String(req.headers["x-shopify-hmac-sha256"] || ""), "base64");
    const expected = createHmac("sha256", secret).update(body).digest();
    res.statusCode = given.length === expected.length && timingSafeEqual(given, expected) ? 200 : 401;
    res.end();
  });
});
server.listen(0, "127.0.0.1", () => process.stdout.write(String(server.address().port) + "\\n"));
`;

// ------------------------------------------------------------------ the app under test

function startChild(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), args, {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  child.stdout!.on("data", (chunk: Buffer) => process.stdout.write(chunk));
  return child;
}

/** Resolves when the child's output matches (a worker says it is running). */
function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 120_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(
      () => reject(new Error(`No "${pattern.source}" from a child within ${timeoutMs / 1000}s`)),
      timeoutMs,
    );
    child.stdout!.on("data", (chunk: Buffer) => {
      seen = (seen + String(chunk)).slice(-4096);
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`A child exited with ${code} before it was ready`)));
  });
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * Ready when the webhook route answers an unsigned POST with a refusal (400/401). /healthz alone is not enough:
 * scripts/server.ts starts listening before the Remix build is mounted, so early requests get express's 404.
 */
async function waitUntilWebhooksAnswer(url: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const answer = await fetch(`${url}${TOPIC_PATH}`, { method: "POST", body: "{}" });
      if (answer.status === 400 || answer.status === 401) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The app did not become healthy at ${url}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 15_000).unref();
  });
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "kundrost-bench-webhooks-"));
  const databaseUrl = `file:${path.join(scratch, "bench.sqlite")}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    KUNDROST_DEMO: "",
    DATABASE_URL: databaseUrl,
    SHOPIFY_API_KEY: "bench-api-key",
    SHOPIFY_API_SECRET: SECRET,
    LOG_LEVEL: "warn",
  };
  ensureAppBuild();
  await migrateDatabase(databaseUrl);
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const children: ChildProcess[] = [];
  try {
    children.push(startChild(["scripts/server.ts"], { ...env, PORT: String(port), SHOPIFY_APP_URL: appUrl }));
    await waitUntilWebhooksAnswer(appUrl);
    // Worker processes with their default settings (they yield the CPU to the web process: `--nice 10`),
    // running before the load starts so their start-up is not part of the measurement.
    const workers = Array.from({ length: options.workers }, () =>
      startChild(
        ["scripts/worker.ts", "--concurrency", String(options["worker-concurrency"]), "--poll-interval-ms", "200"],
        { ...env, SHOPIFY_APP_URL: appUrl },
      ),
    );
    children.push(...workers);
    await Promise.all(workers.map((worker) => waitForOutput(worker, /worker \S+ is running/)));

    // The limit first, right before the app's run, so both see the machine in the same state (the drain that
    // follows the app's run can take minutes).
    const limit = await measureLimit();
    console.log(
      `bench: ${options.duration}s per run, ${options.connections} connections, ${Math.round(options.duplicates * 100)}% duplicate deliveries, SQLite at ${databaseUrl}`,
    );
    const log = new DeliveryLog();
    const app = await fire(appUrl, log, "app (intake: verify + record in the inbox)");
    console.log(
      `sent ${log.uniqueSent} unique orders and ${log.duplicatesSent} duplicate deliveries; ${log.acknowledged.size} unique orders acknowledged, ${log.non200} answers were not 200 (statuses: ${JSON.stringify(Object.fromEntries(log.statuses))})`,
    );

    // Its own client: app/db.server's default one was opened on import with whatever DATABASE_URL said then.
    const db = createDb(databaseUrl);
    const inbox = new WebhookInbox(webhookInboxFile(databaseUrl)!);
    const drainStarted = Date.now();
    let lastReport = drainStarted;
    for (;;) {
      // Every job due now or being retried; recurring jobs (daily maintenance, the dispatch chain) wait in the
      // queue for their next run without an attempt yet and do not count.
      const pending =
        inbox.backlog() +
        (await db.job.count({
          where: {
            status: { in: ["queued", "running"] },
            OR: [{ runAt: { lte: new Date() } }, { attempts: { gt: 0 } }],
          },
        }));
      if (pending === 0) break;
      if (Date.now() - lastReport >= 15_000) {
        lastReport = Date.now();
        const orders = await db.order.count({ where: { shop: SHOP } });
        const seconds = (lastReport - drainStarted) / 1000;
        console.log(`draining: ${seconds.toFixed(0)}s, ${orders} orders stored, ${pending} deliveries and jobs to go`);
      }
      if (Date.now() - drainStarted > options["drain-timeout"] * 1000)
        throw new Error(`The queue did not drain within ${options["drain-timeout"]}s (${pending} jobs left)`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const drainSeconds = (Date.now() - drainStarted) / 1000;

    const stored = new Set(
      (await db.order.findMany({ where: { shop: SHOP }, select: { shopifyId: true } })).map((o) => o.shopifyId),
    );
    const lost = [...log.acknowledged].filter((orderId) => !stored.has(orderId)).length;
    const events = await db.webhookEvent.count({ where: { shop: SHOP } });
    const intakeJobs = await db.job.count({ where: { shop: SHOP, type: "orders.order-fulfilled" } });
    const requestsPerOrder = await db.reviewRequest.groupBy({
      by: ["orderId"],
      where: { shop: SHOP },
      _count: { _all: true },
    });
    const linesPerOrder = await db.orderLine.groupBy({
      by: ["orderId"],
      where: { shop: SHOP },
      _count: { _all: true },
    });
    const failedJobs = await db.job.count({ where: { status: "failed" } });
    const expectedLines = fixture.line_items.length;
    const duplicated =
      Math.max(0, intakeJobs - events) +
      requestsPerOrder.filter((g) => g._count._all > 1).length +
      linesPerOrder.filter((g) => g._count._all > expectedLines).length;
    console.log(
      `drained in ${drainSeconds.toFixed(1)}s (the workers after the load: ${(stored.size / Math.max(drainSeconds, 0.001)).toFixed(0)} orders/s): ${events} webhook events, ${intakeJobs} intake jobs, ${stored.size} orders, ${requestsPerOrder.length} review requests, ${failedJobs} failed jobs`,
    );
    await db.$disconnect();
    inbox.close();

    for (const child of children.splice(0)) await stop(child);

    const ratio = limit.requestsPerSecond > 0 ? app.requestsPerSecond / limit.requestsPerSecond : 0;
    console.log(
      `webhooks: ${Math.round(app.requestsPerSecond)}/s p99=${app.p99}ms lost=${lost} duplicated=${duplicated} ratio_to_limit=${ratio.toFixed(2)}`,
    );
  } finally {
    for (const child of children) await stop(child);
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
