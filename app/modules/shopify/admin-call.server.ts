// Sends one operation to the Admin API and turns whatever comes back into typed data or one of our errors.
// Every typed function in this module goes through here, so throttling, retries and error mapping are
// decided once. The transport is `admin.graphql` from shopify-app-remix (which throws on some answers and
// returns a Response on others), the demo stand-in or a test fake; all three are handled alike.
import { z } from "zod";
import { loggerFor } from "../../logger.server";
import type { AdminGraphql } from "./types";
import type { AdminOperation } from "./operation";
import { type CostBuckets, QueryCostSchema, processCostBuckets } from "./cost-buckets";
import { ShopifyAdminError, ShopifyGraphqlError, explainHttpStatus, type GraphqlErrorDetail } from "./errors";

export interface AdminClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface AdminCallOptions {
  /** Time source and wait; tests pass a manual clock so no real time passes. */
  clock?: AdminClock;
  /** Bucket estimates; the process-wide one unless a test brings its own. */
  buckets?: CostBuckets;
  maxThrottleRetries?: number;
  maxServerRetries?: number;
}

export const realClock: AdminClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const THROTTLE_BACKOFF_MS = 500;
const SERVER_BACKOFF_MS = 500;

const GraphqlResponseSchema = z.object({
  data: z.unknown().optional(),
  errors: z
    .array(
      z.object({
        message: z.string(),
        path: z.array(z.union([z.string(), z.number()])).optional(),
        extensions: z.object({ code: z.string().optional() }).passthrough().optional(),
      }),
    )
    .optional(),
  extensions: z.object({ cost: QueryCostSchema.optional() }).passthrough().optional(),
});

type Answer =
  { kind: "http"; status: number; body: unknown; retryAfterMs: number | null } | { kind: "none"; error: unknown };

export async function callAdminOperation<TVariables extends Record<string, unknown>, TData>(
  graphql: AdminGraphql,
  shop: string,
  operation: AdminOperation<TVariables, TData>,
  variables: TVariables,
  options: AdminCallOptions = {},
): Promise<TData> {
  const clock = options.clock ?? realClock;
  const buckets = options.buckets ?? processCostBuckets;
  const maxThrottleRetries = options.maxThrottleRetries ?? 5;
  const maxServerRetries = options.maxServerRetries ?? 3;
  const log = loggerFor({ shop, module: "shopify" }).child({ operation: operation.name });
  const fail = (input: {
    message: string;
    status: number | null;
    terminal: boolean;
    code?: string;
    retryAfter?: number;
    cause?: unknown;
  }) => new ShopifyAdminError({ ...input, operation: operation.name, shop });

  let throttleRetries = 0;
  let serverRetries = 0;
  let backoffMs = 0;

  for (;;) {
    const cost = buckets.expectedCost(operation.name, operation.estimatedCost);
    const waitMs = Math.max(backoffMs, buckets.delayBefore(shop, cost, clock.now()));
    if (waitMs > 0) {
      log.info({ waitMs, cost, available: buckets.available(shop, clock.now()) }, "waiting for Shopify's cost bucket");
      await clock.sleep(waitMs);
    }
    backoffMs = 0;

    buckets.reserve(shop, cost);
    let answer: Answer;
    try {
      answer = await send(graphql, operation.document, variables);
    } finally {
      buckets.release(shop, cost);
    }

    if (answer.kind === "none") {
      if (operation.idempotent && serverRetries < maxServerRetries) {
        serverRetries += 1;
        backoffMs = SERVER_BACKOFF_MS * 2 ** (serverRetries - 1);
        log.warn({ err: describe(answer.error), retry: serverRetries, backoffMs }, "no answer from Shopify, retrying");
        continue;
      }
      throw fail({
        message: `No answer from Shopify for ${operation.name}: ${describe(answer.error)}`,
        status: null,
        terminal: false,
        cause: answer.error,
      });
    }

    const { status } = answer;
    const parsed = GraphqlResponseSchema.safeParse(answer.body);
    const response = parsed.success ? parsed.data : undefined;
    const queryCost = response?.extensions?.cost;
    if (queryCost) {
      buckets.observe(shop, queryCost.throttleStatus, clock.now());
      buckets.learnCost(operation.name, queryCost.requestedQueryCost);
      log.debug(
        {
          requested: queryCost.requestedQueryCost,
          actual: queryCost.actualQueryCost,
          available: queryCost.throttleStatus.currentlyAvailable,
        },
        "admin call cost",
      );
    }
    const errors: GraphqlErrorDetail[] = (response?.errors ?? []).map((e) => ({
      message: e.message,
      code: e.extensions?.code ?? null,
      path: e.path ?? null,
    }));

    const throttled = status === 429 || (status < 300 && errors.some((e) => e.code === "THROTTLED"));
    if (throttled) {
      if (throttleRetries < maxThrottleRetries) {
        throttleRetries += 1;
        backoffMs = Math.max(answer.retryAfterMs ?? 0, THROTTLE_BACKOFF_MS * 2 ** (throttleRetries - 1));
        log.warn(
          { retry: throttleRetries, backoffMs, available: queryCost?.throttleStatus.currentlyAvailable },
          "throttled by Shopify, retrying",
        );
        continue;
      }
      const refillMs = buckets.delayBefore(shop, cost, clock.now());
      throw fail({
        message: `${explainHttpStatus(429)} ${operation.name} gave up after ${throttleRetries} retries.`,
        status: 429,
        terminal: false,
        code: "THROTTLED",
        retryAfter: Math.max(1, Math.ceil(Math.max(refillMs, answer.retryAfterMs ?? 0) / 1000)),
      });
    }

    const serverError = status >= 500 || (status < 300 && errors.some((e) => e.code === "INTERNAL_SERVER_ERROR"));
    if (serverError) {
      if (operation.idempotent && serverRetries < maxServerRetries) {
        serverRetries += 1;
        backoffMs = SERVER_BACKOFF_MS * 2 ** (serverRetries - 1);
        log.warn({ status, retry: serverRetries, backoffMs }, "Shopify internal error, retrying");
        continue;
      }
      throw fail({
        message: `${explainHttpStatus(status >= 500 ? status : 500)} ${operation.name} was not completed.`,
        status,
        terminal: false,
        code: "INTERNAL_SERVER_ERROR",
      });
    }

    if (status >= 400) {
      log.warn({ status }, "Shopify refused the call");
      throw fail({ message: `${explainHttpStatus(status)} (${operation.name})`, status, terminal: true });
    }

    if (errors.length > 0) {
      // Query errors (a bad document, a missing scope, too costly) repeat identically on every retry.
      log.warn({ errors }, "GraphQL errors from Shopify");
      throw new ShopifyGraphqlError({ operation: operation.name, shop, errors, terminal: true });
    }

    const data = operation.data.safeParse(response?.data);
    if (!data.success) {
      log.error({ issues: data.error.issues.slice(0, 5) }, "unexpected response shape");
      throw fail({
        message: `Shopify's answer to ${operation.name} did not have the expected shape: ${data.error.issues[0]?.path.join(".")} ${data.error.issues[0]?.message}`,
        status,
        terminal: true,
      });
    }
    return data.data;
  }
}

async function send(graphql: AdminGraphql, document: string, variables: Record<string, unknown>): Promise<Answer> {
  let response: Response;
  try {
    response = await graphql(document, { variables });
  } catch (thrown) {
    return answerFromThrown(thrown);
  }
  return {
    kind: "http",
    status: response.status,
    body: await readJson(response),
    retryAfterMs: retryAfterOf(response.headers.get("Retry-After")),
  };
}

// shopify-app-remix reports failures by throwing: a Response (embedded requests, after its own handling),
// an HttpResponseError-like object with `response.code`, or a GraphqlQueryError-like one with `body`.
async function answerFromThrown(thrown: unknown): Promise<Answer> {
  if (thrown instanceof Response) {
    // A redirect or a "retry with a new session token" answer is App Bridge's re-auth flow, not an API
    // failure: it must reach the browser untouched. https://shopify.dev/docs/apps/build/authentication-authorization/session-tokens
    if ((thrown.status >= 300 && thrown.status < 400) || thrown.headers.has("X-Shopify-Retry-Invalid-Session-Request"))
      throw thrown;
    return {
      kind: "http",
      status: thrown.status,
      body: await readJson(thrown),
      retryAfterMs: retryAfterOf(thrown.headers.get("Retry-After")),
    };
  }
  const shaped = ThrownByShopifyApiSchema.safeParse(thrown);
  if (shaped.success) {
    const { response, body, retryAfter } = shaped.data;
    if (response && typeof response.code === "number") {
      return {
        kind: "http",
        status: response.code,
        body: response.body,
        retryAfterMs: retryAfter !== undefined ? retryAfter * 1000 : null,
      };
    }
    if (body?.errors?.graphQLErrors) {
      return {
        kind: "http",
        status: 200,
        body: { data: body.data, errors: body.errors.graphQLErrors, extensions: body.extensions },
        retryAfterMs: null,
      };
    }
  }
  return { kind: "none", error: thrown };
}

const ThrownByShopifyApiSchema = z.object({
  retryAfter: z.number().optional(),
  response: z.object({ code: z.unknown(), body: z.unknown() }).partial().optional(),
  body: z
    .object({
      data: z.unknown().optional(),
      extensions: z.unknown().optional(),
      errors: z
        .object({ graphQLErrors: z.array(z.unknown()).optional() })
        .passthrough()
        .optional(),
    })
    .optional(),
});

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => "");
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function retryAfterOf(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
