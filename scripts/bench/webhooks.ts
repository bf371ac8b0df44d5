// `npm run bench:webhooks [-- --duration 10 --connections 40 --duplicates 0.1 --workers 1 --postgres --port 4100
// --profile-workers DIR --profile-web DIR]` (issues 3, 17).
// Starts the app (`scripts/server.ts`: the webhook intake in front of express + the Remix build) on a fresh
// database (SQLite by default; with --postgres a fresh schema on 127.0.0.1:5432, run once with one worker and
// once with two) with worker processes beside it (which pump the SQLite webhook inbox and run the jobs), fires
// signed orders/fulfilled webhooks at it with autocannon — unique orders plus a share of exact duplicate
// deliveries (same body, same X-Shopify-Webhook-Id, as Shopify's retries), each order its own shopper (one in ten
// a returning one) and fulfilled now — for a fixed time, waits until every
// order is stored with its review request, then checks what arrived:
//   lost       = unique deliveries answered 200 whose order (or its review request) is not stored
//   duplicated = extra jobs for one delivery + orders with more than one ReviewRequest + duplicated order lines
//   drain      = orders fully processed (order + review request stored) per second after the burst ended, and
//                drain_ratio = drain / the intake's rate in the same run
// Right before, with the same load, it measures a bare node:http server that only verifies the HMAC and
// answers 200: the limit. It also prints the web process's CPU time and disk writes per delivery and the workers'
// CPU time and disk writes per order (all their processes, from /proc/<pid>/stat and /proc/<pid>/io).
// The last line is exactly:
//   webhooks: <N>/s p99=<X>ms lost=<L> duplicated=<U> ratio_to_limit=<R> drain=<D>/s drain_ratio=<Q>
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createRequire } from "node:module";
import { z } from "zod";
import { freePort, stopChild } from "./child-processes";
import { migrateDatabase } from "../../app/db-migrate.server";
import { createDb } from "../../app/db.server";
import { WebhookInbox, webhookInboxFile } from "../../app/modules/webhooks";
import { ensureAppBuild, ROOT } from "../server";

const OptionsSchema = z.object({
  // Each second at full speed leaves ~6,000 orders for the workers to process afterwards, so the default run
  // is short; the throughput figures hardly move with a longer one.
  duration: z.coerce.number().int().min(1).max(600).default(10),
  connections: z.coerce.number().int().min(1).max(1000).default(40),
  duplicates: z.coerce.number().min(0).max(0.9).default(0.1),
  "drain-timeout": z.coerce.number().int().min(10).default(7_200),
  "worker-concurrency": z.coerce.number().int().min(1).max(64).default(4),
  // More than one worker process on one SQLite file mostly waits on its write lock: one is the default.
  // With --postgres and no --workers, the run is made twice: one worker, then two.
  workers: z.coerce.number().int().min(1).max(16).optional(),
  postgres: z.boolean().default(false),
  pg: z.string().default(process.env.KUNDROST_BENCH_PG ?? "postgresql://postgres@127.0.0.1:5432/test"),
  // A directory: each worker process writes a V8 CPU profile of its whole run there (node --cpu-prof).
  "profile-workers": z.string().optional(),
  // A directory: the web process (the intake) writes a V8 CPU profile of its whole run there.
  "profile-web": z.string().optional(),
  // The app's port (0: a free one).
  port: z.coerce.number().int().min(0).max(65535).default(0),
});
const { values } = parseArgs({
  options: {
    duration: { type: "string" },
    connections: { type: "string" },
    duplicates: { type: "string" },
    "drain-timeout": { type: "string" },
    "worker-concurrency": { type: "string" },
    workers: { type: "string" },
    postgres: { type: "boolean" },
    pg: { type: "string" },
    "profile-workers": { type: "string" },
    "profile-web": { type: "string" },
    port: { type: "string" },
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
  // A sale's orders come from many shoppers, fulfilled now: each order its own customer (one in ten a returning
  // one), so the drain plans a real review request per order rather than one customer's thousands of orders.
  const shopper = n % 10 === 9 ? n - 9 : n;
  const email = `shopper-${shopper}@example.com`;
  const fulfilledAt = new Date().toISOString();
  const order = {
    ...fixture,
    id: Number(orderId),
    admin_graphql_api_id: `gid://shopify/Order/${orderId}`,
    name: `#${100000 + n}`,
    order_number: 100000 + n,
    email,
    contact_email: email,
    customer: { ...fixture.customer, id: 8_000_000_000_000 + shopper, email },
    line_items: lineItems,
    fulfillments: fixture.fulfillments.map((f: Record<string, unknown>) => ({
      ...f,
      order_id: Number(orderId),
      created_at: fulfilledAt,
      updated_at: fulfilledAt,
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
    `${label}: ${result.requests.average.toFixed(0)} req/s, p50=${result.latency.p50}ms p99=${
      result.latency.p99
    }ms, 2xx=${result["2xx"]} non-2xx=${result.non2xx} errors=${result.errors} timeouts=${result.timeouts}`,
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

function startChild(args: string[], env: NodeJS.ProcessEnv, profileDir?: string): ChildProcess {
  const [command, commandArgs] = profileDir
    ? [process.execPath, ["--cpu-prof", "--cpu-prof-dir", path.resolve(profileDir), "--import", "tsx", ...args]]
    : [path.join(ROOT, "node_modules", ".bin", "tsx"), args];
  const child = spawn(command, commandArgs, {
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

/** A figure summed over a process and its descendants, from Linux's /proc; a process that has ended counts 0. */
function sumOverTree(pid: number, own: (pid: number) => number): number {
  let total = 0;
  try {
    total += own(pid);
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, "utf8")
        .trim()
        .split(/\s+/)
        .filter(Boolean)) {
        total += sumOverTree(Number(child), own);
      }
    }
  } catch {
    // the process ended, or its /proc entry is not readable here
  }
  return total;
}

/** CPU seconds (user + system) a process and its descendants have used so far. */
function cpuSecondsOfTree(pid: number): number {
  return sumOverTree(pid, (one) => {
    const fields = readFileSync(`/proc/${one}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (USER_HZ = 100)
  });
}

/** Bytes a process and its descendants have had written to storage so far (/proc/<pid>/io write_bytes). */
function writtenBytesOfTree(pid: number): number {
  return sumOverTree(pid, (one) =>
    Number(/^write_bytes: (\d+)$/m.exec(readFileSync(`/proc/${one}/io`, "utf8"))?.[1] ?? 0),
  );
}

interface RunFigures {
  line: string;
}

async function runOnce(databaseUrl: string, workerCount: number, label: string): Promise<RunFigures> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    KUNDROST_DEMO: "",
    DATABASE_URL: databaseUrl,
    SHOPIFY_API_KEY: "bench-api-key",
    SHOPIFY_API_SECRET: SECRET,
    LOG_LEVEL: "warn",
  };
  await migrateDatabase(databaseUrl);
  // Its own client: app/db.server's default one was opened on import with whatever DATABASE_URL said then.
  const db = createDb(databaseUrl);
  // The shop installed the app (the OAuth grant writes its row): deliveries are for a shop we serve.
  await db.shop.create({ data: { shop: SHOP, name: "Bench store", installedAt: new Date() } });
  const inboxFile = webhookInboxFile(databaseUrl);
  const inbox = inboxFile ? new WebhookInbox(inboxFile) : null;
  const port = options.port || (await freePort());
  const appUrl = `http://127.0.0.1:${port}`;
  const children: ChildProcess[] = [];
  try {
    children.push(
      startChild(
        ["scripts/server.ts"],
        { ...env, PORT: String(port), SHOPIFY_APP_URL: appUrl },
        options["profile-web"],
      ),
    );
    await waitUntilWebhooksAnswer(appUrl);
    // Worker processes with their default settings (they yield the CPU to the web process: `--nice 10`),
    // running before the load starts so their start-up is not part of the measurement.
    const workers = Array.from({ length: workerCount }, () =>
      startChild(
        ["scripts/worker.ts", "--concurrency", String(options["worker-concurrency"]), "--poll-interval-ms", "200"],
        { ...env, SHOPIFY_APP_URL: appUrl },
        options["profile-workers"],
      ),
    );
    children.push(...workers);
    await Promise.all(workers.map((worker) => waitForOutput(worker, /worker \S+ is running/)));

    // The limit first, right before the app's run, so both see the machine in the same state (the drain that
    // follows the app's run can take minutes).
    const limit = await measureLimit();
    console.log(
      `bench (${label}): ${options.duration}s per run, ${options.connections} connections, ${Math.round(
        options.duplicates * 100,
      )}% duplicate deliveries, ${workerCount} worker process(es)`,
    );
    const log = new DeliveryLog();
    const workerCpuAtStart = workers.reduce((sum, w) => sum + cpuSecondsOfTree(w.pid!), 0);
    const workerWrittenAtStart = workers.reduce((sum, w) => sum + writtenBytesOfTree(w.pid!), 0);
    const webCpuAtStart = cpuSecondsOfTree(children[0].pid!);
    const webWrittenAtStart = writtenBytesOfTree(children[0].pid!);
    const app = await fire(appUrl, log, `app (intake: verify + record${inbox ? " in the inbox" : " in PostgreSQL"})`);
    const webCpu = cpuSecondsOfTree(children[0].pid!) - webCpuAtStart;
    const webWritten = writtenBytesOfTree(children[0].pid!) - webWrittenAtStart;
    console.log(
      `sent ${log.uniqueSent} unique orders and ${log.duplicatesSent} duplicate deliveries; ${
        log.acknowledged.size
      } unique orders acknowledged, ${log.non200} answers were not 200 (statuses: ${JSON.stringify(
        Object.fromEntries(log.statuses),
      )}); the web process's CPU ${((webCpu * 1000) / Math.max(1, app.total2xx)).toFixed(3)} ms per delivery, its writes to disk ${(
        webWritten /
        1024 /
        Math.max(1, app.total2xx)
      ).toFixed(1)} KiB per delivery`,
    );

    const processed = () => db.reviewRequest.count({ where: { shop: SHOP } });
    const drainStarted = Date.now();
    const processedAtBurstEnd = await processed();
    let lastReport = drainStarted;
    for (;;) {
      // Every job due now or being retried; recurring jobs (daily maintenance, the dispatch chain) wait in the
      // queue for their next run without an attempt yet and do not count.
      const pending =
        (inbox?.backlog() ?? 0) +
        (await db.job.count({
          where: {
            status: { in: ["queued", "running"] },
            OR: [{ runAt: { lte: new Date() } }, { attempts: { gt: 0 } }],
          },
        }));
      if (pending === 0) break;
      if (Date.now() - lastReport >= 15_000) {
        lastReport = Date.now();
        const seconds = (lastReport - drainStarted) / 1000;
        console.log(
          `draining: ${seconds.toFixed(
            0,
          )}s, ${await processed()} orders with their review request, ${pending} deliveries and jobs to go`,
        );
      }
      if (Date.now() - drainStarted > options["drain-timeout"] * 1000)
        throw new Error(`The queue did not drain within ${options["drain-timeout"]}s (${pending} jobs left)`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const drainSeconds = (Date.now() - drainStarted) / 1000;
    const workerCpu = workers.reduce((sum, w) => sum + cpuSecondsOfTree(w.pid!), 0) - workerCpuAtStart;
    const workerWritten = workers.reduce((sum, w) => sum + writtenBytesOfTree(w.pid!), 0) - workerWrittenAtStart;

    const orders = await db.order.findMany({ where: { shop: SHOP }, select: { id: true, shopifyId: true } });
    const withRequest = new Set(
      (await db.reviewRequest.findMany({ where: { shop: SHOP }, select: { orderId: true } })).map((r) => r.orderId),
    );
    const done = new Set(orders.filter((o) => withRequest.has(o.id)).map((o) => o.shopifyId));
    const lost = [...log.acknowledged].filter((orderId) => !done.has(orderId)).length;
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
    const drainedOrders = done.size - processedAtBurstEnd;
    const drain = drainedOrders / Math.max(drainSeconds, 0.001);
    console.log(
      `drained in ${drainSeconds.toFixed(
        1,
      )}s after the burst (${processedAtBurstEnd} orders were done during it): ${events} webhook events, ${intakeJobs} intake jobs, ${
        orders.length
      } orders, ${requestsPerOrder.length} review requests, ${failedJobs} failed jobs; workers' CPU ${(
        (workerCpu * 1000) /
        Math.max(1, done.size)
      ).toFixed(
        2,
      )} ms per order, their writes to disk ${(workerWritten / 1024 / Math.max(1, done.size)).toFixed(1)} KiB per order`,
    );
    await db.$disconnect();
    inbox?.close();
    for (const child of children.splice(0)) await stopChild(child);

    const ratio = limit.requestsPerSecond > 0 ? app.requestsPerSecond / limit.requestsPerSecond : 0;
    const drainRatio = app.requestsPerSecond > 0 ? drain / app.requestsPerSecond : 0;
    return {
      line: `webhooks: ${Math.round(app.requestsPerSecond)}/s p99=${
        app.p99
      }ms lost=${lost} duplicated=${duplicated} ratio_to_limit=${ratio.toFixed(2)} drain=${Math.round(
        drain,
      )}/s drain_ratio=${drainRatio.toFixed(2)}`,
    };
  } finally {
    for (const child of children) await stopChild(child);
    await db.$disconnect().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  ensureAppBuild();
  const started = Date.now();
  console.log(
    `load average before: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} (${os.cpus().length} cores; a shared machine makes every figure noisy)`,
  );
  const lines: string[] = [];
  if (options.postgres) {
    const { Client } = createRequire(import.meta.url)("pg") as typeof import("pg");
    for (const workers of options.workers ? [options.workers] : [1, 2]) {
      const schema = `bench_webhooks_${process.pid}_${workers}`;
      const url = `${options.pg}${options.pg.includes("?") ? "&" : "?"}schema=${schema}`;
      try {
        const { line } = await runOnce(url, workers, `PostgreSQL, ${workers} worker${workers > 1 ? "s" : ""}`);
        console.log(`${line}   <- PostgreSQL, ${workers} worker${workers > 1 ? "s" : ""}`);
        lines.push(line);
      } finally {
        const client = new Client({ connectionString: options.pg });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
      }
    }
  } else {
    const scratch = mkdtempSync(path.join(os.tmpdir(), "kundrost-bench-webhooks-"));
    try {
      const { line } = await runOnce(`file:${path.join(scratch, "bench.sqlite")}`, options.workers ?? 1, "SQLite");
      lines.push(line);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  console.log(
    `load average after: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}; whole run ${((Date.now() - started) / 1000).toFixed(0)}s`,
  );
  console.log(lines[lines.length - 1]);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
