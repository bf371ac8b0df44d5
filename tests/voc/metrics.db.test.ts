// NPS, CSAT and CES on the Insights screen, through its loader with real session tokens, against figures worked
// out by hand below. The shop is in Stockholm: answers near midnight land in the shop's month.
import db from "~/db.server";
import { analyzeStoredReviews } from "~/modules/insights";
import { loader } from "~/routes/app.insights/route";
import { adminPageRequest, installedShop, jsonOf, loaderArgs } from "../admin/support";

const JEANS = "8101";
const MUG = "8102";

interface Figures {
  nps: {
    answers: number;
    promoters: number;
    passives: number;
    detractors: number;
    score: number | null;
    range: { low: number; high: number } | null;
  };
  ces: { answers: number; average: number | null; easyShare: number | null };
  csat: { reviews: number; satisfied: number; share: number | null };
}
interface Page {
  voc: {
    metrics: {
      period: { firstMonth: string; lastMonth: string; previousFirstMonth: string; previousLastMonth: string };
      zone: string;
      months: Array<Figures & { month: string }>;
      current: Figures;
      previous: Figures;
      change: { nps: number | null; ces: number | null; csat: number | null };
    };
    detractors: {
      answers: { nps: number; comment: string | null; orderName: string; reviews: { rating: number }[] }[];
      nextCursor: string | null;
    } | null;
  };
}

// [when answered (UTC), NPS, CES, the order's products]
type Answer = [string, number | null, number | null, string[]];
const ANSWERS: Answer[] = [
  // The previous period: July and August.
  ["2026-07-10T10:00:00Z", 10, 4, [MUG]],
  ["2026-07-11T10:00:00Z", 9, null, [MUG]],
  ["2026-07-12T10:00:00Z", 3, null, [JEANS]],
  ["2026-08-10T10:00:00Z", 8, 7, [MUG]],
  ["2026-08-11T10:00:00Z", 6, null, [MUG]],
  // September. The 7 was given at 00:30 on 1 September in Stockholm (22:30 UTC on 31 August).
  ["2026-09-05T10:00:00Z", 10, 7, [JEANS, MUG]],
  ["2026-09-06T10:00:00Z", 10, null, [MUG]],
  ["2026-09-07T10:00:00Z", 9, 6, [MUG]],
  ["2026-08-31T22:30:00Z", 7, null, [MUG]],
  ["2026-09-20T10:00:00Z", 2, 2, [JEANS]],
  // October, one answer with an effort score only.
  ["2026-10-02T10:00:00Z", 9, 5, [JEANS]],
  ["2026-10-03T10:00:00Z", 5, null, [MUG]],
  ["2026-10-04T10:00:00Z", 4, null, [MUG]],
  ["2026-10-05T10:00:00Z", 0, null, [JEANS]],
  ["2026-10-06T10:00:00Z", 8, null, [MUG]],
  ["2026-10-07T10:00:00Z", 10, null, [MUG]],
  ["2026-10-08T10:00:00Z", null, 1, [MUG]],
  // 00:30 on 1 November in Stockholm (winter time): not in the period.
  ["2026-10-31T23:30:00Z", 0, 1, [MUG]],
];

// [written (UTC), product, stars, status]
const REVIEWS: Array<[string, string, number, string]> = [
  ["2026-08-12T10:00:00Z", JEANS, 5, "published"],
  ["2026-08-13T10:00:00Z", MUG, 5, "published"],
  ["2026-08-14T10:00:00Z", MUG, 4, "published"],
  ["2026-08-15T10:00:00Z", MUG, 1, "pending"],
  ["2026-09-10T10:00:00Z", JEANS, 5, "published"],
  ["2026-09-11T10:00:00Z", MUG, 4, "published"],
  ["2026-09-12T10:00:00Z", JEANS, 2, "pending"],
  ["2026-10-10T10:00:00Z", MUG, 5, "published"],
  ["2026-10-11T10:00:00Z", JEANS, 1, "pending"],
  ["2026-10-12T10:00:00Z", MUG, 3, "pending"],
  ["2026-10-13T10:00:00Z", MUG, 4, "published"],
  // Rejected: not counted.
  ["2026-10-14T10:00:00Z", MUG, 5, "rejected"],
];

let orderNumber = 0;

async function seedShop() {
  const shop = await installedShop({ timezone: "Europe/Stockholm" });
  for (const [shopifyId, title] of [
    [JEANS, "Slim Jeans"],
    [MUG, "Stoneware Mug"],
  ]) {
    await db.product.create({ data: { shop, shopifyId, title, handle: title.toLowerCase().replace(" ", "-") } });
  }
  for (const [at, nps, ces, products] of ANSWERS) {
    orderNumber += 1;
    const order = await db.order.create({
      data: {
        shop,
        shopifyId: String(60_000 + orderNumber),
        name: `#${2000 + orderNumber}`,
        placedAt: new Date("2026-07-01T00:00:00Z"),
        lines: {
          create: products.map((productShopifyId, index) => ({
            shop,
            shopifyLineId: `${orderNumber}-${index}`,
            productShopifyId,
            title: productShopifyId,
            quantity: 1,
          })),
        },
      },
    });
    await db.storeAnswer.create({
      data: {
        shop,
        orderId: order.id,
        nps,
        ces,
        comment: nps !== null && nps <= 6 ? `Comment ${order.name}` : null,
        answeredAt: new Date(at),
      },
    });
  }
  const ids = [];
  for (const [at, product, rating, status] of REVIEWS) {
    const review = await db.review.create({
      data: {
        shop,
        productShopifyId: product,
        rating,
        body: "Good.",
        displayName: "A",
        status,
        createdAt: new Date(at),
      },
    });
    ids.push(review.id);
  }
  await analyzeStoredReviews(shop, ids);
  return shop;
}

async function openInsights(shop: string, query: string): Promise<Page> {
  return jsonOf<Page>(async () => loader(loaderArgs(await adminPageRequest(shop, `/app/insights?${query}`))));
}

let shop: string;
beforeAll(async () => {
  shop = await seedShop();
});

describe("NPS, CSAT and CES on the Insights screen", () => {
  it("gives the period's figures, by hand: NPS with its counts and range, CSAT, CES, and the change", async () => {
    const { metrics } = (await openInsights(shop, "from=2026-09-01&to=2026-10-31")).voc;
    expect(metrics.period).toEqual({
      firstMonth: "2026-09-01",
      lastMonth: "2026-10-01",
      previousFirstMonth: "2026-07-01",
      previousLastMonth: "2026-08-01",
    });
    expect(metrics.zone).toBe("Europe/Stockholm");
    // September 10, 10, 9, 7, 2 and October 9, 5, 4, 0, 8, 10: 5 promoters, 2 passives, 4 detractors of 11.
    // NPS = 100 * (5 - 4) / 11 = 9.09 -> 9. Range: p = 6/14, d = 5/14 (one pseudo-answer per group),
    // half-width = 1.96 * sqrt((p + d - (p - d)^2) / 14) * 100 = 46.28 -> -37 .. 55.
    expect(metrics.current.nps).toEqual({
      answers: 11,
      promoters: 5,
      passives: 2,
      detractors: 4,
      score: 9,
      range: { low: -37, high: 55 },
    });
    // July/August 10, 9, 3, 8, 6: 2 promoters, 1 passive, 2 detractors -> 0. Change 9.09 - 0 -> +9.
    expect(metrics.previous.nps).toMatchObject({ answers: 5, score: 0 });
    expect(metrics.change.nps).toBe(9);
    // CES 7, 6, 2, 5, 1: mean 21 / 5 = 4.2; easy (5-7): 3 of 5. Before: 4, 7 -> 5.5; change -1.3.
    expect(metrics.current.ces).toEqual({ answers: 5, average: 4.2, easyShare: 0.6 });
    expect(metrics.previous.ces).toMatchObject({ answers: 2, average: 5.5 });
    expect(metrics.change.ces).toBe(-1.3);
    // CSAT over published and pending reviews (never rejected): September 5, 4, 2 and October 5, 1, 3, 4:
    // 4 of 7 = 57.1%. August 5, 5, 4, 1: 3 of 4 = 75%. Change 57.14 - 75 = -17.86 -> -18.
    expect(metrics.current.csat).toEqual({ reviews: 7, satisfied: 4, share: 4 / 7 });
    expect(metrics.previous.csat).toEqual({ reviews: 4, satisfied: 3, share: 0.75 });
    expect(metrics.change.csat).toBe(-18);
  });

  it("gives each month its own figures (the trend), in the shop's months", async () => {
    const { metrics } = (await openInsights(shop, "from=2026-09-01&to=2026-10-31")).voc;
    expect(metrics.months.map((month) => month.month)).toEqual(["2026-09-01", "2026-10-01"]);
    const [september, october] = metrics.months;
    // September: 3 promoters, 1 passive (the 7 from 00:30 on 1 September), 1 detractor -> 40, range -17 .. 97.
    expect(september.nps).toEqual({
      answers: 5,
      promoters: 3,
      passives: 1,
      detractors: 1,
      score: 40,
      range: { low: -17, high: 97 },
    });
    expect(september.ces).toEqual({ answers: 3, average: 5, easyShare: 2 / 3 });
    expect(september.csat).toEqual({ reviews: 3, satisfied: 2, share: 2 / 3 });
    // October: 2 promoters, 1 passive, 3 detractors -> -16.67 -> -17; CES 5, 1 -> 3.0.
    expect(october.nps).toMatchObject({ answers: 6, score: -17, range: { low: -74, high: 40 } });
    expect(october.ces).toEqual({ answers: 2, average: 3, easyShare: 0.5 });
    expect(october.csat).toEqual({ reviews: 4, satisfied: 2, share: 0.5 });
  });

  it("gives the same figures for one product: its reviews, and the answers of orders that had it", async () => {
    const { metrics } = (await openInsights(shop, `from=2026-09-01&to=2026-10-31&product=${JEANS}`)).voc;
    // Orders with the jeans: 10 and 2 in September, 9 and 0 in October -> 2 promoters, 2 detractors -> 0.
    expect(metrics.current.nps).toMatchObject({ answers: 4, promoters: 2, passives: 0, detractors: 2, score: 0 });
    expect(metrics.current.nps.range).toEqual({ low: -69, high: 69 });
    // Before: the 3 in July -> -100. Change +100.
    expect(metrics.previous.nps).toMatchObject({ answers: 1, score: -100 });
    expect(metrics.change.nps).toBe(100);
    // CES 7, 2, 5 -> 14 / 3 = 4.67 -> 4.7.
    expect(metrics.current.ces).toMatchObject({ answers: 3, average: 4.7 });
    // The jeans' reviews: 5, 2 and 1 -> 1 of 3; August 5 -> 1 of 1; change 33.3 - 100 -> -67.
    expect(metrics.current.csat).toEqual({ reviews: 3, satisfied: 1, share: 1 / 3 });
    expect(metrics.change.csat).toBe(-67);
  });

  it("lists the detractors' comments one click away, newest first, with the reviews of their orders", async () => {
    const page = await openInsights(shop, "from=2026-09-01&to=2026-10-31&voc=detractors");
    const detractors = page.voc.detractors!;
    expect(detractors.answers.map((answer) => answer.nps)).toEqual([0, 4, 5, 2]);
    expect(detractors.answers.every((answer) => answer.comment?.startsWith("Comment #"))).toBe(true);
    expect(detractors.nextCursor).toBeNull();
    // Without the click there is no list.
    expect((await openInsights(shop, "from=2026-09-01&to=2026-10-31")).voc.detractors).toBeNull();
  });

  it("shows a shop nothing of another shop's answers", async () => {
    const other = await installedShop({ timezone: "Europe/Stockholm" });
    const { metrics, detractors } = (await openInsights(other, "from=2026-09-01&to=2026-10-31&voc=detractors")).voc;
    expect(metrics.current.nps).toMatchObject({ answers: 0, score: null, range: null });
    expect(metrics.current.csat.share).toBeNull();
    expect(metrics.change).toEqual({ nps: null, ces: null, csat: null });
    expect(detractors?.answers).toEqual([]);
  });
});
