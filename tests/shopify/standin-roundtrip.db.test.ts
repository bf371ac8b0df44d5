// The demo and test stand-in answers every operation from the local database in the shape Shopify uses,
// so the same typed functions and parsing run in the demo, in tests and against a real shop. Every call
// made here is also checked against the real 2026-07 schema: the variables the gateway sends must be
// accepted by Shopify, not only by the stand-in.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import {
  buildClientSchema,
  getVariableValues,
  Kind,
  parse,
  type IntrospectionQuery,
  type OperationDefinitionNode,
} from "graphql";
import db from "~/db.server";
import {
  CostBuckets,
  ShopifyUserError,
  createCustomerDiscountCode,
  createCustomerFreeShippingCode,
  findDiscountByCode,
  setCustomerLoyaltyMetafields,
  deleteDiscountCode,
  enableProductRatingDefinitions,
  fetchCustomer,
  fetchOrderDetails,
  fetchProductPage,
  fetchProductsByIds,
  fetchShopInfo,
  setProductRatingMetafields,
  writeProductRatings,
  fetchProductRatings,
  type AdminGraphql,
} from "~/modules/shopify";
import {
  clearStandInThrottle,
  createStandInGraphql,
  setStandInThrottle,
  standInOperationNames,
  standInProductMetafields,
} from "~/modules/demo/standin.server";
import { syncShop } from "~/modules/shops";
import { refreshProductsFromShopify, syncProductsFromShopify, upsertProductsFromShopify } from "~/modules/catalog";
import { adminFixture, manualClock, scriptedGraphql } from "./support/fake-admin";
import { createCustomerRow, createDeliveredOrder, createProductRow, createShopRow } from "./support/shop-rows";

const SHOP = "nordic-linen.myshopify.com";
const OTHER_SHOP = "fjallbacka-home.myshopify.com";

const sent: { query: string; variables: Record<string, unknown> }[] = [];
/** The stand-in, with every call remembered for the schema check at the end. */
function standIn(shop = SHOP): AdminGraphql {
  const graphql = createStandInGraphql(shop);
  return (query, options) => {
    sent.push({ query, variables: options?.variables ?? {} });
    return graphql(query, options);
  };
}
const options = () => ({ clock: manualClock(), buckets: new CostBuckets() });

beforeAll(async () => {
  await createShopRow(SHOP);
});

describe("shop info", () => {
  it("answers the shop's name, currency, time zone and primary locale", async () => {
    const info = await fetchShopInfo(standIn(), SHOP, options());
    expect(info).toMatchObject({
      name: "Nordic Linen",
      currencyCode: "SEK",
      ianaTimezone: "Europe/Stockholm",
      primaryLocale: "sv",
      myshopifyDomain: SHOP,
    });
  });

  it("syncShop stores what Shopify says about the shop", async () => {
    await db.shop.create({ data: { shop: OTHER_SHOP, name: OTHER_SHOP, installedAt: new Date() } });
    const body = adminFixture("shop-info.response");
    body.data.shop.name = "Fjällbacka Home";
    body.data.shop.myshopifyDomain = OTHER_SHOP;

    await syncShop(OTHER_SHOP, scriptedGraphql({ body }), options());

    const row = await db.shop.findUniqueOrThrow({ where: { shop: OTHER_SHOP } });
    expect(row).toMatchObject({
      name: "Fjällbacka Home",
      email: "hej@nordiclinen.se",
      currency: "SEK",
      timezone: "Europe/Stockholm",
      primaryLocale: "sv",
    });
  });
});

describe("products", () => {
  it("finds products by numeric id or GID and skips the ones that do not exist", async () => {
    const duvet = await createProductRow(SHOP, { title: "Linen Duvet Cover" });
    const card = await createProductRow(SHOP, {
      title: "Gift Card",
      isGiftCard: true,
      imageUrl: null,
      productType: null,
    });
    const elsewhere = await createProductRow(OTHER_SHOP, { title: "Not this shop's" });

    const products = await fetchProductsByIds(
      standIn(),
      SHOP,
      [duvet.shopifyId, `gid://shopify/Product/${card.shopifyId}`, "999", elsewhere.shopifyId],
      options(),
    );

    expect(products.map((p) => p.title).sort()).toEqual(["Gift Card", "Linen Duvet Cover"]);
    expect(products.find((p) => p.title === "Gift Card")).toMatchObject({
      isGiftCard: true,
      imageUrl: null,
      productType: null,
      status: "active",
      legacyId: card.shopifyId,
    });
    expect(products.find((p) => p.title === "Linen Duvet Cover")?.imageUrl).toBe(duvet.imageUrl);
  });

  it("pages through the catalogue with cursors", async () => {
    const shop = "paged-catalogue.myshopify.com";
    for (let i = 0; i < 5; i++) await createProductRow(shop);

    const first = await fetchProductPage(standIn(shop), shop, { first: 2 }, options());
    const second = await fetchProductPage(standIn(shop), shop, { first: 2, after: first.nextCursor }, options());
    const third = await fetchProductPage(standIn(shop), shop, { first: 2, after: second.nextCursor }, options());

    expect([first, second, third].map((p) => p.products.length)).toEqual([2, 2, 1]);
    expect(third.nextCursor).toBeNull();
    const ids = [first, second, third].flatMap((p) => p.products.map((product) => product.id));
    expect(new Set(ids).size).toBe(5);
  });

  it("syncProductsFromShopify copies a catalogue page from Shopify into our Product rows", async () => {
    const shop = "catalogue-sync.myshopify.com";
    await createProductRow(shop, { shopifyId: "8023450321174", title: "Old title" });

    const stored = await syncProductsFromShopify(
      shop,
      scriptedGraphql({ body: adminFixture("products-page.response") }),
      {},
      options(),
    );

    expect(stored).toBe(2);
    const rows = await db.product.findMany({ where: { shop }, orderBy: { shopifyId: "asc" } });
    expect(rows.map((r) => [r.shopifyId, r.title, r.isGiftCard, r.productType])).toEqual([
      ["8023450321174", "Linen Duvet Cover", false, "Bedding"],
      ["8023450353942", "Gift Card", true, null],
    ]);
  });

  it("refreshProductsFromShopify re-reads given products through the stand-in and keeps rows as they are", async () => {
    const row = await createProductRow(SHOP, { title: "Waffle Towel" });
    const [product] = await refreshProductsFromShopify(SHOP, standIn(), [row.shopifyId], options());
    expect(product.title).toBe("Waffle Towel");
    expect(await upsertProductsFromShopify(SHOP, [])).toBe(0);
    expect(await db.product.count({ where: { shop: SHOP, shopifyId: row.shopifyId } })).toBe(1);
  });
});

describe("orders and customers", () => {
  it("answers an order with its customer, every line item across pages, and its delivery", async () => {
    const customer = await createCustomerRow(SHOP);
    const products = [await createProductRow(SHOP), await createProductRow(SHOP)];
    const lines = Array.from({ length: 60 }, (_, i) => ({
      productShopifyId: products[i % 2].shopifyId,
      quantity: 2,
      refundedQuantity: i === 0 ? 2 : 0,
      isGiftCard: i === 1,
    }));
    const order = await createDeliveredOrder(SHOP, { customerId: customer.id, lines });

    const details = await fetchOrderDetails(standIn(), SHOP, order.shopifyId, options());

    expect(details).toMatchObject({
      legacyId: order.shopifyId,
      name: "#1042",
      locale: "sv-SE",
      financialStatus: "PARTIALLY_REFUNDED",
      fulfillmentStatus: "FULFILLED",
      customer: {
        legacyId: customer.shopifyId,
        email: "astrid.lindqvist@example.se",
        firstName: "Astrid",
        lastName: "Lindqvist",
        locale: "sv",
      },
    });
    expect(details!.lines).toHaveLength(60);
    expect(details!.lines[0]).toMatchObject({
      quantity: 2,
      refundableQuantity: 0,
      productLegacyId: products[0].shopifyId,
      unitPrice: { amount: "649.50", currencyCode: "SEK" },
    });
    expect(details!.lines[1].isGiftCard).toBe(true);
    expect(details!.fulfillments).toEqual([
      expect.objectContaining({
        displayStatus: "DELIVERED",
        deliveredAt: new Date("2026-06-04T13:05:00Z"),
        createdAt: new Date("2026-06-02T08:30:00Z"),
      }),
    ]);
  });

  it("answers null for an order the shop does not have", async () => {
    expect(await fetchOrderDetails(standIn(), SHOP, "5000000000001", options())).toBeNull();
  });

  it("answers a customer with their email marketing consent", async () => {
    const subscribed = await createCustomerRow(SHOP, { acceptsMarketing: true, locale: null });
    const customer = await fetchCustomer(standIn(), SHOP, subscribed.shopifyId!, options());
    expect(customer).toMatchObject({
      email: "astrid.lindqvist@example.se",
      displayName: "Astrid Lindqvist",
      locale: "sv",
      emailMarketingState: "SUBSCRIBED",
      acceptsEmailMarketing: true,
    });
    expect(await fetchCustomer(standIn(OTHER_SHOP), OTHER_SHOP, subscribed.shopifyId!, options())).toBeNull();
  });
});

describe("rating metafields", () => {
  it("writes reviews.rating and reviews.rating_count for a product", async () => {
    const product = await createProductRow(SHOP);
    await setProductRatingMetafields(
      standIn(),
      SHOP,
      { productId: product.shopifyId, average: 4.5, count: 12 },
      options(),
    );

    const call = await db.adminApiCall.findFirstOrThrow({
      where: { shop: SHOP, operation: "MetafieldsSetMutation" },
      orderBy: { createdAt: "desc" },
    });
    const metafields = JSON.parse(call.response).data.metafieldsSet.metafields;
    expect(metafields.map((m: { key: string; value: string }) => [m.key, m.value])).toEqual([
      ["rating_count", "12"],
      ["rating", '{"value":"4.50","scale_min":"1.0","scale_max":"5.0"}'],
    ]);
  });

  it("remembers the latest accepted values per product for the demo storefront", async () => {
    const product = await createProductRow(SHOP);
    await setProductRatingMetafields(
      standIn(),
      SHOP,
      { productId: product.shopifyId, average: 4, count: 1 },
      options(),
    );
    await setProductRatingMetafields(
      standIn(),
      SHOP,
      { productId: product.shopifyId, average: 3.5, count: 2 },
      options(),
    );

    expect(await standInProductMetafields(SHOP, product.shopifyId)).toEqual({
      "reviews.rating_count": { type: "number_integer", value: "2" },
      "reviews.rating": { type: "rating", value: '{"value":"3.50","scale_min":"1.0","scale_max":"5.0"}' },
    });
  });

  it("surfaces Shopify's refusal for a product that does not exist", async () => {
    const error = await setProductRatingMetafields(
      standIn(),
      SHOP,
      { productId: "404404", average: 3, count: 1 },
      options(),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopifyUserError);
    expect((error as ShopifyUserError).userErrors[0]).toMatchObject({ field: ["metafields", "0", "ownerId"] });
  });

  it("enables the standard definitions once and treats enabling again as done", async () => {
    await enableProductRatingDefinitions(standIn(), SHOP, options());
    await expect(enableProductRatingDefinitions(standIn(), SHOP, options())).resolves.toBeUndefined();
  });
});

describe("batched rating metafields", () => {
  it("writes many products in calls of at most 25 metafields and deletes the rating of a product with none", async () => {
    const products = [];
    for (let i = 0; i < 14; i += 1) products.push(await createProductRow(SHOP));
    const ratings = products.map((p, i) => ({
      productId: p.shopifyId,
      average: i === 13 ? null : 3 + (i % 3) * 0.5,
      count: i === 13 ? 0 : i + 1,
    }));
    // The last product had stars before: they must go, not stay stale.
    await setProductRatingMetafields(
      standIn(),
      SHOP,
      { productId: products[13].shopifyId, average: 5, count: 1 },
      options(),
    );
    const before = await db.adminApiCall.count({ where: { shop: SHOP } });

    const summary = await writeProductRatings(standIn(), SHOP, ratings, options());

    const calls = await db.adminApiCall.findMany({
      where: { shop: SHOP },
      orderBy: { createdAt: "asc" },
      skip: before,
    });
    const sizes = calls
      .filter((c) => c.operation === "MetafieldsSetMutation")
      .map((c) => JSON.parse(c.variables).metafields.length);
    expect(sizes.every((n: number) => n <= 25)).toBe(true);
    expect(sizes.reduce((a: number, b: number) => a + b, 0)).toBe(13 * 2 + 1);
    expect(summary).toMatchObject({ setCalls: 2, deleteCalls: 1, ratingsDeleted: 1 });
    expect(await standInProductMetafields(SHOP, products[13].shopifyId)).toEqual({
      "reviews.rating_count": { type: "number_integer", value: "0" },
    });

    const held = await fetchProductRatings(
      standIn(),
      SHOP,
      [products[0].shopifyId, products[13].shopifyId, "404404"],
      options(),
    );
    expect(held).toEqual([
      { productId: products[0].shopifyId, missing: false, average: 3, count: 1 },
      { productId: products[13].shopifyId, missing: false, average: null, count: 0 },
      { productId: "404404", missing: true, average: null, count: null },
    ]);
  });
});

describe("loyalty discount codes", () => {
  it("creates a code, refuses the same code twice, and deletes it as compensation", async () => {
    const customer = await createCustomerRow(SHOP);
    const input = {
      code: "KR-ASTRID-50",
      title: "Loyalty reward 50 SEK",
      customerId: customer.shopifyId!,
      value: { amount: "50.00" },
    };

    const created = await createCustomerDiscountCode(standIn(), SHOP, input, options());
    expect(created).toMatchObject({ code: "KR-ASTRID-50", status: "ACTIVE" });
    expect(created.id).toMatch(/^gid:\/\/shopify\/DiscountCodeNode\/\d+$/);

    const taken = await createCustomerDiscountCode(standIn(), SHOP, input, options()).catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(ShopifyUserError);
    expect((taken as ShopifyUserError).hasCode("TAKEN")).toBe(true);

    await expect(deleteDiscountCode(standIn(), SHOP, created.id, options())).resolves.toEqual({
      deletedId: created.id,
    });
    const again = await deleteDiscountCode(standIn(), SHOP, created.id, options()).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ShopifyUserError);

    await expect(createCustomerDiscountCode(standIn(), SHOP, input, options())).resolves.toMatchObject({
      code: "KR-ASTRID-50",
    });
  });

  it("makes a free-shipping code, and finds a code by its text (or answers that there is none)", async () => {
    const customer = await createCustomerRow(SHOP);
    const free = await createCustomerFreeShippingCode(
      standIn(),
      SHOP,
      { code: "KR-FREESHIP-1", title: "Free shipping", customerId: customer.shopifyId!, minimumSubtotal: "200.00" },
      options(),
    );
    expect(free).toMatchObject({ code: "KR-FREESHIP-1", status: "ACTIVE" });
    await expect(findDiscountByCode(standIn(), SHOP, "kr-freeship-1", options())).resolves.toMatchObject({
      id: free.id,
    });
    await expect(findDiscountByCode(standIn(), SHOP, "KR-NOPE", options())).resolves.toBeNull();
  });

  it("mirrors a member's balance and tier to the customer's app-owned metafields", async () => {
    const customer = await createCustomerRow(SHOP);
    await expect(
      setCustomerLoyaltyMetafields(
        standIn(),
        SHOP,
        { customerId: customer.shopifyId!, points: 120, pendingPoints: 30, tier: "Gold" },
        options(),
      ),
    ).resolves.toBeUndefined();
  });
});

describe("throttling by the stand-in", () => {
  afterEach(() => clearStandInThrottle(SHOP));

  it("answers THROTTLED while the bucket is short, and the gateway waits and gets through", async () => {
    const callOptions = options();
    setStandInThrottle(SHOP, {
      currentlyAvailable: 0,
      maximumAvailable: 1000,
      restoreRate: 50,
      now: callOptions.clock.now,
    });
    const before = await db.adminApiCall.count({ where: { shop: SHOP } });

    const info = await fetchShopInfo(standIn(), SHOP, callOptions);

    expect(info.name).toBe("Nordic Linen");
    const calls = await db.adminApiCall.findMany({
      where: { shop: SHOP },
      orderBy: { createdAt: "asc" },
      skip: before,
    });
    expect(calls.map((c) => JSON.parse(c.response).errors?.[0]?.extensions?.code ?? "answered")).toEqual([
      "THROTTLED",
      "answered",
    ]);
    // ShopInfoQuery costs 2 points; at 50 a second the bucket holds them after 40 ms, and the first backoff step is 500
    // ms.
    expect(callOptions.clock.slept).toEqual([500]);
  });
});

describe("everything sent to the stand-in", () => {
  it("covers every operation the stand-in answers, with variables the real 2026-07 schema accepts", () => {
    const raw = JSON.parse(
      gunzipSync(readFileSync(path.join(process.cwd(), "tests/fixtures/shopify/admin_2026-07.json.gz"))).toString(
        "utf8",
      ),
    ) as { data: IntrospectionQuery };
    const schema = buildClientSchema(raw.data);
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const { query, variables } of sent) {
      const definition = parse(query).definitions.find(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      )!;
      seen.add(definition.name!.value);
      const coerced = getVariableValues(schema, definition.variableDefinitions ?? [], variables);
      for (const error of coerced.errors ?? []) problems.push(`${definition.name!.value}: ${error.message}`);
    }
    expect(problems).toEqual([]);
    expect([...seen].sort()).toEqual(standInOperationNames().sort());
  });
});
