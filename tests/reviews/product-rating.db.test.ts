// After a review is published, the product's standard rating metafields follow (written through the Admin
// API gateway; in tests that is the local stand-in, which records every call).
import db from "~/db.server";
import { jobDefinitions } from "~/jobs.server";
import { drainJobs } from "~/modules/jobs";
import {
  listReviewsForProduct,
  ratingSummary,
  reviewFigures,
  submitReviewsForRequest,
  SYNC_PRODUCT_RATINGS_JOB,
} from "~/modules/reviews";
import { productMetafieldCalls } from "../support/metafield-calls";
import { createReviewRequest, createShop, LINEN_SHIRT, MUG_SET } from "./review-request-factory";

async function review(shop: string, productShopifyId: string, rating: number, status: string, createdAt: Date) {
  return db.review.create({
    data: {
      shop,
      productShopifyId,
      rating,
      status,
      body: `${rating} stars`,
      displayName: "Test K.",
      createdAt,
      verifiedBuyer: true,
    },
  });
}

// The calls that wrote the standard review metafields, each reduced to those fields (the app's
// kundrost.reviews_summary, written in the same calls, is checked on its own below).
async function metafieldCalls(shop: string) {
  return (await productMetafieldCalls(shop)).map((fields) => fields.filter((m) => m.namespace === "reviews"));
}

describe("the product rating", () => {
  it("comes with the storefront's summary: the distribution, the media count and a few published reviews", async () => {
    const { shop } = await createShop();
    const { request, order, customer } = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
    await review(shop, "7001", 4, "published", new Date("2026-10-01T00:00:00Z"));
    await review(shop, "7001", 2, "pending", new Date("2026-10-02T00:00:00Z"));
    await submitReviewsForRequest({
      shop,
      requestId: request.id,
      orderId: order.id,
      customerId: customer?.id ?? null,
      locale: "en",
      entries: [{ productShopifyId: "7001", rating: 5, body: "Crisp linen", displayName: "Anna L." }],
    });
    await drainJobs(jobDefinitions);
    const [fields] = await productMetafieldCalls(shop);
    const summary = fields.find((m) => m.namespace === "kundrost" && m.key === "reviews_summary");
    expect(JSON.parse(summary!.value)).toEqual({
      distribution: { "1": 0, "2": 0, "3": 0, "4": 1, "5": 1 },
      media: 0,
      reviews: [
        { author: "Anna L.", rating: 5, date: expect.any(String), title: "", body: "Crisp linen", verified: true },
        { author: "Test K.", rating: 4, date: "2026-10-01", title: "", body: "4 stars", verified: true },
      ],
    });
  });

  it("counts only published reviews", async () => {
    const { shop } = await createShop();
    const day = (n: number) => new Date(Date.UTC(2026, 9, n));
    await review(shop, "7002", 5, "published", day(1));
    await review(shop, "7002", 4, "published", day(2));
    await review(shop, "7002", 4, "published", day(3));
    await review(shop, "7002", 1, "pending", day(4));
    await review(shop, "7002", 1, "rejected", day(5));
    await review(shop, "7001", 2, "published", day(6));

    expect(await ratingSummary(shop, "7002")).toEqual({
      average: 4.33,
      count: 3,
      distribution: { 1: 0, 2: 0, 3: 0, 4: 2, 5: 1 },
    });
    expect(await ratingSummary(shop, "404")).toEqual({
      average: null,
      count: 0,
      distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
    });
    expect(await reviewFigures(shop, day(20))).toEqual({
      total: 6,
      published: 4,
      pending: 1,
      rejected: 1,
      verifiedBuyer: 6,
      averageRating: 3.75,
      last30Days: 6,
      oldestPendingAt: day(4),
      pendingOverAWeek: 1,
      // Reviews written straight into the table open no follow-up task: nothing to answer is counted.
      lowRatingUnanswered: 0,
    });
  });

  it("is written to Shopify's standard metafields when a review is published", async () => {
    const { shop } = await createShop();
    const { request, order, customer } = await createReviewRequest({ shop, products: [LINEN_SHIRT, MUG_SET] });
    await review(shop, "7001", 4, "published", new Date("2026-10-01T00:00:00Z"));
    const result = await submitReviewsForRequest({
      shop,
      requestId: request.id,
      orderId: order.id,
      customerId: customer?.id ?? null,
      locale: "en",
      entries: [
        { productShopifyId: "7001", rating: 5, displayName: "Anna L." },
        { productShopifyId: "7002", rating: 1, body: "Broken", displayName: "Anna L." },
      ],
    });
    expect(result.ok).toBe(true);

    // Everything a saved review sets off runs, as the worker would run it.
    await drainJobs(jobDefinitions);
    const ratingJobs = await db.job.findMany({ where: { shop, type: SYNC_PRODUCT_RATINGS_JOB } });
    expect(ratingJobs.map((job) => job.status)).toEqual(["succeeded"]);
    // Both reviews are published (every rating is, by default), so both products are written in one call.
    expect(await metafieldCalls(shop)).toEqual([
      [
        {
          ownerId: "gid://shopify/Product/7001",
          namespace: "reviews",
          key: "rating_count",
          type: "number_integer",
          value: "2",
        },
        {
          ownerId: "gid://shopify/Product/7001",
          namespace: "reviews",
          key: "rating",
          type: "rating",
          value: JSON.stringify({ value: "4.50", scale_min: "1.0", scale_max: "5.0" }),
        },
        {
          ownerId: "gid://shopify/Product/7002",
          namespace: "reviews",
          key: "rating_count",
          type: "number_integer",
          value: "1",
        },
        {
          ownerId: "gid://shopify/Product/7002",
          namespace: "reviews",
          key: "rating",
          type: "rating",
          value: JSON.stringify({ value: "1.00", scale_min: "1.0", scale_max: "5.0" }),
        },
      ],
    ]);
  });

  it("is recounted when an edit takes a published review off the storefront", async () => {
    const { shop } = await createShop();
    const { request, order, customer } = await createReviewRequest({ shop, products: [MUG_SET] });
    const submit = (rating: number, body: string) =>
      submitReviewsForRequest({
        shop,
        requestId: request.id,
        orderId: order.id,
        customerId: customer?.id ?? null,
        locale: "en",
        entries: [{ productShopifyId: "7002", rating, body, displayName: "Anna L." }],
      });
    await submit(5, "Lovely mugs");
    await drainJobs(jobDefinitions);
    await submit(5, "Lovely mugs, mail me at anna@example.se");
    await drainJobs(jobDefinitions);

    expect((await db.review.findFirstOrThrow({ where: { shop } })).status).toBe("pending");
    const calls = await metafieldCalls(shop);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual([
      {
        ownerId: "gid://shopify/Product/7002",
        namespace: "reviews",
        key: "rating_count",
        type: "number_integer",
        value: "0",
      },
    ]);
  });
});

describe("a product's review list", () => {
  it("pages newest first with a cursor, without repeats or gaps", async () => {
    const { shop } = await createShop();
    const sameMoment = new Date("2026-10-10T12:00:00Z");
    for (let i = 0; i < 7; i += 1)
      await review(shop, "7001", 5, "published", i < 3 ? sameMoment : new Date(Date.UTC(2026, 9, 1 + i)));
    await review(shop, "7001", 2, "pending", new Date("2026-10-20T00:00:00Z"));

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listReviewsForProduct(shop, "7001", { limit: 3, cursor });
      seen.push(...page.reviews.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    const expected = await db.review.findMany({
      where: { shop, status: "published" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(seen).toEqual(expected.map((r) => r.id));
    expect((await listReviewsForProduct(shop, "7001", { status: "pending" })).reviews).toHaveLength(1);
  });
});
