// How the gateway behaves when Shopify throttles, fails, refuses or answers with userErrors. Every test uses
// a scripted transport and a manual clock: the waits asserted are the waits the gateway chose, not time passed.
import {
  CostBuckets,
  ShopifyAdminError,
  ShopifyGraphqlError,
  ShopifyUserError,
  createCustomerDiscountCode,
  createCustomerFreeShippingCode,
  fetchProductPage,
  fetchShopInfo,
  setProductRatingMetafields,
  TERMINAL_HTTP_STATUSES,
} from "~/modules/shopify";
import { isTerminalError } from "~/modules/jobs";
import { adminFixture, graphqlQueryError, httpResponseError, manualClock, scriptedGraphql } from "./support/fake-admin";

const SHOP = "nordic-linen.myshopify.com";

function setup() {
  return { clock: manualClock(), buckets: new CostBuckets() };
}

async function failureOf(promise: Promise<unknown>): Promise<ShopifyAdminError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ShopifyAdminError);
  return error as ShopifyAdminError;
}

const discountInput = {
  code: "KR-7QX4-ZP2M",
  title: "Loyalty reward 50 SEK",
  customerId: "7220364542230",
  value: { amount: "50.00" },
};

describe("throttling", () => {
  it("waits for the bucket to refill before a call it cannot cover", async () => {
    const options = setup();
    const page = adminFixture("products-page.response");
    page.extensions.cost.throttleStatus.currentlyAvailable = 2;
    const graphql = scriptedGraphql({ body: page });

    await fetchProductPage(graphql, SHOP, {}, options);
    expect(options.clock.slept).toEqual([]);

    // Shopify said 202 points were requested and 2 are left, restoring 100 a second: 200 missing points = 2 s.
    await fetchProductPage(graphql, SHOP, {}, options);
    expect(options.clock.slept).toEqual([2000]);
    expect(graphql.calls).toHaveLength(2);
  });

  it("does not wait when the bucket has refilled in the meantime", async () => {
    const options = setup();
    const page = adminFixture("products-page.response");
    page.extensions.cost.throttleStatus.currentlyAvailable = 2;
    const graphql = scriptedGraphql({ body: page });

    await fetchProductPage(graphql, SHOP, {}, options);
    await options.clock.sleep(5000);
    options.clock.slept.length = 0;
    await fetchProductPage(graphql, SHOP, {}, options);
    expect(options.clock.slept).toEqual([]);
  });

  it("keeps one estimate per shop", async () => {
    const options = setup();
    const page = adminFixture("products-page.response");
    page.extensions.cost.throttleStatus.currentlyAvailable = 2;
    const graphql = scriptedGraphql({ body: page });

    await fetchProductPage(graphql, SHOP, {}, options);
    await fetchProductPage(graphql, "fjallbacka-home.myshopify.com", {}, options);
    expect(options.clock.slept).toEqual([]);
  });

  it("retries a THROTTLED answer after the wait Shopify's bucket needs", async () => {
    const options = setup();
    const graphql = scriptedGraphql(
      { body: adminFixture("throttled.response") },
      { body: adminFixture("products-page.response") },
    );

    const page = await fetchProductPage(graphql, SHOP, {}, options);

    expect(page.products.map((p) => p.title)).toEqual(["Linen Duvet Cover", "Gift Card"]);
    expect(graphql.calls).toHaveLength(2);
    // 202 requested, 2 available, 100 restored per second.
    expect(options.clock.slept).toEqual([2000]);
  });

  it("retries a THROTTLED GraphqlQueryError thrown by shopify-app-remix's client", async () => {
    const options = setup();
    const graphql = scriptedGraphql(
      { throws: graphqlQueryError(adminFixture("throttled.response")) },
      { body: adminFixture("products-page.response") },
    );

    const page = await fetchProductPage(graphql, SHOP, {}, options);

    expect(page.products).toHaveLength(2);
    expect(options.clock.slept).toEqual([2000]);
  });

  it("honours Retry-After on HTTP 429", async () => {
    const options = setup();
    const graphql = scriptedGraphql(
      { throws: httpResponseError(429, 3) },
      { body: adminFixture("shop-info.response") },
    );

    await fetchShopInfo(graphql, SHOP, options);

    expect(options.clock.slept).toEqual([3000]);
  });

  it("gives up after a bounded number of throttled answers, retryable later", async () => {
    const options = { ...setup(), maxThrottleRetries: 3 };
    const graphql = scriptedGraphql({ body: adminFixture("throttled.response") });

    const error = await failureOf(fetchProductPage(graphql, SHOP, {}, options));

    expect(graphql.calls).toHaveLength(4);
    expect(error).toMatchObject({ code: "THROTTLED", status: 429, terminal: false, operation: "ProductsPageQuery" });
    expect(error.retryAfter).toBeGreaterThanOrEqual(1);
    expect(isTerminalError(error)).toBe(false);
    // Backoff doubles, never below what the bucket needs.
    expect(options.clock.slept).toEqual([2000, 2000, 2000]);
  });
});

describe("server errors and lost answers", () => {
  it("retries a query after 5xx answers with growing backoff", async () => {
    const options = setup();
    const graphql = scriptedGraphql(
      { response: new Response("<html>502 Bad Gateway</html>", { status: 502 }) },
      { throws: httpResponseError(503) },
      { body: adminFixture("shop-info.response") },
    );

    const info = await fetchShopInfo(graphql, SHOP, options);

    expect(info.name).toBe("Nordic Linen");
    expect(options.clock.slept).toEqual([500, 1000]);
  });

  it("retries a query after a network failure", async () => {
    const options = setup();
    const graphql = scriptedGraphql(
      { throws: new TypeError("fetch failed") },
      { body: adminFixture("shop-info.response") },
    );

    await expect(fetchShopInfo(graphql, SHOP, options)).resolves.toMatchObject({ currencyCode: "SEK" });
    expect(graphql.calls).toHaveLength(2);
  });

  it("stops after a bounded number of 5xx answers with an error the job queue retries", async () => {
    const options = { ...setup(), maxServerRetries: 2 };
    const graphql = scriptedGraphql({ response: new Response("", { status: 500 }) });

    const error = await failureOf(fetchShopInfo(graphql, SHOP, options));

    expect(graphql.calls).toHaveLength(3);
    expect(error).toMatchObject({ status: 500, terminal: false });
    expect(isTerminalError(error)).toBe(false);
  });

  it("does not resend a discount creation whose answer was lost: it may have been created", async () => {
    const options = setup();
    const graphql = scriptedGraphql({ throws: new TypeError("socket hang up") });

    const error = await failureOf(createCustomerDiscountCode(graphql, SHOP, discountInput, options));

    expect(graphql.calls).toHaveLength(1);
    expect(error).toMatchObject({ status: null, terminal: false, operation: "DiscountCodeBasicCreateMutation" });
  });
});

describe("answers that no retry can change", () => {
  it.each(TERMINAL_HTTP_STATUSES.map((status) => [status]))(
    "HTTP %i is terminal, whichever way the transport reports it",
    async (status) => {
      for (const answer of [
        { response: new Response(JSON.stringify({ errors: "denied" }), { status }) },
        { throws: httpResponseError(status) },
        { throws: new Response(JSON.stringify({ errors: "denied" }), { status }) },
      ]) {
        const graphql = scriptedGraphql(answer);
        const error = await failureOf(fetchShopInfo(graphql, SHOP, setup()));
        expect(graphql.calls).toHaveLength(1);
        expect(error).toMatchObject({ status, terminal: true, shop: SHOP, operation: "ShopInfoQuery" });
        expect(isTerminalError(error)).toBe(true);
      }
    },
  );

  it("lets shopify-app-remix's re-authentication answer through untouched", async () => {
    const reauth = new Response(undefined, {
      status: 401,
      headers: { "X-Shopify-Retry-Invalid-Session-Request": "1" },
    });
    const graphql = scriptedGraphql({ throws: reauth });

    await expect(fetchShopInfo(graphql, SHOP, setup())).rejects.toBe(reauth);
  });

  it("turns top-level GraphQL errors into an error carrying their messages and codes", async () => {
    const graphql = scriptedGraphql({ body: adminFixture("access-denied.response") });

    const error = await failureOf(fetchShopInfo(graphql, SHOP, setup()));

    expect(error).toBeInstanceOf(ShopifyGraphqlError);
    expect(error.message).toContain("Required access: `read_locales` access scope.");
    expect(error).toMatchObject({
      code: "ACCESS_DENIED",
      terminal: true,
      errors: [{ code: "ACCESS_DENIED", path: ["shopLocales"] }],
    });
    expect(graphql.calls).toHaveLength(1);
  });

  it("refuses an answer that does not have the shape the operation expects", async () => {
    const body = adminFixture("shop-info.response");
    delete body.data.shop.ianaTimezone;
    const error = await failureOf(fetchShopInfo(scriptedGraphql({ body }), SHOP, setup()));

    expect(error.message).toContain("shop.ianaTimezone");
    expect(error.terminal).toBe(true);
  });
});

describe("userErrors", () => {
  it("become a ShopifyUserError with the field path and Shopify's message", async () => {
    const graphql = scriptedGraphql({ body: adminFixture("discount-code-taken.response") });

    const error = await failureOf(createCustomerDiscountCode(graphql, SHOP, discountInput, setup()));

    expect(error).toBeInstanceOf(ShopifyUserError);
    const userError = error as ShopifyUserError;
    expect(userError.userErrors).toEqual([
      {
        field: ["basicCodeDiscount", "code"],
        message: "Code must be unique. Please try a different code.",
        code: "TAKEN",
      },
    ]);
    expect(userError.hasCode("TAKEN")).toBe(true);
    expect(userError.message).toContain("basicCodeDiscount.code: Code must be unique");
    expect(isTerminalError(userError)).toBe(true);
  });

  it("from metafieldsSet are never ignored", async () => {
    const graphql = scriptedGraphql({
      body: {
        data: {
          metafieldsSet: {
            metafields: [],
            userErrors: [
              {
                field: ["metafields", "1", "value"],
                message: "Value must be between 1.0 and 5.0.",
                code: "INVALID_VALUE",
                elementIndex: 1,
              },
            ],
          },
        },
      },
    });

    const error = await failureOf(
      setProductRatingMetafields(graphql, SHOP, { productId: "8023450321174", average: 4.5, count: 2 }, setup()),
    );

    expect(error).toBeInstanceOf(ShopifyUserError);
    expect((error as ShopifyUserError).userErrors[0].field).toEqual(["metafields", "1", "value"]);
  });
});

describe("what is sent", () => {
  it("writes the standard rating metafields with the rating type's JSON value", async () => {
    const graphql = scriptedGraphql({ body: { data: { metafieldsSet: { metafields: [], userErrors: [] } } } });

    await setProductRatingMetafields(
      graphql,
      SHOP,
      { productId: "8023450321174", average: 4.333333, count: 3 },
      setup(),
    );

    expect(graphql.calls[0].variables).toEqual({
      metafields: [
        {
          ownerId: "gid://shopify/Product/8023450321174",
          namespace: "reviews",
          key: "rating_count",
          type: "number_integer",
          value: "3",
        },
        {
          ownerId: "gid://shopify/Product/8023450321174",
          namespace: "reviews",
          key: "rating",
          type: "rating",
          value: '{"value":"4.33","scale_min":"1.0","scale_max":"5.0"}',
        },
      ],
    });
  });

  it("creates a single-use code only the redeeming customer can use", async () => {
    const graphql = scriptedGraphql({ body: adminFixture("discount-code-taken.response") });
    await createCustomerDiscountCode(
      graphql,
      SHOP,
      { ...discountInput, startsAt: new Date("2026-07-01T09:00:00Z") },
      setup(),
    ).catch(() => undefined);

    expect(graphql.calls[0].variables).toMatchObject({
      basicCodeDiscount: {
        code: "KR-7QX4-ZP2M",
        usageLimit: 1,
        appliesOncePerCustomer: true,
        startsAt: "2026-07-01T09:00:00.000Z",
        context: { customers: { add: ["gid://shopify/Customer/7220364542230"] } },
        customerGets: {
          value: { discountAmount: { amount: "50.00", appliesOnEachItem: false } },
          items: { all: true },
        },
      },
    });
  });

  it("binds a free-shipping code to the redeeming customer exactly as an amount code", async () => {
    const graphql = scriptedGraphql({ body: adminFixture("discount-code-taken.response") });
    const input = { ...discountInput, startsAt: new Date("2026-07-01T09:00:00Z"), minimumSubtotal: "30.00" };
    await createCustomerDiscountCode(graphql, SHOP, input, setup()).catch(() => undefined);
    await createCustomerFreeShippingCode(graphql, SHOP, input, setup()).catch(() => undefined);

    const basic = graphql.calls[0].variables.basicCodeDiscount as Record<string, unknown>;
    const freeShipping = graphql.calls[1].variables.freeShippingCodeDiscount as Record<string, unknown>;
    const shared = ["title", "code", "startsAt", "endsAt", "usageLimit", "appliesOncePerCustomer", "context"];
    for (const field of [...shared, "minimumRequirement"]) expect(freeShipping[field]).toEqual(basic[field]);
    expect(freeShipping).toMatchObject({
      usageLimit: 1,
      appliesOncePerCustomer: true,
      context: { customers: { add: ["gid://shopify/Customer/7220364542230"] } },
      minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: "30.00" } },
      destination: { all: true },
    });
  });

  it("refuses bad input before calling Shopify", async () => {
    const graphql = scriptedGraphql({ body: {} });
    await expect(
      setProductRatingMetafields(graphql, SHOP, { productId: "1", average: 6, count: 1 }, setup()),
    ).rejects.toThrow();
    await expect(
      createCustomerDiscountCode(graphql, SHOP, { ...discountInput, code: "TWO WORDS" }, setup()),
    ).rejects.toThrow();
    expect(graphql.calls).toHaveLength(0);
  });
});
