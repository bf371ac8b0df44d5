// Which Smart Prompts a product gets on the review page: what the shop's reviews of this product and of its type
// talk about, defaults for a product nobody reviewed yet (fit for jeans, packaging for mugs), and the compact
// keyword index the page carries for exactly those topics, in the page's language and English.
import db from "~/db.server";
import { analyzeStoredReviews } from "~/modules/insights";
import { smartPromptsFor } from "~/modules/voc";
import { loader } from "~/routes/r.$token._index";
import { createReviewRequest, createShop, reviewLink } from "../reviews/review-request-factory";

async function product(shop: string, shopifyId: string, title: string, productType: string | null) {
  await db.product.create({ data: { shop, shopifyId, title, productType, handle: shopifyId } });
}

async function reviews(shop: string, productShopifyId: string, bodies: string[]) {
  const ids: string[] = [];
  for (const body of bodies) {
    const review = await db.review.create({
      data: { shop, productShopifyId, rating: 3, body, displayName: "A", status: "published", createdAt: new Date() },
    });
    ids.push(review.id);
  }
  await analyzeStoredReviews(shop, ids);
}

const keys = (topics: { key: string }[] | undefined) => topics?.map((topic) => topic.key);

describe("Smart Prompts' topics", () => {
  it("start from sensible defaults for products nobody has reviewed: fit for jeans, packaging for mugs", async () => {
    const { shop } = await createShop();
    await product(shop, "1", "Slim Jeans", "Jeans");
    await product(shop, "2", "Stoneware Mug", "Kitchen");
    await product(shop, "3", "Bike Lamp", "Accessories");
    const prompts = await smartPromptsFor(shop, ["1", "2", "3"], "en");
    expect(keys(prompts.products["1"])).toEqual(["size_fit", "quality", "comfort", "appearance"]);
    expect(keys(prompts.products["2"])).toEqual(["quality", "durability", "packaging", "appearance"]);
    expect(keys(prompts.products["3"])).toEqual(["quality", "functionality", "ease_of_use", "price_value"]);
    expect(prompts.products["1"]?.[0]).toEqual({ key: "size_fit", label: "Size & fit" });
    // Only what the page prompts travels to the browser.
    expect(Object.keys(prompts.index).sort()).toEqual(
      [
        "appearance",
        "comfort",
        "durability",
        "ease_of_use",
        "functionality",
        "packaging",
        "price_value",
        "quality",
        "size_fit",
      ].sort(),
    );
  });

  it("follow what the product's own reviews talk about", async () => {
    const { shop } = await createShop();
    await product(shop, "2", "Stoneware Mug", "Kitchen");
    await reviews(shop, "2", [
      "Nice colour but the handle broke after a week.",
      "Cracked after two weeks, not durable at all.",
      "Broke in the dishwasher.",
    ]);
    const prompts = await smartPromptsFor(shop, ["2"], "en");
    expect(keys(prompts.products["2"])?.[0]).toBe("durability");
  });

  it("learn from products of the same type for a new one", async () => {
    const { shop } = await createShop();
    await product(shop, "10", "Relaxed Jeans", "Jeans");
    await product(shop, "11", "New Jeans", "Jeans");
    await reviews(shop, "10", [
      "Way too small in the waist.",
      "The fit is far too tight.",
      "Runs small, order a size up.",
      "Lovely colour.",
    ]);
    const prompts = await smartPromptsFor(shop, ["11"], "sv");
    expect(keys(prompts.products["11"])?.[0]).toBe("size_fit");
    expect(prompts.products["11"]?.[0].label).toBe("Storlek & passform");
    // A Swedish page carries the Swedish words and the English ones.
    expect(prompts.index.size_fit.split("|")).toEqual(expect.arrayContaining(["waist", "passform*"]));
  });

  it("are on the review page for every product still to review, with the index on the page", async () => {
    const { shop } = await createShop();
    const { request } = await createReviewRequest({
      shop,
      products: [
        { shopifyId: "7001", title: "Linen Shirt", productType: "Shirts" },
        { shopifyId: "7002", title: "Ceramic Mug Set (4)", productType: "Kitchen" },
      ],
    });
    const token = reviewLink(request);
    const response = (await loader({
      request: new Request(`https://x.example/r/${token}`),
      params: { token },
      context: {},
    })) as Response;
    const data = await response.json();
    expect(keys(data.prompts.products["7001"])).toContain("size_fit");
    expect(keys(data.prompts.products["7002"])).toContain("packaging");
    expect(data.prompts).toMatchObject({ title: "You could mention", covered: "covered" });
    expect(Object.keys(data.prompts.index)).toContain("packaging");
    // Compact: the words of exactly the prompted topics, not the engine's lexicons (a few KB in the page's HTML;
    // engine 2.2.0's fuller fit vocabulary brought these two products' index from about 3.1 to 3.6 KB, engine 2.3.0's
    // phrases to 6.2 KB until the index left out phrases that hold one of its words, topic-vocabulary.server.ts).
    const prompted = new Set(["7001", "7002"].flatMap((id) => keys(data.prompts.products[id]) ?? []));
    expect(new Set(Object.keys(data.prompts.index))).toEqual(prompted);
    expect(JSON.stringify(data.prompts.index).length).toBeLessThan(4_000);
  });
});
