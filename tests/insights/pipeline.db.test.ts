// The insights pipeline: a review is analysed when it arrives, its mentions replace earlier ones, and the
// weekly aggregates always equal a rebuild from the mentions, whatever happened in between.
import db from "~/db.server";
import { jobDefinitions } from "~/jobs.server";
import { drainJobs } from "~/modules/jobs";
import {
  addCustomTopic,
  analyzeStoredReviews,
  ANALYZE_REVIEW_JOB,
  ENGINE_VERSION,
  forgetReviewInsights,
  recomputeShopAggregates,
  REANALYZE_BATCH_SIZE,
  REANALYZE_SHOP_JOB,
  REVIEW_AS_A_WHOLE,
  scheduleInsightsCatchUp,
  startShopReanalysis,
} from "~/modules/insights";
import { AFTER_REVIEW_SAVED_JOB_TYPES, submitReviewsForRequest } from "~/modules/reviews";
import { redactCustomer } from "~/modules/privacy";
import { createReviewRequest, createShop } from "../reviews/review-request-factory";
import { aggregateSnapshot, createInsightsShop, createReview, JEANS, MUG, SWEATER } from "./insights-factory";

async function rebuiltSnapshot(shop: string) {
  const incremental = await aggregateSnapshot(shop);
  await recomputeShopAggregates(shop);
  return { incremental, rebuilt: await aggregateSnapshot(shop) };
}

async function aggregate(
  shop: string,
  where: { productShopifyId?: string; topic: string; language?: string; rating?: number },
) {
  const rows = await db.topicAggregate.findMany({
    where: {
      shop,
      productShopifyId: where.productShopifyId ?? "",
      topic: where.topic,
      language: where.language ?? "",
      rating: where.rating ?? 0,
    },
  });
  return rows.reduce(
    (sum, row) => ({
      positive: sum.positive + row.positive,
      negative: sum.negative + row.negative,
      neutral: sum.neutral + row.neutral,
    }),
    { positive: 0, negative: 0, neutral: 0 },
  );
}

describe("a review arriving", () => {
  it("is analysed by the job the review page's save enqueues: mentions with evidence, and weekly aggregates", async () => {
    const { shop } = await createShop();
    const { request, order, customer } = await createReviewRequest({
      shop,
      products: [{ shopifyId: "7001", title: "Linen Shirt", productType: "Shirts" }],
      locale: "sv",
    });
    const result = await submitReviewsForRequest(
      {
        shop,
        requestId: request.id,
        customerId: customer!.id,
        orderId: order.id,
        locale: "sv",
        entries: [
          {
            productShopifyId: "7001",
            rating: "4",
            title: "",
            body: "Passformen är perfekt men leveransen tog alldeles för lång tid.",
            displayName: "Anna L.",
          },
        ],
      },
      { now: new Date("2026-10-14T09:30:00Z") },
    );
    expect(result.ok).toBe(true);
    expect(await db.job.count({ where: { type: ANALYZE_REVIEW_JOB } })).toBe(1);

    await drainJobs(jobDefinitions);

    const review = await db.review.findFirstOrThrow({ where: { shop } });
    expect(review).toMatchObject({ language: "sv", insightsVersion: ENGINE_VERSION });
    expect(["positive", "negative", "neutral"]).toContain(review.sentiment);
    const mentions = await db.topicMention.findMany({ where: { shop }, orderBy: { topic: "asc" } });
    const byTopic = Object.fromEntries(mentions.map((m) => [m.topic, m]));
    expect(byTopic.size_fit).toMatchObject({
      sentiment: "positive",
      language: "sv",
      rating: 4,
      productShopifyId: "7001",
    });
    expect(byTopic.shipping_delivery).toMatchObject({ sentiment: "negative" });
    expect(byTopic[REVIEW_AS_A_WHOLE]).toMatchObject({ sentiment: review.sentiment, evidence: "" });
    for (const mention of mentions.filter((m) => m.topic !== REVIEW_AS_A_WHOLE)) {
      expect(review.body.slice(mention.evidenceStart, mention.evidenceEnd)).toBe(mention.evidence);
    }

    // Monday of that week, in every roll-up the screens read.
    const week = new Date("2026-10-12T00:00:00Z");
    for (const [productShopifyId, language, rating] of [
      ["7001", "sv", 4],
      ["", "", 0],
      ["7001", "", 0],
      ["", "sv", 4],
    ] as const) {
      const row = await db.topicAggregate.findUniqueOrThrow({
        where: {
          shop_productShopifyId_topic_weekStart_language_rating: {
            shop,
            productShopifyId,
            topic: "size_fit",
            weekStart: week,
            language,
            rating,
          },
        },
      });
      expect(row).toMatchObject({ positive: 1, negative: 0, neutral: 0 });
    }
    expect(await aggregate(shop, { topic: REVIEW_AS_A_WHOLE })).toEqual({
      positive: review.sentiment === "positive" ? 1 : 0,
      negative: review.sentiment === "negative" ? 1 : 0,
      neutral: review.sentiment === "neutral" ? 1 : 0,
    });
  });

  it("names the same job in the reviews module's after-save seam as the insights module defines", () => {
    expect(AFTER_REVIEW_SAVED_JOB_TYPES).toContain(ANALYZE_REVIEW_JOB);
  });

  it("counts a review once however often its analysis runs", async () => {
    const shop = await createInsightsShop();
    const review = await createReview(shop, { body: "Great fit but the shipping was slow." });
    await analyzeStoredReviews(shop, [review.id]);
    const once = await aggregateSnapshot(shop);
    await analyzeStoredReviews(shop, [review.id]);
    await analyzeStoredReviews(shop, [review.id, review.id]);
    expect(await aggregateSnapshot(shop)).toEqual(once);
    expect(await db.topicMention.count({ where: { reviewId: review.id, topic: "size_fit" } })).toBe(1);
  });

  it("takes the shopper's language for texts too short to tell", async () => {
    const shop = await createInsightsShop();
    const review = await createReview(shop, { body: "Ok", locale: "sv" });
    await analyzeStoredReviews(shop, [review.id]);
    expect((await db.review.findUniqueOrThrow({ where: { id: review.id } })).language).toBe("sv");
  });
});

describe("re-analysis", () => {
  it("replaces the mentions of reviews analysed by an older engine instead of adding to them", async () => {
    const shop = await createInsightsShop();
    const reviews = [
      await createReview(shop, { body: "Runs small, order a size up. Fast delivery though!", rating: 3 }),
      await createReview(shop, {
        body: "Snygg färg men kvaliteten är usel.",
        rating: 2,
        locale: "sv",
        product: SWEATER,
      }),
    ];
    await analyzeStoredReviews(
      shop,
      reviews.map((r) => r.id),
    );
    const before = await aggregateSnapshot(shop);
    const mentionsBefore = await db.topicMention.count({ where: { shop } });
    await db.review.updateMany({ where: { shop }, data: { insightsVersion: "0.9.0" } });

    await scheduleInsightsCatchUp();
    await startShopReanalysis(shop);
    await drainJobs(jobDefinitions);

    expect(await db.review.count({ where: { shop, insightsVersion: ENGINE_VERSION } })).toBe(2);
    expect(await db.topicMention.count({ where: { shop } })).toBe(mentionsBefore);
    expect(await aggregateSnapshot(shop)).toEqual(before);
  });

  it("adds a merchant's topic to reviews already analysed, and drops it again when it is removed", async () => {
    const shop = await createInsightsShop();
    const review = await createReview(shop, {
      body: "Love the colour. The sleeves are too long though.",
      product: SWEATER,
    });
    await analyzeStoredReviews(shop, [review.id]);
    expect(await db.topicMention.count({ where: { shop, topic: "custom_sleeves" } })).toBe(0);

    const added = await addCustomTopic(shop, { label: "Sleeves", keywords: "sleeve, sleeves, ärm*" });
    expect(added.ok).toBe(true);
    await startShopReanalysis(shop);
    await drainJobs(jobDefinitions);
    const analysed = await db.review.findUniqueOrThrow({ where: { id: review.id } });
    expect(analysed.insightsVersion).toMatch(new RegExp(`^${ENGINE_VERSION.replace(/\./g, "\\.")}\\+[0-9a-f]{10}$`));
    expect(await db.topicMention.findFirst({ where: { shop, topic: "custom_sleeves" } })).toMatchObject({
      evidence: expect.stringMatching(/sleeves/i),
    });
    expect(
      (await aggregate(shop, { topic: "custom_sleeves" })).positive +
        (await aggregate(shop, { topic: "custom_sleeves" })).negative +
        (await aggregate(shop, { topic: "custom_sleeves" })).neutral,
    ).toBe(1);

    await db.customTopic.deleteMany({ where: { shop } });
    await startShopReanalysis(shop);
    await drainJobs(jobDefinitions);
    expect(await db.topicMention.count({ where: { shop, topic: "custom_sleeves" } })).toBe(0);
    expect(await db.topicAggregate.count({ where: { shop, topic: "custom_sleeves" } })).toBe(0);
  });

  it("works through a large shop in batches, each run enqueueing the next with its cursor", async () => {
    const shop = await createInsightsShop();
    const bodies = [
      "Fits perfectly.",
      "Way too small in the waist.",
      "Arrived in two days!",
      "Kvaliteten är toppen.",
      "The mug arrived broken, poorly packed.",
    ];
    const count = REANALYZE_BATCH_SIZE * 2 + 17;
    await db.review.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        shop,
        productShopifyId: [JEANS, MUG, SWEATER][i % 3].shopifyId,
        rating: (i % 5) + 1,
        body: bodies[i % bodies.length],
        displayName: "Imported",
        status: "published",
        source: "import",
        locale: i % 4 === 3 ? "sv" : "en",
        createdAt: new Date(Date.UTC(2026, 5, 1) + i * 6 * 3_600_000),
      })),
    });
    await startShopReanalysis(shop);
    await drainJobs(jobDefinitions);

    expect(await db.review.count({ where: { shop, insightsVersion: ENGINE_VERSION } })).toBe(count);
    expect(await db.job.count({ where: { type: REANALYZE_SHOP_JOB, shop, status: "succeeded" } })).toBe(3);
    expect(await aggregate(shop, { topic: REVIEW_AS_A_WHOLE }).then((a) => a.positive + a.negative + a.neutral)).toBe(
      count,
    );
    const { incremental, rebuilt } = await rebuiltSnapshot(shop);
    expect(incremental).toEqual(rebuilt);
  });
});

describe("aggregates", () => {
  it("equal a from-scratch rebuild after a mix of new reviews, edits, re-analyses and deletions", async () => {
    const shop = await createInsightsShop();
    const texts = [
      ["en", "Great quality and super comfortable, but way overpriced."],
      ["sv", "Leveransen var snabb och förpackningen snygg."],
      ["en", "Runs small. The customer service was unhelpful about the exchange."],
      ["sv", "Passformen är för trång i midjan, annars bra kvalitet."],
      ["en", "Cracked after a few weeks. Not worth the price."],
      ["sv", "Mjuk och skön, tål tvätt bra."],
    ] as const;
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) {
      const [locale, body] = texts[i % texts.length];
      const review = await createReview(shop, {
        body,
        locale,
        rating: ((i * 7) % 5) + 1,
        product: [JEANS, MUG, SWEATER][i % 3],
        createdAt: new Date(Date.UTC(2026, 7, 3) + i * 2.5 * 86_400_000),
      });
      ids.push(review.id);
      await analyzeStoredReviews(shop, [review.id]);
    }
    // An edit within the grace period: new text and rating, analysed again.
    await db.review.update({
      where: { id: ids[2] },
      data: { rating: 5, body: "Actually the fit is perfect after a wash." },
    });
    await analyzeStoredReviews(shop, [ids[2]]);
    // A batch re-analysis overlapping reviews already current.
    await analyzeStoredReviews(shop, ids.slice(0, 10));
    // Deletions: forgotten in the same transaction, as a redaction does.
    await db.$transaction(async (tx) => {
      await forgetReviewInsights(tx, shop, [ids[5], ids[11]]);
      await tx.review.deleteMany({ where: { shop, id: { in: [ids[5], ids[11]] } } });
    });

    const { incremental, rebuilt } = await rebuiltSnapshot(shop);
    expect(incremental.length).toBeGreaterThan(0);
    expect(incremental).toEqual(rebuilt);
    expect(await aggregate(shop, { topic: REVIEW_AS_A_WHOLE }).then((a) => a.positive + a.negative + a.neutral)).toBe(
      22,
    );
    // No leftovers of emptied rows.
    expect(await db.topicAggregate.count({ where: { shop, positive: 0, negative: 0, neutral: 0 } })).toBe(0);
  });

  it("are kept per shop: analysing one shop never touches another with the same product ids", async () => {
    const shopA = await createInsightsShop();
    const shopB = await createInsightsShop();
    const a = await createReview(shopA, { body: "Fits perfectly, fast delivery." });
    const b = await createReview(shopB, { body: "Way too small, and the delivery took forever." });
    await analyzeStoredReviews(shopB, [b.id]);
    const shopBBefore = await aggregateSnapshot(shopB);
    await analyzeStoredReviews(shopA, [a.id]);
    // A review id of another shop is not analysed under this one.
    await analyzeStoredReviews(shopA, [b.id]);

    expect(await aggregateSnapshot(shopB)).toEqual(shopBBefore);
    expect(await aggregate(shopA, { topic: "size_fit" })).toEqual({ positive: 1, negative: 0, neutral: 0 });
    expect(await aggregate(shopB, { topic: "size_fit" })).toEqual({ positive: 0, negative: 1, neutral: 0 });
    expect(await db.topicMention.count({ where: { shop: shopA, reviewId: b.id } })).toBe(0);
  });

  it("lose a redacted customer's deleted reviews (customers/redact when the shop does not keep anonymous reviews)", async () => {
    const { shop } = await createShop();
    await db.settings.create({ data: { shop, keepAnonymousReviewsOnRedact: false } });
    const { request, order, customer } = await createReviewRequest({
      shop,
      products: [{ shopifyId: "7001", title: "Linen Shirt", productType: "Shirts" }],
    });
    await submitReviewsForRequest({
      shop,
      requestId: request.id,
      customerId: customer!.id,
      orderId: order.id,
      locale: "en",
      entries: [
        {
          productShopifyId: "7001",
          rating: "2",
          title: "",
          body: "The fit is way too tight and the quality is poor.",
          displayName: "Anna L.",
        },
      ],
    });
    const other = await createReview(shop, { product: { shopifyId: "7001" }, body: "Fits perfectly." });
    await analyzeStoredReviews(shop, [other.id]);
    await drainJobs(jobDefinitions);
    expect(await aggregate(shop, { topic: "size_fit" })).toEqual({ positive: 1, negative: 1, neutral: 0 });

    const result = await redactCustomer(shop, {
      customerShopifyId: customer!.shopifyId!,
      email: customer!.email!,
      orderShopifyIds: [order.shopifyId],
    });
    expect(result.reviewsDeleted).toBe(1);

    expect(await aggregate(shop, { topic: "size_fit" })).toEqual({ positive: 1, negative: 0, neutral: 0 });
    const { incremental, rebuilt } = await rebuiltSnapshot(shop);
    expect(incremental).toEqual(rebuilt);
  });
});
