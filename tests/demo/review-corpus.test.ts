// Issue 14, point 13: every demo review fits its product, its stars and its source. The corpus is generated
// for the real demo catalogue over six months of delivered order lines, then read the way a merchant would.
import { DEMO_PRODUCTS } from "~/modules/demo/catalog";
import { demoDecision, DEMO_UNDECIDED_DAYS } from "~/modules/demo/reviews-step.server";
import { moderationReasons } from "~/modules/reviews";
import { renderDemoProductImage } from "~/modules/demo/product-images";
import { createRandom, generateDemoReviews, type CorpusOrderLine } from "../../scripts/seed/review-corpus";

const NOW = new Date("2026-11-24T10:00:00Z");
const products = DEMO_PRODUCTS.filter((product) => product.kind !== "gift_card");
const byId = new Map(products.map((product) => [product.shopifyId, product]));

function sixMonthsOfLines(): CorpusOrderLine[] {
  const random = createRandom(99);
  return Array.from({ length: 1_200 }, (_, i) => ({
    orderId: `order-${i}`,
    customerId: `customer-${i % 300}`,
    productShopifyId: products[Math.floor(random() * products.length)].shopifyId,
    deliveredAt: new Date(NOW.getTime() - Math.floor(random() * 180) * 86_400_000),
    locale: random() < 0.55 ? "sv" : "en",
    customerFirstName: "Åsa",
    customerLastName: "Lind",
  }));
}

const reviews = generateDemoReviews({ seed: 4_711, products, lines: sixMonthsOfLines(), now: NOW, minimum: 1_500 });
const text = (review: (typeof reviews)[number]) => `${review.title ?? ""} ${review.body}`.toLowerCase();
const handleOf = (review: (typeof reviews)[number]) => byId.get(review.productShopifyId)!.handle;

describe("the demo shop's reviews fit their products", () => {
  it.each([
    ["broken mugs", /mug|mugg/, ["ceramic-mug-set"]],
    ["the dishwasher", /dishwasher|diskmaskin/, ["ceramic-mug-set"]],
    ["coffee", /coffee|kaffe/, ["ceramic-mug-set"]],
    ["keeping the rain out", /rain|regn/, ["rain-jacket"]],
    ["a duvet", /duvet|påslakan/, ["linen-duvet-cover"]],
    ["a waist", /waist|midja/, ["slim-selvedge-jeans"]],
  ])("mentions %s only on the products it describes", (_label, pattern, handles) => {
    const misfits = reviews.filter((review) => pattern.test(text(review)) && !handles.includes(handleOf(review)));
    expect(misfits.map((review) => `${handleOf(review)}: ${review.body}`)).toEqual([]);
  });

  it("talks about size only for what is worn, and about washing and pilling only for textiles", () => {
    const worn = new Set(
      DEMO_PRODUCTS.filter((p) => p.kind === "apparel" || p.kind === "footwear").map((p) => p.handle),
    );
    const sizeTalk = reviews.filter((review) => /storlek|runs small|sizing|size up|fits perfectly/.test(text(review)));
    expect(
      sizeTalk.filter((review) => !worn.has(handleOf(review))).map((r) => `${handleOf(r)}: ${r.title} ${r.body}`),
    ).toEqual([]);
    const noWash = [
      "scented-candle-birch-moss",
      "ceramic-mug-set",
      "oak-cutting-board",
      "canvas-sneakers",
      "rain-jacket",
    ];
    const washTalk = reviews.filter(
      (review) => /wash|tvätt|pill|noppa|noppor/.test(text(review)) && noWash.includes(handleOf(review)),
    );
    expect(washTalk.map((r) => `${handleOf(r)}: ${r.body}`)).toEqual([]);
  });

  it("says what its stars say: no complaint in a five-star review, no 'very happy' over one", () => {
    const complaint =
      /started pilling|noppa sig efter|fell apart|gick sönder|disappointed|besviken|quality is poor|kvaliteten är dålig|shipping was slow|långsam frakt|week late|för sent/;
    expect(reviews.filter((r) => r.rating === 5 && complaint.test(text(r))).map((r) => r.body)).toEqual([]);
    const happyTitle = /^(very happy|mycket nöjd|love it|älskar den|perfect|perfekt)$/i;
    const happyOverComplaint = reviews.filter(
      (r) => r.title && happyTitle.test(r.title) && complaint.test(r.body.toLowerCase()),
    );
    expect(happyOverComplaint.map((r) => `${r.rating}★ ${r.title}: ${r.body}`)).toEqual([]);
    expect(reviews.filter((r) => r.rating <= 2 && r.title && happyTitle.test(r.title))).toEqual([]);
  });

  it("ties reviews that did not come through an order to nobody and does not call them verified", () => {
    const unlinked = reviews.filter((review) => review.orderId === null);
    expect(unlinked.length).toBeGreaterThan(0);
    expect(unlinked.every((review) => !review.verifiedBuyer && review.customerId === null)).toBe(true);
  });

  it("still has every story and both languages", () => {
    expect(new Set(reviews.map((r) => r.locale))).toEqual(new Set(["en", "sv"]));
    expect(reviews.some((r) => handleOf(r) === "ceramic-mug-set" && /broken|trasiga/.test(r.body.toLowerCase()))).toBe(
      true,
    );
    expect(new Set(reviews.map((r) => r.rating))).toEqual(new Set([1, 2, 3, 4, 5]));
  });
});

describe("the demo merchant's decisions on held reviews", () => {
  const random = createRandom(1);
  const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

  it("leaves only recent held reviews waiting", () => {
    expect(demoDecision(["low_rating"], daysAgo(2), NOW, random).status).toBe("pending");
    expect(demoDecision(["low_rating"], daysAgo(DEMO_UNDECIDED_DAYS + 1), NOW, random).status).toBe("published");
  });

  it("publishes old low-star reviews (never hides a review for its rating) and rejects old spam", () => {
    const published = demoDecision(["low_rating"], daysAgo(60), NOW, random);
    expect(published.publishedAt!.getTime()).toBeGreaterThan(daysAgo(60).getTime());
    expect(demoDecision(["link"], daysAgo(60), NOW, random)).toEqual({ status: "rejected", publishedAt: null });
    expect(demoDecision([], daysAgo(60), NOW, random)).toEqual({ status: "published", publishedAt: daysAgo(60) });
  });
});

describe("the demo merchant's moderation queue", () => {
  const held = generateDemoReviews({
    seed: 4_711,
    products,
    lines: sixMonthsOfLines(),
    now: NOW,
    minimum: 1_500,
    contactDetailsWithinDays: DEMO_UNDECIDED_DAYS,
  });
  const since = NOW.getTime() - DEMO_UNDECIDED_DAYS * 86_400_000;
  const reasons = (review: (typeof held)[number]) => moderationReasons(review, { autoPublishMinRating: 1 });

  it("has recent reviews held for the contact details shoppers wrote, each with its reason", () => {
    const waiting = held.filter((review) => reasons(review).length > 0);
    expect(waiting.length).toBeGreaterThanOrEqual(5);
    expect(waiting.every((review) => review.createdAt.getTime() >= since)).toBe(true);
    expect(new Set(waiting.flatMap(reasons))).toEqual(new Set(["email", "phone", "link"]));
    // Not every recent review: most are published at once.
    expect(waiting.length).toBeLessThan(held.filter((review) => review.createdAt.getTime() >= since).length / 2);
  });

  it("changes nothing else: the same reviews, only some recent bodies longer", () => {
    expect(held.map(({ body, ...rest }) => rest)).toEqual(reviews.map(({ body, ...rest }) => rest));
    const changed = held.filter((review, i) => review.body !== reviews[i].body);
    expect(changed.every((review) => review.body.startsWith(reviews[held.indexOf(review)].body))).toBe(true);
    expect(changed.length).toBeGreaterThan(0);
    expect(reviews.filter((review) => reasons(review).length > 0)).toEqual([]);
  });
});

describe("the demo product pictures", () => {
  it("draw a board and towels, not the mug, for the kitchen products that are not mugs", () => {
    const picture = (handle: string) => renderDemoProductImage(DEMO_PRODUCTS.find((p) => p.handle === handle)!);
    const mugShape = /<path d="([^"]+)"/.exec(picture("ceramic-mug-set"))![1];
    for (const handle of ["oak-cutting-board", "linen-tea-towels"]) {
      expect(/<path d="([^"]+)"/.exec(picture(handle))![1]).not.toBe(mugShape);
    }
  });
});
