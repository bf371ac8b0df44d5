// Which failures are worth retrying. A retry cannot fix a shop that uninstalled us, stopped paying or
// revoked a scope, so those fail the job at once instead of burning its attempts over hours.
// Status codes: https://shopify.dev/docs/api/usage/response-codes

/** Throw from a job to fail it now, without further attempts; the message is kept as the job's lastError. */
export class TerminalJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "TerminalJobError";
  }
}

/**
 * Throw from a job to stop it without failing it: it is recorded as cancelled, exactly like the shop's pending
 * work when the app is uninstalled (cancelPendingJobs), so resumeCancelledJobs queues it again on reinstall.
 */
export class JobCancelledError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JobCancelledError";
  }
}

/** A job's payload does not match its schema (at enqueue: thrown to the caller; at run: a terminal failure). */
export class InvalidJobPayloadError extends TerminalJobError {
  constructor(type: string, problems: string) {
    super(`Invalid payload for job "${type}": ${problems}`);
    this.name = "InvalidJobPayloadError";
  }
}

// 401 token revoked (uninstalled), 402 shop frozen for unpaid bills, 403 scope or plan forbids it,
// 404 shop gone, 423 shop locked (fraud or a Shopify hold).
const TERMINAL_HTTP_STATUSES = new Set([401, 402, 403, 404, 423]);
// GraphQL answers 200 with these codes when the token lacks a scope or the shop can no longer be used.
const TERMINAL_GRAPHQL_CODES = new Set(["ACCESS_DENIED", "SHOP_INACTIVE"]);

function statusOf(err: Record<string, unknown>): number | undefined {
  // @shopify/shopify-api HttpResponseError: { response: { code } }; GraphqlQueryError: { response: fetch Response }.
  const response = err.response as Record<string, unknown> | undefined;
  if (response && typeof response === "object") {
    if (typeof response.code === "number") return response.code;
    if (typeof response.status === "number" && response.status !== 200) return response.status;
  }
  return undefined;
}

function graphqlCodesOf(err: Record<string, unknown>): string[] {
  const body = err.body as { errors?: { graphQLErrors?: { extensions?: { code?: unknown } }[] } } | undefined;
  const graphQLErrors = body?.errors?.graphQLErrors ?? [];
  return graphQLErrors.map((e) => e.extensions?.code).filter((code): code is string => typeof code === "string");
}

/**
 * True when retrying cannot help: TerminalJobError, an error with `terminal: true` (the Admin API gateway's
 * ShopifyAdminError), the shop has no offline session any more (uninstalled; shopify-app-remix throws
 * SessionNotFoundError), or the Admin API answered 401/402/403/404/423 — whether as
 * @shopify/shopify-api's HttpResponseError, a GraphqlQueryError, or a thrown fetch Response.
 * Matched on names and shapes, not instanceof, because the library ships both CJS and ESM builds.
 */
export function isTerminalError(err: unknown): boolean {
  if (err instanceof TerminalJobError) return true;
  if (typeof Response !== "undefined" && err instanceof Response) return TERMINAL_HTTP_STATUSES.has(err.status);
  if (!err || typeof err !== "object") return false;
  const record = err as Record<string, unknown>;
  if (record.name === "TerminalJobError" || record.name === "InvalidJobPayloadError") return true;
  // shopify-app-remix's SessionNotFoundError does not set `name`: its class name is the only mark.
  if (record.name === "SessionNotFoundError" || (err as object).constructor?.name === "SessionNotFoundError")
    return true;
  // Errors that know they are final say so (the Admin API gateway's ShopifyAdminError carries `terminal`).
  if (record.terminal === true) return true;
  const status = statusOf(record);
  if (status !== undefined && TERMINAL_HTTP_STATUSES.has(status)) return true;
  if (graphqlCodesOf(record).some((code) => TERMINAL_GRAPHQL_CODES.has(code))) return true;
  return false;
}

/** Seconds Shopify asked us to wait (HttpThrottlingError.retryAfter), if it said. */
export function retryAfterMs(err: unknown): number | undefined {
  if (!err || typeof err !== "object") return undefined;
  const retryAfter = (err as { retryAfter?: unknown }).retryAfter;
  return typeof retryAfter === "number" && retryAfter > 0 ? retryAfter * 1000 : undefined;
}

const MAX_FAILURE_TEXT = 500;

/**
 * What a person reading Job.lastError or WebhookEvent.error needs: one short line, the error's own words and
 * its class and code, e.g.
 * `Unique constraint failed on the fields: (\`uniqueKey\`) [PrismaClientKnownRequestError P2002]`.
 * Never the stack, and never the code frame Prisma puts in its messages (the calling line of our bundled or
 * minified source): the log line written beside it has the whole error.
 */
export function describeFailure(error: unknown): string {
  if (typeof Response !== "undefined" && error instanceof Response)
    return `HTTP ${error.status} ${error.statusText}`.trim();
  if (!error || typeof error !== "object") return oneLine(String(error)) || "Unknown error";
  const record = error as { message?: unknown; code?: unknown; name?: unknown };
  const className =
    (error as object).constructor?.name && (error as object).constructor.name !== "Object"
      ? (error as object).constructor.name
      : typeof record.name === "string"
        ? record.name
        : "Error";
  const code = typeof record.code === "string" || typeof record.code === "number" ? String(record.code) : null;
  const message = humanLine(typeof record.message === "string" ? record.message : String(error));
  const tag = `[${className}${code ? ` ${code}` : ""}]`;
  const room = MAX_FAILURE_TEXT - tag.length - 1;
  return `${message.length > room ? `${message.slice(0, room - 1)}…` : message} ${tag}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

// Prisma's messages open with "Invalid `prisma.x.y()` invocation in <file>:<line>" and a code frame, and end
// with the reason; other errors say it in their first line.
function humanLine(message: string): string {
  const lines = message
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length === 0) return "No message";
  const isPrismaFrame = /^Invalid `.*` invocation/.test(lines[0]) || /invocation in$/.test(lines[0]);
  return oneLine(isPrismaFrame ? lines[lines.length - 1] : lines[0]);
}
