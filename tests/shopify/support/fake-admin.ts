// Test doubles for the Admin API transport and for time: a transport that answers from a script, and a
// clock whose sleep only records how long the gateway chose to wait.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { AdminClock, AdminGraphql } from "~/modules/shopify";

/** A response body from tests/fixtures/shopify, parsed so a test can change it before use. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reaches into the body it changes
export function adminFixture<T = Record<string, any>>(name: string): T {
  return JSON.parse(
    readFileSync(path.join(process.cwd(), "tests", "fixtures", "shopify", `${name}.json`), "utf8"),
  ) as T;
}

/** One scripted answer: a JSON body (sent as HTTP 200), a Response, or something for the transport to throw. */
export type ScriptedAnswer = { body: unknown } | { response: Response } | { throws: unknown };

export interface ScriptedGraphql extends AdminGraphql {
  calls: { query: string; variables: Record<string, unknown> }[];
}

/** Answers calls in order; the last answer repeats once the script runs out. */
export function scriptedGraphql(...answers: ScriptedAnswer[]): ScriptedGraphql {
  const calls: ScriptedGraphql["calls"] = [];
  const graphql = (async (query: string, options?: { variables?: Record<string, unknown> }) => {
    calls.push({ query, variables: options?.variables ?? {} });
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
    if ("throws" in answer) throw answer.throws;
    if ("response" in answer) return answer.response.clone();
    return new Response(JSON.stringify(answer.body), { status: 200, headers: { "Content-Type": "application/json" } });
  }) as ScriptedGraphql;
  graphql.calls = calls;
  return graphql;
}

export interface ManualClock extends AdminClock {
  /** Every wait the gateway asked for, in milliseconds. */
  slept: number[];
}

/** Time stands still except when the gateway sleeps, which moves it forward at once. */
export function manualClock(start = Date.parse("2026-07-01T09:00:00Z")): ManualClock {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

/** The object @shopify/shopify-api throws for an HTTP error answer (HttpResponseError), reduced to what is read. */
export function httpResponseError(code: number, retryAfter?: number): Error {
  return Object.assign(new Error(`Received an error response (${code}) from Shopify`), {
    name: "HttpResponseError",
    response: { code, statusText: "", body: { errors: `status ${code}` }, headers: {} },
    ...(retryAfter === undefined ? {} : { retryAfter }),
  });
}

/** The object @shopify/shopify-api throws when a 200 answer carries GraphQL errors (GraphqlQueryError). */
export function graphqlQueryError(body: { errors: unknown[]; extensions?: unknown; data?: unknown }): Error {
  return Object.assign(new Error("GraphQL operation failed"), {
    name: "GraphqlQueryError",
    response: new Response(null, { status: 200 }),
    body: {
      data: body.data,
      extensions: body.extensions,
      errors: {
        networkStatusCode: 200,
        message: "GraphQL Client: An error occurred while fetching from the API. Review 'graphQLErrors' for details.",
        graphQLErrors: body.errors,
      },
    },
  });
}
