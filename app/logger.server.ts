// Structured logs (pino). Always pass the shop and, where there is one, the request or job id.
// Production writes one JSON object a line. The demo, watched by a person in a terminal, writes the same
// records as short human lines (time, level, module, message, a few fields); LOG_FORMAT=json keeps JSON there.
import pino, { type DestinationStream } from "pino";

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
  },
  humanLogs ? humanStream() : undefined,
);

export function loggerFor(bindings: { shop?: string | null; requestId?: string; jobId?: string; module?: string }) {
  return logger.child(bindings);
}
