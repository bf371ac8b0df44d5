// The demo shop's reviews are worth exploring: enough of them, in both languages, over products, ratings and
// months, analysed by the real pipeline, and the corpus's stories can be found with the Insights screen's own
// queries (not by reading the corpus).
import { DEMO_SHOP } from "~/config.server";
import db from "~/db.server";
import {
  insightsFiltersFrom,
  loadInsightsOverview,
  recomputeShopAggregates,
  type InsightsOverview,
} from "~/modules/insights";
import { jobDefinitions } from "~/jobs.server";
import { seedDemoShop } from "~/modules/demo";
import { DEMO_REVIEW_MINIMUM } from "~/modules/demo/reviews-step.server";
import { aggregateSnapshot } from "./insights-factory";

const NOW = new Date("2026-11-24T10:00:00Z");

async function topic(filters: { product?: string; from: string; to: string }, key: string) {
  const overview: InsightsOverview = await loadInsightsOverview(
    DEMO_SHOP,
    insightsFiltersFrom({ product: filters.product, from: filters.from, to: filters.to }, NOW),
  );
  const found = overview.topics.find((t) => t.key === key);
  return {
    total: found?.total ?? 0,
    negativeShare: found?.negativeShare ?? 0,
    positiveShare: found?.positiveShare ?? 0,
  };
}

async function productId(handle: string) {
  return (await db.product.findFirstOrThrow({ where: { shop: DEMO_SHOP, handle } })).shopifyId;
}

beforeAll(async () => {
  await seedDemoShop({
    now: NOW,
    appUrl: "http://localhost:3000",
    size: { customers: 120, orders: 320 },
    jobDefinitions,
  });
}, 600_000);

describe("the demo shop's reviews", () => {
  it("are at least 1,500, in English and Swedish, over products, ratings and months, all analysed", async () => {
    const reviews = await db.review.findMany({
      where: { shop: DEMO_SHOP },
      select: {
        productShopifyId: true,
        rating: true,
        locale: true,
        language: true,
        createdAt: true,
        insightsVersion: true,
        verifiedBuyer: true,
        requestId: true,
      },
    });
    expect(reviews.length).toBeGreaterThanOrEqual(DEMO_REVIEW_MINIMUM);
    expect(new Set(reviews.map((r) => r.productShopifyId)).size).toBeGreaterThanOrEqual(12);
    expect(new Set(reviews.map((r) => r.rating))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(new Set(reviews.map((r) => r.createdAt.toISOString().slice(0, 7))).size).toBeGreaterThanOrEqual(5);
    const swedish = reviews.filter((r) => r.language === "sv").length;
    const english = reviews.filter((r) => r.language === "en").length;
    expect(swedish).toBeGreaterThan(reviews.length * 0.25);
    expect(english).toBeGreaterThan(reviews.length * 0.25);
    expect(reviews.every((r) => r.insightsVersion !== null)).toBe(true);
    expect(reviews.some((r) => r.verifiedBuyer && r.requestId)).toBe(true);
    expect(await db.topicMention.count({ where: { shop: DEMO_SHOP } })).toBeGreaterThan(reviews.length * 2);
  });

  it("lets a merchant see the jeans' fit turn from praised to criticised after September", async () => {
    const jeans = await productId("slim-selvedge-jeans");
    const before = await topic({ product: jeans, from: "2026-05-01", to: "2026-08-31" }, "size_fit");
    const after = await topic({ product: jeans, from: "2026-09-07", to: "2026-11-24" }, "size_fit");
    console.log("jeans size_fit", { before, after });
    expect(before.total).toBeGreaterThan(10);
    expect(after.total).toBeGreaterThan(10);
    expect(before.positiveShare).toBeGreaterThan(0.6);
    expect(after.negativeShare).toBeGreaterThan(0.5);
  });

  it("shows delivery speed praised across the shop", async () => {
    const delivery = await topic({ from: "2026-05-01", to: "2026-11-24" }, "shipping_delivery");
    console.log("shipping_delivery", delivery);
    expect(delivery.total).toBeGreaterThan(150);
    expect(delivery.positiveShare).toBeGreaterThan(0.75);
  });

  it("shows a cluster of price complaints about the sweater after its October price rise", async () => {
    const sweater = await productId("merino-wool-sweater");
    const before = await topic({ product: sweater, from: "2026-05-01", to: "2026-09-27" }, "price_value");
    const after = await topic({ product: sweater, from: "2026-10-05", to: "2026-11-24" }, "price_value");
    console.log("sweater price_value", { before, after });
    expect(after.total).toBeGreaterThan(before.total / 3);
    expect(after.negativeShare).toBeGreaterThan(0.6);
    expect(after.negativeShare).toBeGreaterThan(before.negativeShare + 0.2);
  });

  it("shows the mugs' packaging complaints standing out from the rest of the shop", async () => {
    const mugs = await productId("ceramic-mug-set");
    const range = { from: "2026-05-01", to: "2026-11-24" };
    const mugPackaging = await topic({ ...range, product: mugs }, "packaging");
    const shopPackaging = await topic(range, "packaging");
    const mugNegatives = mugPackaging.total * mugPackaging.negativeShare;
    const otherNegativeShare =
      (shopPackaging.total * shopPackaging.negativeShare - mugNegatives) / (shopPackaging.total - mugPackaging.total);
    console.log("packaging", { mugPackaging, otherNegativeShare });
    expect(mugNegatives).toBeGreaterThan(10);
    // Well above the rest of the shop's: 2.25 times as counted here with engine 2.2.0 (the shop's weeks, rejected
    // reviews left out), 1.8 times with 2.11.0, whose weights read "Vanlig förpackning" in a Swedish one- or two-star
    // review as a packaging complaint (decision 010, session 16; under 2.10.0 the weights of six of seven other seeds
    // put it under twice). The story is the gap, not the exact factor.
    expect(mugPackaging.negativeShare).toBeGreaterThan(1.5 * otherNegativeShare);
  });

  it("has aggregates equal to a rebuild from its mentions", async () => {
    const incremental = await aggregateSnapshot(DEMO_SHOP);
    await recomputeShopAggregates(DEMO_SHOP);
    expect(incremental).toEqual(await aggregateSnapshot(DEMO_SHOP));
  });
});
