// Structured logs (pino). Always pass the shop and, where there is one, the request or job id.
import pino from "pino";

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { app: "kundrost" },
  redact: {
    paths: ["email", "*.email", "accessToken", "*.accessToken", "payload.customer.email"],
    censor: "[redacted]",
  },
});

export function loggerFor(bindings: { shop?: string | null; requestId?: string; jobId?: string; module?: string }) {
  return logger.child(bindings);
}
