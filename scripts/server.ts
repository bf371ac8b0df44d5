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
import { createRequire } from "node:module";
import { Transform } from "node:stream";
import express, { type Request as ExpressRequest, type Response as ExpressResponse } from "express";
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
  type ServerBuild,
} from "@remix-run/node";
import { isDemoMode, isLocalMode, readEnv, shopifyCredentials } from "../app/config.server";
import db from "../app/db.server";
import { logger, redactSecrets, routeConsoleToLogger } from "../app/logger.server";
import { createWebhookRequestHandler, isWebhookRequest } from "../app/modules/webhooks";
import { bodyLimitFor, describeByteLimit, mediaType, type BodyLimitRule } from "../app/request-limits.server";
import { buildShopperScripts, SHOPPER_SCRIPTS_MANIFEST } from "./shopper-scripts";
import { ArrivalOrder } from "./arrival-order";
import { defaultRenderThreads, RenderPool } from "./render-pool";
import {
  adminContentSecurityPolicy,
  APP_PROXY_SECURITY_HEADERS,
  isAdminPath,
  isAppProxyPath,
  isShopperPath,
  SHOPPER_PAGE_SECURITY_HEADERS,
} from "../app/security-headers.server";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BUILD_ENTRY = path.join(ROOT, "build", "index.js");

export interface AppServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Also run the jobs worker in this process (the demo and the e2e tests do; production runs `npm run worker`). */
  withWorker?: boolean;
  /** Interface to listen on; 127.0.0.1 unless told otherwise (`npm start` listens on every interface). */
  host?: string;
  /**
   * Worker threads that render admin page loads (scripts/render-pool.ts). Default: RENDER_THREADS, else one per
   * core (up to four) on a machine with more than one; tests default to none unless they ask.
   */
  renderThreads?: number;
}

export interface AppServer {
  url: string;
  port: number;
  /** The threads that render admin page loads; null when they render on the main thread. */
  renderPool: RenderPool | null;
  close(): Promise<void>;
}

// A caller-supplied id is kept so one id follows a request through a load balancer's logs and ours.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export async function startAppServer(options: AppServerOptions = {}): Promise<AppServer> {
  const env = readEnv();
  if (env.NODE_ENV !== "test") routeConsoleToLogger();
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
      // The path only (query strings carry shop domains and HMACs), with its secrets redacted (/r/<token>).
      logger.info(
        {
          requestId,
          method: req.method,
          path: redactSecrets(req.path),
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
        },
        "request",
      );
    });
    next();
  });

  // The server listens before the Remix build is loaded (locally the build needs the port); until it is, every
  // request, the health check included, is told to come back (a load balancer sends no traffic here before).
  let starting = true;
  app.use((_req, res, next) => {
    if (!starting) return next();
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("Retry-After", "1");
    res.status(503).type("text/plain; charset=utf-8").send("Kundröst is starting. Try again in a moment.");
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
  // The other public files (favicon.svg) have an extension; a page's path (/app/reviews) is not looked up on disk.
  const publicFiles = express.static(path.join(ROOT, "public"), { maxAge: "1h" });
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));

  // Shopper pages: no framing, sniffing, caching or Referer, on every response (refusals and errors too). App-proxy
  // answers: not cached, not sniffed. The admin: framed only by the shop's admin (or, in demo mode, by itself), on
  // every response; a rendered admin page narrows it to the signed-in shop (app/entry.server.tsx).
  app.use((req, res, next) => {
    if (isShopperPath(req.path))
      for (const [name, value] of Object.entries(SHOPPER_PAGE_SECURITY_HEADERS)) res.setHeader(name, value);
    if (isAppProxyPath(req.path))
      for (const [name, value] of Object.entries(APP_PROXY_SECURITY_HEADERS)) res.setHeader(name, value);
    if (isAdminPath(req.path)) {
      const shop = typeof req.query.shop === "string" ? req.query.shop : null;
      res.setHeader("Content-Security-Policy", adminContentSecurityPolicy({ demo: isDemoMode(), shop }));
    }
    next();
  });
  app.use(refuseBadBodies);

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
  const threads = options.renderThreads ?? (env.NODE_ENV === "test" ? 0 : defaultRenderThreads(env.RENDER_THREADS));
  // Created once SHOPIFY_APP_URL is known: a thread's environment is a copy of this one's.
  const pool = threads > 0 ? await RenderPool.start({ buildEntry: BUILD_ENTRY, size: threads }) : null;
  app.all("*", remixHandler(build, pool));
  starting = false;

  const worker = options.withWorker ? await startInProcessWorker() : null;
  logger.info({ url, withWorker: Boolean(worker), renderThreads: threads }, "app server listening");

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    renderPool: pool,
    close: () => (closing ??= closeAll(server, worker, pool)),
  };
}

/** A refusal of bad input: a 4xx with a message for a person, and one line in the log (not an error). */
function refuse(
  req: ExpressRequest,
  res: ExpressResponse,
  status: number,
  message: string,
  closeConnection = false,
): void {
  logger.info(
    { requestId: res.locals.requestId, method: req.method, path: redactSecrets(req.path), status, reason: message },
    "request refused",
  );
  if (res.headersSent) return;
  // The client may still be sending a body we will not read: answer, then hang up instead of draining it.
  // (Not with "Connection: close": node would then close the socket as soon as the answer is written.)
  if (closeConnection) res.once("finish", () => lingerThenClose(req));
  res.status(status).type("text/plain; charset=utf-8").send(message);
}

// Hanging up while the client is still sending makes its TCP stack drop our answer unread (a reset). Reading on
// for a moment, discarding what arrives (at most LINGER_BYTES, at most LINGER_MS), lets it read the answer first.
const LINGER_MS = 2_000;
const LINGER_BYTES = 16 * 1024 * 1024;

function lingerThenClose(req: ExpressRequest): void {
  if (req.complete) return void req.resume();
  let discarded = 0;
  const close = () => req.socket.destroy();
  const timer = setTimeout(close, LINGER_MS);
  timer.unref();
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > LINGER_BYTES) {
      clearTimeout(timer);
      close();
    }
  });
  // The whole body arrived after all (a small one): the connection is in step again and stays open, so a
  // client that reuses it (browsers, fetch's pool) is not cut off in the middle of its next request.
  req.once("end", () => clearTimeout(timer));
  req.resume();
}

function hasBody(req: ExpressRequest): boolean {
  return req.get("transfer-encoding") !== undefined || Number(req.get("content-length") ?? 0) > 0;
}

// Remix refuses an action whose Origin names another host than Host / X-Forwarded-Host (its CSRF check in
// @remix-run/server-runtime), but with a thrown Error: a 500 and an error log. The same rule is applied here
// first, as the 403 it is.
function crossOrigin(req: ExpressRequest): boolean {
  const origin = req.get("origin");
  if (origin === undefined) return false;
  let originHost: string;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    return true;
  }
  const host = req.get("x-forwarded-host")?.split(",")[0]?.trim() || req.get("host");
  return !host || originHost !== host;
}

/**
 * In front of Remix, before anyone is authenticated and before a byte of the body is read: the route kind's
 * body limit from a declared Content-Length (413), the body's type (415) and the action's origin (403).
 * A body without a Content-Length is capped while it streams (cappedBody).
 */
function refuseBadBodies(req: ExpressRequest, res: ExpressResponse, next: () => void): void {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const rule = bodyLimitFor(req.path, req.get("content-type"));
  res.locals.bodyLimit = rule;
  const declared = Number(req.get("content-length") ?? 0);
  if (declared > rule.maxBytes) {
    return refuse(req, res, 413, tooLargeMessage(rule), true);
  }
  if (hasBody(req) && !rule.contentTypes.includes(mediaType(req.get("content-type")))) {
    return refuse(req, res, 415, `Send this form as ${rule.contentTypes.join(" or ")}.`, true);
  }
  if (rule.originCheck !== "route" && crossOrigin(req)) {
    return refuse(req, res, 403, "This form was sent from another site, so it was not accepted.", true);
  }
  next();
}

function tooLargeMessage(rule: BodyLimitRule): string {
  return `This request is too large (at most ${describeByteLimit(rule.maxBytes)} for a ${rule.kind}).`;
}

/** The request body as Remix reads it, counted as it streams: past the limit, 413 and the connection closes. */
function cappedBody(req: ExpressRequest, res: ExpressResponse, rule: BodyLimitRule): ReadableStream<Uint8Array> {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen <= rule.maxBytes) return callback(null, chunk);
      refuse(req, res, 413, tooLargeMessage(rule), true);
      req.unpipe(counter);
      callback(Object.assign(new Error(`Request body over ${rule.maxBytes} bytes`), { status: 413 }));
    },
  });
  req.on("error", (error) => counter.destroy(error));
  req.pipe(counter);
  return createReadableStreamFromReadable(counter);
}

function requestHeaders(req: ExpressRequest): [string, string][] {
  const headers: [string, string][] = [];
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.push([name, one]);
  }
  return headers;
}

async function sendResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  // A header the route set replaces the server's default for it (e.g. the shopper pages' Cache-Control).
  for (const name of new Set(response.headers.keys())) res.removeHeader(name);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

function remixUrl(req: ExpressRequest): string {
  // req.hostname honours "trust proxy"; the port comes from X-Forwarded-Host or Host.
  const port = [req.get("x-forwarded-host"), req.get("host")]
    .map((host) => Number.parseInt(host?.split(":")[1] ?? "", 10))
    .find((n) => Number.isSafeInteger(n));
  return `${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`;
}

/**
 * The Remix build as an express handler (as @remix-run/express's, with the body capped). Remix always runs
 * in production mode here, the demo included: development mode puts stacks and file paths in error pages.
 */
function remixHandler(build: ServerBuild, pool: RenderPool | null) {
  const handle = createRequestHandler(build, "production");
  const arrivals = new ArrivalOrder();
  return async (req: ExpressRequest, res: ExpressResponse, next: (error?: unknown) => void) => {
    if (pool && (req.method === "GET" || req.method === "HEAD") && isAdminPath(req.path)) {
      return renderOnPool(pool, req, res, next);
    }
    try {
      await arrivals.turn();
      if (res.destroyed) return; // the client went away while its request waited
      const controller = new AbortController();
      res.on("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      const init: RequestInit & { duplex?: "half" } = {
        method: req.method,
        headers: new Headers(requestHeaders(req)),
        signal: controller.signal,
      };
      if (req.method !== "GET" && req.method !== "HEAD") {
        init.body = cappedBody(
          req,
          res,
          (res.locals.bodyLimit as BodyLimitRule | undefined) ?? bodyLimitFor(req.path, req.get("content-type")),
        );
        init.duplex = "half";
      }
      const response = await handle(new Request(remixUrl(req), init), { requestId: res.locals.requestId as string });
      if (res.headersSent) return; // refused while the body streamed
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

/** An admin page load, rendered by the pool; the answer is written as it arrives. */
function renderOnPool(
  pool: RenderPool,
  req: ExpressRequest,
  res: ExpressResponse,
  next: (error?: unknown) => void,
): void {
  const abandon = pool.render(
    {
      method: req.method as "GET" | "HEAD",
      url: remixUrl(req),
      headers: requestHeaders(req),
      requestId: res.locals.requestId as string,
    },
    {
      head(status, statusText, responseHeaders) {
        res.statusMessage = statusText;
        res.status(status);
        // A header the route set replaces the server's default for it, as in sendResponse.
        for (const [name] of responseHeaders) res.removeHeader(name);
        for (const [name, value] of responseHeaders) res.append(name, value);
      },
      chunk(bytes) {
        res.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      },
      end() {
        res.end();
      },
      fail(error) {
        if (res.headersSent) res.destroy(error);
        else next(error);
      },
    },
  );
  res.on("close", () => {
    if (!res.writableFinished) abandon();
  });
}

// Loaded on demand: a web-only process has no use for the worker loop.
async function startInProcessWorker(): Promise<{ stop(): Promise<void> }> {
  const { startBackgroundWork } = await import("../app/background.server");
  return startBackgroundWork({ workerId: `web-${process.pid}` });
}

async function closeAll(
  server: Server,
  worker: { stop(): Promise<void> } | null,
  pool: RenderPool | null,
): Promise<void> {
  await worker?.stop();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    // Keep-alive connections from a client that never hangs up would hold shutdown open forever.
    setTimeout(() => server.closeAllConnections(), 2_000).unref();
  });
  await pool?.close();
}

async function loadBuild(): Promise<ServerBuild> {
  if (!existsSync(BUILD_ENTRY)) {
    throw new Error(`The Remix build is missing (${path.relative(ROOT, BUILD_ENTRY)}). Run \`npm run build\` first.`);
  }
  // The build is an ES module with React compiled in (remix.config.js): the CommonJS inside it asks for Node's
  // built-ins (react-dom/server needs "stream", "util") through esbuild's require shim, which uses the global
  // require when there is one, as a CommonJS program has.
  const global = globalThis as { require?: NodeJS.Require };
  global.require ??= createRequire(BUILD_ENTRY);
  return (await import(pathToFileURL(BUILD_ENTRY).href)) as ServerBuild;
}

/** True when build/index.js (or the shopper scripts' manifest) is missing or older than anything it is built from. */
export function appBuildIsStale(): boolean {
  if (!existsSync(BUILD_ENTRY) || !existsSync(SHOPPER_SCRIPTS_MANIFEST)) return true;
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

/**
 * Runs `remix build`, then bundles the shopper scripts (remix empties public/build), when the build is missing or
 * stale (the demo and the e2e tests call this first).
 */
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
  buildShopperScripts();
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
