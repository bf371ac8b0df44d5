/**
 * Job queue throughput: enqueue N no-op jobs, then let 1 and 4 worker PROCESSES (the production shape: one
 * `npm run worker` each, concurrency 1) drain them, on SQLite and on PostgreSQL. Each run uses a fresh
 * database (a temporary SQLite file; a throwaway schema on PostgreSQL). Prints a table and one line per run:
 *   jobs: provider=<p> workers=<w> jobs=<n> drain=<N>/s enqueue=<E>/s double_runs=<D>
 *
 *   npm run bench:jobs [-- --jobs 2000 --pg postgresql://postgres@127.0.0.1:5432/test --workers 1,4 --concurrency 1]
 * Without --pg it uses KUNDROST_BENCH_PG, else the local CI server; `--pg none` measures SQLite only.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import pg from "pg";
import { z } from "zod";

const NOOP_TYPE = "bench.noop";

const { values } = parseArgs({
  options: {
    worker: { type: "boolean", default: false },
    jobs: { type: "string", default: "2000" },
    workers: { type: "string", default: "1,4" },
    concurrency: { type: "string", default: "1" },
    pg: { type: "string", default: process.env.KUNDROST_BENCH_PG ?? "postgresql://postgres@127.0.0.1:5432/test" },
  },
});

if (values.worker) await runWorkerProcess();
else await runBenchmark();

// ------------------------------------------------------------------------------------------- worker side
// One worker process: prints "ready", waits for "go", drains the queue, prints how many jobs it ran.
async function runWorkerProcess(): Promise<void> {
  const { default: db } = await import("../../app/db.server");
  const { defineJob, startWorker } = await import("../../app/modules/jobs");
  let ran = 0;
  const noop = defineJob({
    type: NOOP_TYPE,
    schema: z.object({ n: z.number() }),
    async run() {
      ran += 1;
    },
  });
  await db.job.count();
  process.stdout.write("ready\n");
  for await (const line of createInterface({ input: process.stdin })) if (line.trim() === "go") break;
  const worker = startWorker({ definitions: [noop], concurrency: Number(values.concurrency), pollIntervalMs: 20 });
  // Looks rarely: each look is a query that competes with the jobs it is timing.
  while ((await db.job.count({ where: { status: { in: ["queued", "running"] } } })) > 0) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await worker.stop();
  await db.$disconnect();
  process.stdout.write(`ran ${ran}\n`);
  process.exit(0);
}

// ------------------------------------------------------------------------------------------- driver side
interface RunResult {
  provider: string;
  workers: number;
  jobs: number;
  enqueuePerSecond: number;
  drainPerSecond: number;
  ranPerWorker: number[];
  doubleRuns: number;
}

async function runBenchmark(): Promise<void> {
  const jobCount = z.coerce.number().int().min(1).parse(values.jobs);
  const workerCounts = values.workers.split(",").map((w) => z.coerce.number().int().min(1).parse(w));
  const pgBase = values.pg === "none" ? undefined : values.pg;
  const usePg = pgBase !== undefined && (await postgresReachable(pgBase));
  if (pgBase && !usePg) console.log(`PostgreSQL at ${pgBase} is not reachable; measuring SQLite only.`);
  const results: RunResult[] = [];
  const loadBefore = os.loadavg()[0];

  for (const provider of ["sqlite", ...(usePg ? ["postgresql"] : [])]) {
    for (const workers of workerCounts) {
      const target = provider === "sqlite" ? freshSqliteFile() : freshPgSchema(pgBase!);
      try {
        results.push(await measure(provider, target.url, workers, jobCount));
      } finally {
        await target.cleanup();
      }
      const r = results.at(-1)!;
      console.log(
        `  ${r.provider.padEnd(10)} workers=${r.workers}  enqueue ${r.enqueuePerSecond.toFixed(0).padStart(5)}/s  drain ${r.drainPerSecond
          .toFixed(0)
          .padStart(5)}/s  per worker ${r.ranPerWorker.join("/")}`,
      );
    }
  }
  // Other work on the machine skews every figure; the load average says how much there was.
  console.log(
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown"}), node ${process.version}, load average ${loadBefore.toFixed(1)} before / ${os.loadavg()[0].toFixed(1)} after`,
  );
  for (const r of results) {
    console.log(
      `jobs: provider=${r.provider} workers=${r.workers} jobs=${r.jobs} drain=${r.drainPerSecond.toFixed(0)}/s enqueue=${r.enqueuePerSecond.toFixed(0)}/s double_runs=${r.doubleRuns}`,
    );
  }
}

async function postgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function freshSqliteFile(): { url: string; cleanup: () => Promise<void> } {
  const file = path.join(os.tmpdir(), `kundrost-bench-jobs-${randomBytes(4).toString("hex")}.sqlite`);
  return {
    url: `file:${file}`,
    cleanup: async () => {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    },
  };
}

function freshPgSchema(base: string): { url: string; cleanup: () => Promise<void> } {
  const schema = `bench_jobs_${randomBytes(4).toString("hex")}`;
  return {
    url: `${base}${base.includes("?") ? "&" : "?"}schema=${schema}`,
    cleanup: async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

async function measure(provider: string, url: string, workers: number, jobCount: number): Promise<RunResult> {
  process.env.DATABASE_URL = url;
  process.env.LOG_LEVEL = "silent";
  const { migrateDatabase } = await import("../../app/db-migrate.server");
  const { createDb } = await import("../../app/db.server");
  const { enqueueJob } = await import("../../app/modules/jobs");
  await migrateDatabase(url);
  const db = createDb(url);

  const children = Array.from({ length: workers }, () => startWorkerProcess(url));
  await Promise.all(children.map((c) => c.ready));

  // Enqueue one by one, as webhooks do (each its own INSERT and commit).
  const enqueueStart = performance.now();
  for (let n = 0; n < jobCount; n++) await enqueueJob({ type: NOOP_TYPE, payload: { n } }, db);
  const enqueueSeconds = (performance.now() - enqueueStart) / 1000;

  const drainStart = performance.now();
  for (const child of children) child.go();
  const ranPerWorker = await Promise.all(children.map((c) => c.ran));
  const drainSeconds = (performance.now() - drainStart) / 1000;

  const succeeded = await db.job.count({ where: { status: "succeeded" } });
  const attemptsOverOne = await db.job.count({ where: { attempts: { gt: 1 } } });
  await db.$disconnect();
  if (succeeded !== jobCount) throw new Error(`only ${succeeded} of ${jobCount} jobs succeeded`);
  const totalRuns = ranPerWorker.reduce((a, b) => a + b, 0);
  return {
    provider,
    workers,
    jobs: jobCount,
    enqueuePerSecond: jobCount / enqueueSeconds,
    drainPerSecond: jobCount / drainSeconds,
    ranPerWorker,
    doubleRuns: totalRuns - jobCount + attemptsOverOne,
  };
}

function startWorkerProcess(url: string) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(import.meta.url), "--worker", "--concurrency", values.concurrency],
    {
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent" },
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  let markReady!: () => void;
  let reportRan!: (n: number) => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const ran = new Promise<number>((resolve, reject) => {
    reportRan = resolve;
    child.on("exit", (code) => code !== 0 && reject(new Error(`bench worker exited with ${code}`)));
  });
  lines.on("line", (line) => {
    if (line === "ready") markReady();
    const match = /^ran (\d+)$/.exec(line);
    if (match) reportRan(Number(match[1]));
  });
  return { ready, ran, go: () => child.stdin!.write("go\n") };
}
