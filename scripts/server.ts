// The app's HTTP server: express in front of the Remix production build (build/index.js from `remix build`),
// with webhooks answered ahead of both by the intake's own handler. `npm start` runs it as a web process; the
// demo, the e2e tests and the webhook benchmark start it in-process with `startAppServer`. Background jobs run in
// `npm run worker` processes, or in-process with `withWorker`.
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { spawnSync } from "node:child_process";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { isLocalMode, readEnv, shopifyCredentials } from "../app/config.server";
import db from "../app/db.server";
import { logger } from "../app/logger.server";
import { createWebhookRequestHandler, isWebhookRequest } from "../app/modules/webhooks";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BUILD_ENTRY = path.join(ROOT, "build", "index.js");

export interface AppServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Also run the jobs worker in this process (the demo and the e2e tests do; production runs `npm run worker`). */
  withWorker?: boolean;
  /** Interface to listen on; 127.0.0.1 unless told otherwise (`npm start` listens on every interface). */
  host?: string;
}

export interface AppServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

// A caller-supplied id is kept so one id follows a request through a load balancer's logs and ours.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export async function startAppServer(options: AppServerOptions = {}): Promise<AppServer> {
  const env = readEnv();
  const host = options.host ?? "127.0.0.1";
  const app = express();
  app.disable("x-powered-by");
  // Behind a load balancer on a private network: take the client's protocol and host from X-Forwarded-*.
  app.set("trust proxy", "loopback, linklocal, uniquelocal");

  app.use((req, res, next) => {
    const header = req.get("x-request-id");
    const requestId = header && REQUEST_ID.test(header) ? header : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader("X-Request-Id", requestId);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // The path only: query strings carry shop domains, HMACs and review tokens.
      logger.info(
        { requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 },
        "request",
      );
    });
    next();
  });

  app.get("/healthz", async (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    try {
      await db.$queryRawUnsafe("SELECT 1");
      res.status(200).json({ status: "ok" });
    } catch (error) {
      logger.error({ err: error, requestId: res.locals.requestId }, "health check: database unreachable");
      res.status(503).json({ status: "unavailable", reason: "database unreachable" });
    }
  });

  // Remix fingerprints everything under /build, so those files may be cached for good.
  app.use("/build", express.static(path.join(ROOT, "public", "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(ROOT, "public"), { maxAge: "1h" }));

  // Webhooks skip express and Remix: verified, recorded and answered by the intake alone (app/modules/webhooks).
  const webhooks = createWebhookRequestHandler({ secret: shopifyCredentials(env).apiSecretKey });
  const server = createServer((req, res) => (isWebhookRequest(req) ? webhooks(req, res) : app(req, res)));
  server.listen(options.port ?? 0, host);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host === "0.0.0.0" || host === "::" ? "localhost" : host}:${port}`;

  // Locally (demo, tests) the app's own URL is only known now that the port is; the Shopify config and the
  // links in emails read it when the build is first loaded. Production always sets SHOPIFY_APP_URL.
  if (isLocalMode(env) && !env.SHOPIFY_APP_URL) process.env.SHOPIFY_APP_URL = url;

  const build = await loadBuild();
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV === "development" ? "development" : "production",
      getLoadContext: (_req, res) => ({ requestId: res.locals.requestId as string }),
    }),
  );

  const worker = options.withWorker ? await startInProcessWorker() : null;
  logger.info({ url, withWorker: Boolean(worker) }, "app server listening");

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    close: () => (closing ??= closeAll(server, worker)),
  };
}

// Loaded on demand: a web-only process has no use for the worker loop.
async function startInProcessWorker(): Promise<{ stop(): Promise<void> }> {
  const { startBackgroundWork } = await import("../app/background.server");
  return startBackgroundWork({ workerId: `web-${process.pid}` });
}

async function closeAll(server: Server, worker: { stop(): Promise<void> } | null): Promise<void> {
  await worker?.stop();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    // Keep-alive connections from a client that never hangs up would hold shutdown open forever.
    setTimeout(() => server.closeAllConnections(), 2_000).unref();
  });
}

async function loadBuild(): Promise<ServerBuild> {
  if (!existsSync(BUILD_ENTRY)) {
    throw new Error(`The Remix build is missing (${path.relative(ROOT, BUILD_ENTRY)}). Run \`npm run build\` first.`);
  }
  return (await import(pathToFileURL(BUILD_ENTRY).href)) as ServerBuild;
}

/** True when build/index.js is missing or older than anything it is compiled from. */
export function appBuildIsStale(): boolean {
  if (!existsSync(BUILD_ENTRY)) return true;
  const built = statSync(BUILD_ENTRY).mtimeMs;
  const sources = [path.join(ROOT, "app"), path.join(ROOT, "remix.config.js"), path.join(ROOT, "package-lock.json")];
  return sources.some((source) => newestMtime(source) > built);
}

function newestMtime(file: string): number {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(file)) newest = Math.max(newest, newestMtime(path.join(file, entry)));
  return newest;
}

/** Runs `remix build` when the build is missing or stale (the demo and the e2e tests call this first). */
export function ensureAppBuild(): void {
  if (!appBuildIsStale()) return;
  const result = spawnSync(path.join(ROOT, "node_modules", ".bin", "remix"), ["build"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) {
    throw new Error(`remix build failed:\n${result.stdout}\n${result.stderr}`);
  }
}

// `npm start`: a web process on PORT (default 3000), every interface. `--with-worker` also runs the jobs
// worker here, for a single-process install; otherwise run `npm run worker` beside it.
if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const env = readEnv();
  const server = await startAppServer({
    port: Number(env.PORT ?? 3000),
    host: "0.0.0.0",
    withWorker: process.argv.includes("--with-worker"),
  });
  console.log(`Kundröst is listening on ${server.url}`);
  const shutdown = async (signal: string) => {
    logger.info({ signal }, "shutting down");
    await server.close();
    await db.$disconnect();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}
