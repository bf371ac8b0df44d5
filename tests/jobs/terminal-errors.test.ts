import { GraphqlQueryError, HttpResponseError, HttpThrottlingError, HttpInternalError } from "@shopify/shopify-api";
import { isTerminalError, retryDelayMs, TerminalJobError } from "~/modules/jobs";

const httpError = (code: number) =>
  new HttpResponseError({ message: `Received an error response (${code}) from Shopify`, code, statusText: "x" });

describe("which job errors are terminal", () => {
  it.each([401, 402, 403, 404, 423])("stops retrying when the Admin API answers %i", (code) => {
    expect(isTerminalError(httpError(code))).toBe(true);
    expect(isTerminalError(new Response(null, { status: code }))).toBe(true);
  });

  it("keeps retrying on throttling, Shopify outages and network trouble", () => {
    expect(
      isTerminalError(
        new HttpThrottlingError({ message: "throttled", code: 429, statusText: "Too Many Requests", retryAfter: 2 }),
      ),
    ).toBe(false);
    expect(
      isTerminalError(new HttpInternalError({ message: "oops", code: 503, statusText: "Service Unavailable" })),
    ).toBe(false);
    expect(isTerminalError(httpError(400))).toBe(false);
    expect(isTerminalError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))).toBe(false);
    expect(isTerminalError("a string")).toBe(false);
    expect(isTerminalError(undefined)).toBe(false);
  });

  it("stops on TerminalJobError, an uninstalled shop and errors that say they are terminal", () => {
    expect(isTerminalError(new TerminalJobError("The order was deleted."))).toBe(true);
    const sessionGone = Object.assign(new Error("Could not find a session for shop x.myshopify.com"), {
      name: "SessionNotFoundError",
    });
    expect(isTerminalError(sessionGone)).toBe(true);
    expect(
      isTerminalError(Object.assign(new Error("Shopify refused discountCodeBasicCreate"), { terminal: true })),
    ).toBe(true);
    expect(isTerminalError(Object.assign(new Error("Shopify is busy"), { terminal: false }))).toBe(false);
  });

  it("stops on a GraphQL ACCESS_DENIED answer but not on a THROTTLED one", () => {
    const graphqlError = (code: string) =>
      new GraphqlQueryError({
        message: code,
        response: new Response("{}", { status: 200 }) as unknown as Record<string, unknown>,
        body: { errors: { graphQLErrors: [{ message: code, extensions: { code } }] } },
      });
    expect(isTerminalError(graphqlError("ACCESS_DENIED"))).toBe(true);
    expect(isTerminalError(graphqlError("THROTTLED"))).toBe(false);
  });
});

describe("retry backoff", () => {
  it("grows exponentially, keeps at least half of each step and stops growing at the cap", () => {
    const lowest = (attempt: number) => retryDelayMs(attempt, () => 0);
    const highest = (attempt: number) => retryDelayMs(attempt, () => 1);
    expect([1, 2, 3, 4].map(lowest)).toEqual([7_500, 15_000, 30_000, 60_000]);
    expect([1, 2, 3, 4].map(highest)).toEqual([15_000, 30_000, 60_000, 120_000]);
    expect(highest(30)).toBe(60 * 60_000);
    expect(lowest(30)).toBe(30 * 60_000);
  });
});
