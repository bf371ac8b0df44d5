// Issue 14, point 9 (Products list) and point 15 (unknown admin paths): through real session tokens.
import db from "~/db.server";
import { loader as productsLoader } from "~/routes/app.products._index/route";
import { loader as notFoundLoader } from "~/routes/app.$";
import { adminPageRequest, installedShop, jsonOf, loaderArgs, responseOf } from "./support";

interface ProductsData {
  total: number;
  page: number;
  pageCount: number;
  rows: Array<{
    shopifyId: string;
    title: string;
    reviewCount: number;
    averageRating: number | null;
    pendingCount: number;
    lastReviewAt: string | null;
    topics: Array<{ key: string; label: string; mentions: number }>;
  }>;
}

async function openProducts(shop: string, query = ""): Promise<ProductsData> {
  const request = await adminPageRequest(shop, `/app/products${query}`);
  return jsonOf<ProductsData>(() => productsLoader(loaderArgs(request)));
}

async function product(shop: string, shopifyId: string, title: string) {
  await db.product.create({ data: { shop, shopifyId, title, handle: title.toLowerCase().replace(/\W+/g, "-") } });
}

async function review(shop: string, productShopifyId: string, rating: number, status: string, createdAt: Date) {
  return db.review.create({
    data: { shop, productShopifyId, rating, status, body: "Words", displayName: "Åsa L.", createdAt },
  });
}

describe("the Products screen", () => {
  it("lists every product with its published rating, review count, waiting reviews, topics and last review", async () => {
    const shop = await installedShop();
    await product(shop, "9001", "Linen Shirt");
    await product(shop, "9002", "Ceramic Mug Set");
    await product(shop, "9003", "Åre Beanie");
    await review(shop, "9001", 5, "published", new Date("2026-10-01T10:00:00Z"));
    await review(shop, "9001", 4, "published", new Date("2026-10-03T10:00:00Z"));
    await review(shop, "9001", 1, "pending", new Date("2026-10-05T10:00:00Z"));
    await review(shop, "9002", 2, "published", new Date("2026-09-01T10:00:00Z"));
    const week = new Date(Date.now() - 14 * 86_400_000);
    await db.topicAggregate.createMany({
      data: [
        {
          shop,
          productShopifyId: "9001",
          topic: "size_fit",
          weekStart: week,
          language: "",
          rating: 0,
          positive: 3,
          negative: 1,
        },
        { shop, productShopifyId: "9001", topic: "quality", weekStart: week, language: "", rating: 0, positive: 1 },
        // Counted per language too: only the every-language rows are summed.
        { shop, productShopifyId: "9001", topic: "size_fit", weekStart: week, language: "sv", rating: 0, positive: 3 },
      ],
    });
    // Another shop's reviews of the same product id change nothing here.
    const other = await installedShop();
    await review(other, "9001", 1, "published", new Date());

    const data = await openProducts(shop);
    expect(data.total).toBe(3);
    expect(data.rows.map((row) => row.title)).toEqual(["Linen Shirt", "Ceramic Mug Set", "Åre Beanie"]);
    expect(data.rows[0]).toMatchObject({
      reviewCount: 2,
      averageRating: 4.5,
      pendingCount: 1,
      lastReviewAt: "5 Oct 2026",
    });
    expect(data.rows[0].topics.map((topic) => [topic.key, topic.mentions])).toEqual([
      ["size_fit", 4],
      ["quality", 1],
    ]);
    expect(data.rows[1]).toMatchObject({ reviewCount: 1, averageRating: 2, pendingCount: 0, topics: [] });
    expect(data.rows[2]).toMatchObject({ reviewCount: 0, averageRating: null, lastReviewAt: null });
  });

  it("searches by name (any case, Swedish letters too) and sorts by rating or name", async () => {
    const shop = await installedShop();
    await product(shop, "9101", "Linen Shirt");
    await product(shop, "9102", "Åre Beanie");
    await product(shop, "9103", "Linen Duvet Cover");
    await review(shop, "9101", 5, "published", new Date());
    await review(shop, "9103", 3, "published", new Date());

    expect((await openProducts(shop, "?q=LINEN")).rows.map((row) => row.title)).toEqual([
      "Linen Duvet Cover",
      "Linen Shirt",
    ]);
    expect((await openProducts(shop, "?q=åre")).rows.map((row) => row.title)).toEqual(["Åre Beanie"]);
    expect((await openProducts(shop, "?sort=rating_low")).rows.map((row) => row.title)).toEqual([
      "Linen Duvet Cover",
      "Linen Shirt",
      "Åre Beanie",
    ]);
    expect((await openProducts(shop, "?sort=title")).rows.map((row) => row.title)).toEqual([
      "Linen Duvet Cover",
      "Linen Shirt",
      "Åre Beanie",
    ]);
    // A hand-edited URL falls back to the defaults instead of failing.
    expect((await openProducts(shop, "?sort=nonsense&page=-3")).page).toBe(1);
  });
});

describe("an admin path no screen answers", () => {
  it("answers a 404 written for a merchant (shown as a Polaris page in the admin frame), after authenticating", async () => {
    const shop = await installedShop();
    const request = await adminPageRequest(shop, "/app/loyalty");
    const response = await responseOf(() => notFoundLoader(loaderArgs(request, { "*": "loyalty" })));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ merchantError: true, title: "Page not found" });
  });

  it("sends a visitor without a session token to log in rather than telling them what exists", async () => {
    const response = await responseOf(() =>
      notFoundLoader(loaderArgs(new Request("http://localhost/app/loyalty"), { "*": "loyalty" })),
    );
    expect(response.status).not.toBe(404);
  });
});
