// The Shopify libraries log through the app's logger (app/shopify.server.ts). Their version banner went to
// console.log once for each copy of the module a process loads: four lines when the demo started (the seed's
// import, the build, two render threads). It is a debug record now; their warnings and errors keep their levels.
import { LogSeverity } from "@shopify/shopify-app-remix/server";
import { logger } from "~/logger.server";
import { captureLogs } from "../support/capture-logs";

/** The children of the app's logger made for the Shopify libraries since captureLogs swapped the factory. */
const shopifyChildren = () =>
  vi.mocked(logger.child).mock.calls.filter(([bindings]) => (bindings as { module?: string }).module === "shopify");

afterEach(() => vi.restoreAllMocks());

describe("the Shopify libraries' log", () => {
  it("gives the version banner to the app's logger at debug when the module loads, not to the console", async () => {
    const printed = vi.spyOn(console, "log");
    const logs = captureLogs("debug");
    // The first import in this file: shopifyApp runs now, while the logs are captured.
    await import("~/shopify.server");
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        level: 20,
        module: "shopify",
        package: "shopify-api",
        msg: expect.stringMatching(/^version \d+\.\d+\.\d+, environment Remix/),
      }),
    );
    expect(printed.mock.calls.flat().join("\n")).not.toContain("shopify-api");
  });

  it("keeps warnings and errors at warn and error, and the rest at debug", async () => {
    const { logShopifyLibrary } = await import("~/shopify.server");
    const logs = captureLogs("debug");
    logShopifyLibrary(LogSeverity.Warning, "[shopify-app/WARNING] [Deprecated | 5.0.0] Use the other one");
    logShopifyLibrary(LogSeverity.Error, "[shopify-api/ERROR] Request failed | {shop: a.myshopify.com}");
    logShopifyLibrary(LogSeverity.Info, "[shopify-app/INFO] Authenticating admin request | {shop: a.myshopify.com}");
    logShopifyLibrary(LogSeverity.Debug, "[shopify-api/DEBUG] Making a request");
    logShopifyLibrary(LogSeverity.Warning, "A line without the libraries' tag");
    expect(logs.lines.map((line) => [line.level, line.module, line.package, line.msg])).toEqual([
      [40, "shopify", "shopify-app", "[Deprecated | 5.0.0] Use the other one"],
      [50, "shopify", "shopify-api", "Request failed | {shop: a.myshopify.com}"],
      [20, "shopify", "shopify-app", "Authenticating admin request | {shop: a.myshopify.com}"],
      [20, "shopify", "shopify-api", "Making a request"],
      [40, "shopify", undefined, "A line without the libraries' tag"],
    ]);
    // Every line through one child of the app's logger, not a child made per line.
    expect(shopifyChildren()).toHaveLength(1);
  });

  it("makes its child logger once, and again for a test that swaps the logger to capture its lines", async () => {
    const { logShopifyLibrary } = await import("~/shopify.server");
    const first = captureLogs("debug");
    for (let i = 0; i < 3; i++) logShopifyLibrary(LogSeverity.Info, `[shopify-app/INFO] Line ${i}`);
    expect(first.lines.map((line) => line.msg)).toEqual(["Line 0", "Line 1", "Line 2"]);
    expect(shopifyChildren()).toHaveLength(1);

    vi.restoreAllMocks();
    const second = captureLogs("debug");
    logShopifyLibrary(LogSeverity.Error, "[shopify-api/ERROR] Line 3");
    logShopifyLibrary(LogSeverity.Warning, "[shopify-api/WARNING] Line 4");
    expect(second.lines.map((line) => [line.level, line.module, line.msg])).toEqual([
      [50, "shopify", "Line 3"],
      [40, "shopify", "Line 4"],
    ]);
    expect(first.lines).toHaveLength(3);
    expect(shopifyChildren()).toHaveLength(1);
  });
});
