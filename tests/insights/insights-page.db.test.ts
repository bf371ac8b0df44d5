// The Insights screen and a product's page, through the routes a merchant's browser calls (real session
// tokens), over reviews analysed by the real pipeline. Expected counts come from the TopicMention rows (one
// path), the screen reads the weekly aggregates (the other): they must agree for every filter.
import db from "~/db.server";
import { analyzeStoredReviews, REANALYZE_SHOP_JOB, REVIEW_AS_A_WHOLE } from "~/modules/insights";
import { action, loader } from "~/routes/app.insights/route";
import { loader as productLoader } from "~/routes/app.products.$productId";
import {
  actionArgs,
  adminFormPost,
  adminPageRequest,
  installedShop,
  jsonOf,
  loaderArgs,
  responseOf,
} from "../admin/support";
import { createReview, JEANS, MUG, SWEATER } from "./insights-factory";

interface TopicRow {
  key: string;
  label: string;
  custom: boolean;
  positive: number;
  negative: number;
  neutral: number;
  total: number;
  trend: { week: string; positive: number; negative: number }[];
}
interface Snippet {
  mentionId: string;
  sentiment: string;
  rating: number;
  language: string;
  evidence: string;
  productShopifyId: string;
  highlighted: { title: { text: string; marked: boolean }[]; body: { text: string; marked: boolean }[] };
}
interface Page {
  filters: { product: string; language: string; ratings: number[]; from: string; to: string; topic: string | null };
  overview: {
    weeks: string[];
    reviews: {
      total: number;
      averageRating: number | null;
      fiveStarShare: number | null;
      positiveShare: number | null;
      netScore: number | null;
    };
    ratingTrend: { week: string; stars: number[] }[];
    topics: TopicRow[];
  };
  options: { products: { id: string; title: string }[]; languages: string[] };
  customTopics: { key: string; label: string; keywords: string[] }[];
  drillDown: { topic: string; snippets: Snippet[]; nextCursor: string | null } | null;
}

const RANGE = "from=2026-08-31&to=2026-10-25";
const REVIEWS = [
  {
    product: JEANS,
    rating: 5,
    locale: "en",
    createdAt: "2026-08-31T10:00:00Z",
    title: "Perfect jeans",
    body: "Fits perfectly and the quality is excellent.",
  },
  {
    product: JEANS,
    rating: 4,
    locale: "sv",
    createdAt: "2026-09-03T10:00:00Z",
    body: "Passformen är perfekt men leveransen var långsam.",
  },
  {
    product: JEANS,
    rating: 2,
    locale: "en",
    createdAt: "2026-09-15T10:00:00Z",
    body: "Way too small in the waist. Runs small, order a size up.",
  },
  {
    product: JEANS,
    rating: 1,
    locale: "sv",
    createdAt: "2026-10-06T10:00:00Z",
    body: "Alldeles för trånga i midjan och usel kvalitet.",
  },
  {
    product: SWEATER,
    rating: 3,
    locale: "en",
    createdAt: "2026-10-07T10:00:00Z",
    body: "Soft and comfortable, but way overpriced.",
  },
  {
    product: SWEATER,
    rating: 5,
    locale: "sv",
    createdAt: "2026-10-12T10:00:00Z",
    body: "Mjuk och skön, snabb leverans!",
  },
  {
    product: MUG,
    rating: 2,
    locale: "en",
    createdAt: "2026-10-13T10:00:00Z",
    body: "Two mugs arrived broken, the packaging was far too thin.",
  },
  {
    product: MUG,
    rating: 5,
    locale: "en",
    createdAt: "2026-10-20T10:00:00Z",
    body: "Lovely mugs, great quality and fast delivery.",
  },
  // Outside the range: must not be counted.
  { product: JEANS, rating: 1, locale: "en", createdAt: "2026-07-01T10:00:00Z", body: "The fit is way too tight." },
] as const;

async function seedShop() {
  const shop = await installedShop();
  for (const product of [JEANS, MUG, SWEATER]) {
    await db.product.create({
      data: {
        shop,
        shopifyId: product.shopifyId,
        title: product.title,
        handle: product.title.toLowerCase().replace(/\W+/g, "-"),
        productType: product.productType,
      },
    });
  }
  const ids = [];
  for (const spec of REVIEWS) ids.push((await createReview(shop, spec)).id);
  await analyzeStoredReviews(shop, ids);
  return shop;
}

async function openInsights(shop: string, query: string): Promise<Page> {
  return jsonOf<Page>(async () => loader(loaderArgs(await adminPageRequest(shop, `/app/insights?${query}`))));
}

/** Topic counts straight from the mentions, for the same filters. */
async function expectedTopics(
  shop: string,
  where: {
    productShopifyId?: string;
    language?: string;
    rating?: { in: readonly number[] };
    from?: string;
    to?: string;
  },
) {
  const rows = await db.topicMention.groupBy({
    by: ["topic", "sentiment"],
    where: {
      shop,
      topic: { not: REVIEW_AS_A_WHOLE },
      ...(where.productShopifyId ? { productShopifyId: where.productShopifyId } : {}),
      ...(where.language ? { language: where.language } : {}),
      ...(where.rating ? { rating: { in: [...where.rating.in] } } : {}),
      reviewCreatedAt: {
        gte: new Date(`${where.from ?? "2026-08-31"}T00:00:00Z`),
        lt: new Date(`${where.to ?? "2026-10-26"}T00:00:00Z`),
      },
    },
    _count: { _all: true },
  });
  const byTopic: Record<string, { positive: number; negative: number; neutral: number }> = {};
  for (const row of rows) {
    byTopic[row.topic] ??= { positive: 0, negative: 0, neutral: 0 };
    byTopic[row.topic][row.sentiment as "positive"] = row._count._all;
  }
  return byTopic;
}

function shownTopics(page: Page) {
  return Object.fromEntries(
    page.overview.topics.map((topic) => [
      topic.key,
      { positive: topic.positive, negative: topic.negative, neutral: topic.neutral },
    ]),
  );
}

describe("the Insights screen", () => {
  it("shows the topics, figures and weekly ratings of the shop's analysed reviews", async () => {
    const shop = await seedShop();
    const page = await openInsights(shop, RANGE);

    expect(page.overview.weeks).toEqual([
      "2026-08-31",
      "2026-09-07",
      "2026-09-14",
      "2026-09-21",
      "2026-09-28",
      "2026-10-05",
      "2026-10-12",
      "2026-10-19",
    ]);
    expect(page.overview.reviews.total).toBe(8);
    expect(page.overview.reviews.averageRating).toBe(3.38);
    expect(page.overview.reviews.fiveStarShare).toBeCloseTo(3 / 8);
    // 5-star share minus 1-3-star share: 3/8 - 4/8 = -12.5 points, rounded half up.
    expect(page.overview.reviews.netScore).toBe(-12);
    expect(page.overview.ratingTrend.find((week) => week.week === "2026-10-05")?.stars).toEqual([1, 0, 1, 0, 0]);
    expect(shownTopics(page)).toEqual(await expectedTopics(shop, {}));
    expect(page.overview.topics.find((topic) => topic.key === "size_fit")).toMatchObject({
      label: "Size & fit",
      positive: 2,
      negative: 2,
    });
    expect(
      page.overview.topics.find((topic) => topic.key === "size_fit")?.trend.find((week) => week.week === "2026-09-14"),
    ).toMatchObject({ negative: 1 });
    expect(page.options.products.map((product) => product.title)).toEqual([
      "Merino Sweater",
      "Slim Jeans",
      "Stoneware Mug",
    ]);
    expect(page.options.languages).toEqual(["en", "sv"]);
    expect(page.drillDown).toBeNull();
  });

  it.each([
    ["product", `product=${JEANS.shopifyId}`, { productShopifyId: JEANS.shopifyId }, 4],
    ["language", "language=sv", { language: "sv" }, 3],
    ["ratings", "ratings=1,2", { rating: { in: [1, 2] } }, 3],
    ["date range", "from=2026-10-05&to=2026-10-18", { from: "2026-10-05", to: "2026-10-19" }, 4],
  ] as const)("narrows everything to the chosen %s", async (_name, query, where, reviewCount) => {
    const shop = await seedShop();
    const page = await openInsights(shop, query.startsWith("from=") ? query : `${RANGE}&${query}`);
    expect(page.overview.reviews.total).toBe(reviewCount);
    expect(shownTopics(page)).toEqual(await expectedTopics(shop, where));
  });

  it("drills into a topic's reviews with the evidence marked, newest first, a page at a time", async () => {
    const shop = await seedShop();
    const negative = await openInsights(shop, `${RANGE}&topic=size_fit&sentiment=negative`);
    expect(negative.drillDown?.snippets.map((snippet) => snippet.sentiment)).toEqual(["negative", "negative"]);
    for (const snippet of negative.drillDown!.snippets) {
      const marked = [...snippet.highlighted.title, ...snippet.highlighted.body].filter((segment) => segment.marked);
      expect(marked.map((segment) => segment.text)).toEqual([snippet.evidence]);
    }
    expect(negative.drillDown?.snippets[0].language).toBe("sv");

    const firstPage = await jsonOf<Page>(async () =>
      loader(loaderArgs(await adminPageRequest(shop, `/app/insights?${RANGE}&topic=size_fit`))),
    );
    expect(firstPage.drillDown?.snippets).toHaveLength(4);
    // The title is analysed with the body: evidence found there is marked in the title.
    const titled = firstPage.drillDown!.snippets.find((snippet) => snippet.highlighted.title.length > 0);
    expect(titled?.highlighted.title.map((segment) => segment.text).join("")).toBe("Perfect jeans");
  });

  it("pages through a topic's reviews once each", async () => {
    const shop = await installedShop();
    const ids = [];
    for (let i = 0; i < 27; i++)
      ids.push(
        (
          await createReview(shop, {
            body: i % 2 ? "Fits perfectly." : "Way too small.",
            createdAt: new Date(Date.UTC(2026, 8, 1 + (i % 9), 12)),
          })
        ).id,
      );
    await analyzeStoredReviews(shop, ids);
    const seen: string[] = [];
    let page = await openInsights(shop, `${RANGE}&topic=size_fit`);
    seen.push(...page.drillDown!.snippets.map((snippet) => snippet.mentionId));
    while (page.drillDown?.nextCursor) {
      page = await openInsights(shop, `${RANGE}&topic=size_fit&cursor=${page.drillDown.nextCursor}`);
      seen.push(...page.drillDown!.snippets.map((snippet) => snippet.mentionId));
    }
    expect(seen).toHaveLength(27);
    expect(new Set(seen).size).toBe(27);
  });

  it("shows nothing of another shop and ignores what it cannot read in the URL", async () => {
    const shop = await seedShop();
    const other = await installedShop();
    const page = await openInsights(other, `${RANGE}&topic=size_fit`);
    expect(page.overview.reviews.total).toBe(0);
    expect(page.overview.topics).toEqual([]);
    expect(page.drillDown?.snippets).toEqual([]);

    const odd = await openInsights(shop, `${RANGE}&ratings=9,x&language=<script>&topic=not_a_topic&sentiment=angry`);
    expect(odd.filters).toMatchObject({ ratings: [], language: "", topic: null });
    expect(odd.overview.reviews.total).toBe(8);
  });

  it("refuses a request without a valid session token", async () => {
    const shop = await seedShop();
    const response = await responseOf(() =>
      loader(loaderArgs(new Request(`https://kundrost.example/app/insights?shop=${shop}&embedded=1`))),
    );
    expect(response.status).not.toBe(200);
  });
});

describe("custom topics on the Insights screen", () => {
  async function post(shop: string, fields: Record<string, string>) {
    const response = await responseOf(async () =>
      action(actionArgs(await adminFormPost(shop, "/app/insights", fields))),
    );
    return {
      status: response.status,
      body: (await response.json()) as { ok: boolean; fieldErrors?: Record<string, string>; message?: string },
    };
  }

  it.each([
    [{ label: "", keywords: "sleeve" }, "label", /at least two characters/],
    [{ label: "Sleeves", keywords: " , ," }, "keywords", /at least one keyword/],
    [{ label: "Sleeves", keywords: "sleeve, <b>" }, "keywords", /"<b>": Use letters/],
    [{ label: "Quality", keywords: "stitching" }, "label", /built-in topic/],
    [{ label: "storlek & passform", keywords: "midja" }, "label", /built-in topic/],
    [{ label: "x".repeat(41), keywords: "sleeve" }, "label", /under 40 characters/],
  ])("tells the merchant what to fix: %j", async (fields, field, message) => {
    const shop = await installedShop();
    const { status, body } = await post(shop, { intent: "add-topic", ...fields });
    expect(status).toBe(422);
    expect(body.fieldErrors?.[field]).toMatch(message);
    expect(await db.customTopic.count({ where: { shop } })).toBe(0);
  });

  it("adds a topic, re-analyses the shop's reviews for it in the background, and removes it", async () => {
    const shop = await seedShop();
    const added = await post(shop, { intent: "add-topic", label: "Waist", keywords: "waist, midja*" });
    expect(added).toMatchObject({ status: 200, body: { ok: true } });
    expect(await db.customTopic.findFirst({ where: { shop } })).toMatchObject({
      key: "custom_waist",
      label: "Waist",
      keywords: JSON.stringify(["waist", "midja*"]),
    });
    expect(await db.job.count({ where: { shop, type: REANALYZE_SHOP_JOB, status: "queued" } })).toBe(1);

    const duplicate = await post(shop, { intent: "add-topic", label: "waist", keywords: "waistband" });
    expect(duplicate.body.fieldErrors?.label).toMatch(/already have a topic/);

    const page = await openInsights(shop, RANGE);
    expect(page.customTopics).toEqual([{ key: "custom_waist", label: "Waist", keywords: ["waist", "midja*"] }]);

    const removed = await post(shop, { intent: "remove-topic", key: "custom_waist" });
    expect(removed.body.ok).toBe(true);
    expect(await db.customTopic.count({ where: { shop } })).toBe(0);
  });
});

describe("a product's page", () => {
  it("shows its rating summary, latest reviews and its topics", async () => {
    const shop = await seedShop();
    const response = await jsonOf<{
      product: { title: string };
      summary: { count: number };
      reviews: { body: string }[];
      topics: TopicRow[];
      analysedReviews: number;
    }>(async () =>
      productLoader(
        loaderArgs(await adminPageRequest(shop, `/app/products/${JEANS.shopifyId}`), { productId: JEANS.shopifyId }),
      ),
    );
    expect(response.product.title).toBe("Slim Jeans");
    expect(response.summary.count).toBe(5);
    expect(response.reviews[0].body).toBe("Alldeles för trånga i midjan och usel kvalitet.");
    const expected = await expectedTopics(shop, {
      productShopifyId: JEANS.shopifyId,
      from: "2025-11-01",
      to: "2026-12-31",
    });
    expect(
      Object.fromEntries(
        response.topics.map((topic) => [
          topic.key,
          { positive: topic.positive, negative: topic.negative, neutral: topic.neutral },
        ]),
      ),
    ).toEqual(expected);
  });

  it("answers 404 with what to do for a product the shop does not have", async () => {
    const shop = await seedShop();
    const response = await responseOf(async () =>
      productLoader(loaderArgs(await adminPageRequest(shop, "/app/products/999"), { productId: "999" })),
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ merchantError: true });
  });
});
