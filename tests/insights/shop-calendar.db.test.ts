// Insights counts what the merchant expects: weeks and months in the shop's time zone (not UTC), and the reviews
// it says it counts (received, published or pending; never rejected), through the Insights loader with real
// session tokens. The same reviews in a Stockholm shop and a UTC shop land in different weeks near midnight.
import db from "~/db.server";
import { analyzeStoredReviews, loadInsightsPage, recomputeShopAggregates } from "~/modules/insights";
import { moderateReviews } from "~/modules/reviews";
import { calendarDayOf, monthStartOf, startOfDayIn, weekStartOf } from "~/modules/shops";
import { loader } from "~/routes/app.insights/route";
import { adminPageRequest, installedShop, jsonOf, loaderArgs } from "../admin/support";
import { aggregateSnapshot, JEANS, MUG } from "./insights-factory";

interface Page {
  filters: { from: string; to: string; zone: string };
  overview: {
    weeks: string[];
    reviews: { total: number; averageRating: number | null };
    ratingTrend: { week: string; stars: number[] }[];
    topics: { key: string; positive: number; negative: number; neutral: number }[];
  };
  counting: { firstDay: string; lastDay: string; zone: string; pending: number };
  drillDown: { snippets: { reviewId: string }[] } | null;
}

async function shopWithProducts(timezone: string) {
  const shop = await installedShop({ timezone });
  for (const product of [JEANS, MUG]) {
    await db.product.create({
      data: { shop, shopifyId: product.shopifyId, title: product.title, handle: product.shopifyId },
    });
  }
  return shop;
}

async function review(shop: string, spec: { at: string; rating: number; body: string; status?: string }) {
  return db.review.create({
    data: {
      shop,
      productShopifyId: JEANS.shopifyId,
      rating: spec.rating,
      body: spec.body,
      displayName: "Ada L.",
      locale: "en",
      status: spec.status ?? "published",
      createdAt: new Date(spec.at),
    },
  });
}

async function openInsights(shop: string, query: string): Promise<Page> {
  return jsonOf<Page>(async () => loader(loaderArgs(await adminPageRequest(shop, `/app/insights?${query}`))));
}

const starsOf = (page: Page, week: string) => page.overview.ratingTrend.find((row) => row.week === week)?.stars;

describe("the shop's calendar", () => {
  it("starts weeks on the shop's Monday and months on its 1st, and days where the shop's day begins", () => {
    // Sunday 4 October 2026, 22:30 UTC is Monday 5 October, 00:30 in Stockholm (summer time, UTC+2).
    const lateSunday = new Date("2026-10-04T22:30:00Z");
    expect(calendarDayOf(lateSunday, "Europe/Stockholm").toISOString()).toBe("2026-10-05T00:00:00.000Z");
    expect(weekStartOf(lateSunday, "Europe/Stockholm").toISOString()).toBe("2026-10-05T00:00:00.000Z");
    expect(weekStartOf(lateSunday, "UTC").toISOString()).toBe("2026-09-28T00:00:00.000Z");
    // 30 September 22:30 UTC is already October in Stockholm.
    const lastEvening = new Date("2026-09-30T22:30:00Z");
    expect(monthStartOf(lastEvening, "Europe/Stockholm").toISOString()).toBe("2026-10-01T00:00:00.000Z");
    expect(monthStartOf(lastEvening, "UTC").toISOString()).toBe("2026-09-01T00:00:00.000Z");
    // New York, winter: 3 December 2026 begins at 05:00 UTC.
    expect(startOfDayIn(new Date("2026-12-03T00:00:00Z"), "America/New_York").toISOString()).toBe(
      "2026-12-03T05:00:00.000Z",
    );
  });
});

describe("Insights counts", () => {
  it("puts a review written just after the shop's midnight into the shop's week, not UTC's", async () => {
    const stockholm = await shopWithProducts("Europe/Stockholm");
    const utc = await shopWithProducts("UTC");
    for (const shop of [stockholm, utc]) {
      const written = await review(shop, { at: "2026-10-04T22:30:00Z", rating: 2, body: "The fit is far too tight." });
      await analyzeStoredReviews(shop, [written.id]);
    }
    const query = "from=2026-09-28&to=2026-10-11";

    const inStockholm = await openInsights(stockholm, query);
    expect(inStockholm.filters.zone).toBe("Europe/Stockholm");
    expect(starsOf(inStockholm, "2026-09-28")).toEqual([0, 0, 0, 0, 0]);
    expect(starsOf(inStockholm, "2026-10-05")).toEqual([0, 1, 0, 0, 0]);

    const inUtc = await openInsights(utc, query);
    expect(starsOf(inUtc, "2026-09-28")).toEqual([0, 1, 0, 0, 0]);
    expect(starsOf(inUtc, "2026-10-05")).toEqual([0, 0, 0, 0, 0]);

    // The drill-down's days are the shop's too: up to Sunday 4 October the review is not there in Stockholm.
    const upToSunday = "from=2026-09-28&to=2026-10-04&topic=size_fit";
    expect((await openInsights(stockholm, upToSunday)).drillDown?.snippets).toHaveLength(0);
    expect((await openInsights(utc, upToSunday)).drillDown?.snippets).toHaveLength(1);
  });

  it("counts the reviews' calendar months in the shop's time zone", async () => {
    const stockholm = await shopWithProducts("Europe/Stockholm");
    const written = await review(stockholm, { at: "2026-09-30T22:30:00Z", rating: 5, body: "Lovely quality." });
    await analyzeStoredReviews(stockholm, [written.id]);
    const months = await db.topicAggregate.findMany({
      where: { shop: stockholm, topic: "_review_month", productShopifyId: "", language: "", rating: 0 },
    });
    expect(months.map((row) => [row.weekStart.toISOString().slice(0, 10), row.positive + row.neutral])).toEqual([
      ["2026-10-01", 1],
    ]);
  });

  it("takes today from the shop's clock when no dates are chosen", async () => {
    const stockholm = await shopWithProducts("Europe/Stockholm");
    // Sunday 11 October 22:30 UTC: already Monday 12 October in Stockholm. (The loader's data function with its
    // clock: a session token cannot be signed in the past.)
    const page = await loadInsightsPage(stockholm, new URLSearchParams(), new Date("2026-10-11T22:30:00Z"));
    expect(page.filters.to).toBe("2026-10-12");
    expect(page.overview.weeks.at(-1)).toBe("2026-10-12");
    expect(page.counting).toMatchObject({ lastDay: "2026-10-18", zone: "Europe/Stockholm" });
  });

  it("counts published and pending reviews, never rejected ones, and follows the merchant's decisions", async () => {
    const shop = await shopWithProducts("Europe/Stockholm");
    const published = await review(shop, { at: "2026-10-06T10:00:00Z", rating: 5, body: "Great quality." });
    const pending = await review(shop, {
      at: "2026-10-07T10:00:00Z",
      rating: 1,
      body: "Poor quality, fell apart.",
      status: "pending",
    });
    const rejected = await review(shop, {
      at: "2026-10-08T10:00:00Z",
      rating: 1,
      body: "Terrible quality!!! buy elsewhere",
      status: "rejected",
    });
    await analyzeStoredReviews(shop, [published.id, pending.id, rejected.id]);
    const query = "from=2026-10-05&to=2026-10-11";

    let page = await openInsights(shop, query);
    expect(page.overview.reviews.total).toBe(2);
    expect(page.overview.reviews.averageRating).toBe(3);
    expect(page.counting).toEqual({
      firstDay: "2026-10-05",
      lastDay: "2026-10-11",
      zone: "Europe/Stockholm",
      pending: 1,
    });
    // Every review keeps what was read from it; only the counted ones are in the figures.
    expect(await db.topicMention.count({ where: { shop, reviewId: rejected.id, counted: false } })).toBeGreaterThan(0);

    // The merchant rejects the pending one and publishes the rejected one: the figures follow at once.
    await moderateReviews({ shop, reviewIds: [pending.id], status: "rejected", reason: "spam" });
    await moderateReviews({ shop, reviewIds: [rejected.id], status: "published" });
    page = await openInsights(shop, query);
    expect(page.overview.reviews.total).toBe(2);
    expect(starsOf(page, "2026-10-05")).toEqual([1, 0, 0, 0, 1]);
    expect(page.counting.pending).toBe(0);
    const quality = page.overview.topics.find((topic) => topic.key === "quality");
    expect(quality).toMatchObject({ positive: 1, negative: 1 });

    // The incremental counts equal a rebuild from the mentions.
    const incremental = await aggregateSnapshot(shop);
    await recomputeShopAggregates(shop);
    expect(await aggregateSnapshot(shop)).toEqual(incremental);
  });
});
