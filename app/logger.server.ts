// Structured logs (pino). Always pass the shop and, where there is one, the request or job id.
// Production writes one JSON object a line. The demo, watched by a person in a terminal, writes the same
// records as short human lines (time, level, module, message, a few fields); LOG_FORMAT=json keeps JSON there.
//
// Nothing secret reaches a log line: review-request tokens travel in the path (/r/<token>) and a token lets its
// holder post a verified review and read the shopper's name; a review link's token (/rv/<token>) lets its holder
// change the review and stop the shop's emails, so every string a line carries (the message, any
// field, an error's message and stack) goes through redactSecrets first.
import { format } from "node:util";
import pino, { type DestinationStream } from "pino";

/**
 * Path segments that are credentials, by the route that carries them. A new route with a secret in its path
 * adds its pattern here; the first group is kept, the secret becomes "[redacted]".
 */
const SECRET_PATH_SEGMENTS: RegExp[] = [
  // /r/<review-request token>/... (app/routes/r.$token*)
  /(\/r\/)[^/?#\s"'<>]+/g,
  // /rv/<review link token>/... (app/routes/rv.$token*: update a review, unsubscribe from a reply email)
  /(\/rv\/)[^/?#\s"'<>]+/g,
  // /feeds/google-reviews/<feed secret> (app/routes/feeds.google-reviews.$token)
  /(\/feeds\/google-reviews\/)[^/?#\s"'<>]+/g,
];
// A token on its own (e.g. quoted in an error message): a review-request token "1.<claims>.<signature>" or a
// review link token "rv1.<claims>.<signature>", in base64url.
const TOKEN_SHAPE = /\b(?:rv)?1\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{32,}/g;

export function redactSecrets(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATH_SEGMENTS) out = out.replace(pattern, "$1[redacted]");
  return out.replace(TOKEN_SHAPE, "[redacted]");
}

function scrub(value: unknown, depth: number): unknown {
  if (typeof value === "string") return redactSecrets(value);
  if (value === null || typeof value !== "object" || depth > 6) return value;
  if (value instanceof Error) return scrub(pino.stdSerializers.err(value), depth + 1);
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = scrub(item, depth + 1);
  return out;
}

const LEVEL_NAMES: Record<number, string> = {
  10: "TRACE",
  20: "DEBUG",
  30: "INFO",
  40: "WARN",
  50: "ERROR",
  60: "FATAL",
};
// Fields that are part of every record or printed in their own place, not repeated as key=value.
const PLACED = new Set(["level", "time", "msg", "app", "pid", "hostname", "module", "err"]);

/** One pino record as a line a person reads: "09:31:02 WARN  requests  message  key=value". */
export function humanLogLine(record: Record<string, unknown>): string {
  const time = new Date(typeof record.time === "number" ? record.time : Date.now()).toTimeString().slice(0, 8);
  const level = (LEVEL_NAMES[record.level as number] ?? String(record.level)).padEnd(5);
  const module = typeof record.module === "string" ? `${record.module}  ` : "";
  const fields = Object.entries(record)
    .filter(([key, value]) => !PLACED.has(key) && value !== undefined && value !== null)
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" ");
  const err = record.err as { message?: string; stack?: string } | undefined;
  // A stack only for real errors; a warning (a 404, a refused webhook) stays one line.
  const errText = err
    ? (record.level as number) >= 50 && err.stack
      ? `\n${err.stack}`
      : `  (${err.message ?? "error"})`
    : "";
  return `${time} ${level} ${module}${record.msg ?? ""}${fields ? `  ${fields}` : ""}${errText}\n`;
}

function humanStream(): DestinationStream {
  return {
    write(line: string) {
      try {
        process.stdout.write(humanLogLine(JSON.parse(line) as Record<string, unknown>));
      } catch {
        process.stdout.write(line);
      }
    },
  };
}

const humanLogs =
  process.env.KUNDROST_DEMO === "1" && process.env.LOG_FORMAT !== "json" && process.env.NODE_ENV !== "test";

export const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
    base: { app: "kundrost" },
    redact: {
      paths: ["email", "*.email", "accessToken", "*.accessToken", "payload.customer.email"],
      censor: "[redacted]",
    },
    formatters: { log: (object) => scrub(object, 0) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === "string" ? redactSecrets(arg) : arg)) as Parameters<typeof method>,
        );
      },
    },
  },
  humanLogs ? humanStream() : undefined,
);

type LoggerBindings = { shop?: string | null; requestId?: string; jobId?: string; module?: string };

export function loggerFor(bindings: LoggerBindings) {
  return logger.child(bindings);
}

/**
 * loggerFor(bindings), made once and kept, for lines written often with the same bindings (a library's own log):
 * made on the first line, not when the importing module loads, and made again only when the logger's child factory
 * is no longer the one that made it, which is how a test captures lines (tests/support/capture-logs.ts).
 */
export function keptLoggerFor(bindings: LoggerBindings): () => ReturnType<typeof loggerFor> {
  let kept: { log: ReturnType<typeof loggerFor>; madeBy: typeof logger.child } | undefined;
  return () => {
    if (kept?.madeBy !== logger.child) kept = { log: loggerFor(bindings), madeBy: logger.child };
    return kept.log;
  };
}

let consoleRouted = false;

/**
 * Libraries warn on the console (React Router: "No routes matched location \"/r/<token>/...\""): in a server
 * process those warnings and errors go through the logger too, so they are structured and their secrets
 * redacted. console.log stays for what scripts print for people. Called by the web and worker processes at
 * start; tests keep the plain console.
 */
export function routeConsoleToLogger(): void {
  if (consoleRouted) return;
  consoleRouted = true;
  const log = logger.child({ source: "console" });
  console.warn = (...args: unknown[]) => log.warn(format(...args));
  console.error = (...args: unknown[]) => log.error(format(...args));
}
