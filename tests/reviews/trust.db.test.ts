// Reviews merchants can trust: the signals that need the database, the history after a chain of decisions,
// shoppers' votes and reports (two at the same moment count once, on SQLite and PostgreSQL), follow-up tasks,
// and rating metafields that equal a recount after every kind of change.
import db from "~/db.server";
import { jobDefinitions } from "~/jobs.server";
import { drainJobs } from "~/modules/jobs";
import {
  deleteReviews,
  hideReviews,
  listOpenFollowUpTasks,
  loadReviewHistory,
  moderateReviews,
  publishReviews,
  reconcileProductRatings,
  recountProductRatings,
  reportReview,
  restoreReviews,
  saveReviewReply,
  sendPrivateReply,
  submitReviewsForRequest,
  updateFollowUpTask,
  voteHelpful,
  VOTES_PER_VISITOR_WINDOW,
} from "~/modules/reviews";
import { createStandInGraphql, standInProductMetafields } from "~/modules/demo/standin.server";
import { redactCustomer } from "~/modules/privacy";
import { createReviewRequest, createShop, LINEN_SHIRT, MUG_SET, WOOL_SWEATER } from "./review-request-factory";

const NOW = new Date("2026-10-12T10:00:00Z");

async function submit(
  shop: string,
  products = [LINEN_SHIRT],
  entry: { rating: number; title?: string; body?: string },
  options: { networkAddress?: string; locale?: string; at?: Date } = {},
) {
  const { request, order, customer } = await createReviewRequest({ shop, products, locale: options.locale });
  const result = await submitReviewsForRequest(
    {
      shop,
      requestId: request.id,
      orderId: order.id,
      customerId: customer?.id ?? null,
      locale: options.locale ?? "en",
      networkAddress: options.networkAddress,
      entries: products.map((p) => ({ productShopifyId: p.shopifyId, displayName: "Anna L.", ...entry })),
    },
    { now: options.at ?? NOW },
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.reviews;
}

describe("signals that need the database", () => {
  it("holds the same text sent again from another order, and explains why", async () => {
    const { shop } = await createShop();
    const text = "Best shirt I have ever owned, buy it now before it sells out everywhere";
    const [first] = await submit(shop, [LINEN_SHIRT], { rating: 5, body: text });
    const [second] = await submit(shop, [MUG_SET], { rating: 5, body: `${text}!` });
    expect(first.status).toBe("published");
    expect(second).toMatchObject({ status: "pending", heldFor: ["duplicate_text"] });
    const history = await loadReviewHistory(shop, second.id);
    expect(history.map((e) => [e.action, e.actor])).toEqual([["held", "rules"]]);
    expect(history[0].reasons[0].words).toMatch(/same or nearly the same text/);
  });

  it("holds the fourth review from one network address within a day, but not one order's several products", async () => {
    const { shop } = await createShop();
    const several = await submit(
      shop,
      [LINEN_SHIRT, MUG_SET, WOOL_SWEATER],
      { rating: 5, body: "Lovely" },
      { networkAddress: "203.0.113.9" },
    );
    expect(several.map((r) => r.status)).toEqual(["published", "published", "published"]);
    const [fourth] = await submit(
      shop,
      [LINEN_SHIRT],
      { rating: 5, body: "Also lovely" },
      { networkAddress: "203.0.113.9" },
    );
    expect(fourth.heldFor).toEqual(["network_burst"]);
    // Only a hash of the address is kept.
    expect((await db.review.findUniqueOrThrow({ where: { id: fourth.id } })).networkKey).toMatch(/^[0-9a-f]{32}$/);
  });

  it.each([
    ["en", 5, "Terrible quality, the seams ripped and it was a complete waste of money. Awful."],
    ["sv", 1, "Helt fantastisk tröja, perfekt passform och underbart mjuk. Älskar den!"],
  ])("holds %s text that strongly contradicts its stars", async (locale, rating, body) => {
    const { shop } = await createShop();
    const [review] = await submit(shop, [MUG_SET], { rating, body }, { locale });
    expect(review.heldFor).toEqual(["sentiment_mismatch"]);
  });

  it("publishes a one-star verified review that passes the content checks, and opens a follow-up task", async () => {
    const { shop } = await createShop();
    const [review] = await submit(shop, [MUG_SET], { rating: 1, body: "Two of the four mugs arrived cracked." });
    expect(review.status).toBe("published");
    const { tasks, total } = await listOpenFollowUpTasks(shop, { now: new Date(NOW.getTime() + 3 * 86_400_000) });
    expect(total).toBe(1);
    expect(tasks[0]).toMatchObject({ reviewId: review.id, rating: 1, ageDays: 3, productTitle: MUG_SET.title });
  });
});

describe("the history after a chain of actions", () => {
  it("records who did what, when and why, and keeps a deleted review's record", async () => {
    const { shop } = await createShop();
    const [review] = await submit(shop, [LINEN_SHIRT], { rating: 2, body: "Shrank in the wash." });
    const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
    const change = { shop, reviewIds: [review.id], actor: "merchant" as const };
    await hideReviews({ ...change, reason: "offensive", note: "Insults the staff", now: at(1) });
    await restoreReviews({ ...change, now: at(2) });
    await publishReviews({ ...change, now: at(3) });
    expect(await moderateReviews({ shop, reviewIds: [review.id], status: "rejected" })).toEqual({
      ok: false,
      refused: "reason_required",
    });
    expect(await moderateReviews({ shop, reviewIds: [review.id], status: "rejected", reason: "other" })).toEqual({
      ok: false,
      refused: "note_required",
    });
    await deleteReviews({ ...change, now: at(4) });

    const history = await loadReviewHistory(shop, review.id);
    expect(history.map((e) => [e.action, e.actor, e.fromStatus, e.toStatus])).toEqual([
      ["published", "rules", null, "published"],
      ["hidden", "merchant", "published", "rejected"],
      ["restored", "merchant", "rejected", "pending"],
      ["published", "merchant", "pending", "published"],
      ["deleted", "merchant", "published", null],
    ]);
    expect(history[1]).toMatchObject({
      note: "Insults the staff",
      reasons: [{ code: "offensive", words: "Offensive, hateful or harassing language" }],
    });
    expect(await db.review.count({ where: { id: review.id } })).toBe(0);
    expect(await db.followUpTask.count({ where: { reviewId: review.id } })).toBe(0);
  });

  it("a reply closes the follow-up task; the merchant can note and close one too", async () => {
    const { shop } = await createShop();
    const [a] = await submit(shop, [LINEN_SHIRT], { rating: 1, body: "Wrong size sent." });
    const [b] = await submit(shop, [MUG_SET], { rating: 2, body: "Slow delivery." });
    expect((await saveReviewReply({ shop, reviewId: a.id, body: "Sorry! A new one is on its way." })).ok).toBe(true);
    expect(
      await updateFollowUpTask({
        shop,
        reviewId: b.id,
        note: "Called the customer, refunded shipping",
        status: "done",
      }),
    ).toEqual({ ok: true });
    const tasks = await db.followUpTask.findMany({ where: { shop }, orderBy: { createdAt: "asc" } });
    expect(tasks.map((t) => [t.reviewId, t.status, t.closedBy])).toEqual([
      [a.id, "done", "reply"],
      [b.id, "done", "merchant"],
    ]);
    expect(tasks[1].note).toBe("Called the customer, refunded shipping");
    expect((await listOpenFollowUpTasks(shop)).total).toBe(0);
  });
});

describe("shopper votes and reports", () => {
  it("counts two helpful votes from one visitor arriving at the same moment once", async () => {
    const { shop } = await createShop();
    const [review] = await submit(shop, [LINEN_SHIRT], { rating: 5, body: "Great" });
    const visitor = "visitor-7f3a9c21";
    const results = await Promise.all([1, 2, 3, 4].map(() => voteHelpful({ shop, reviewId: review.id, visitor })));
    expect(results.filter((r) => r.ok && r.counted)).toHaveLength(1);
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await db.review.findUniqueOrThrow({ where: { id: review.id } })).helpfulCount).toBe(1);
    expect(await db.reviewVote.count({ where: { reviewId: review.id } })).toBe(1);
    expect(await voteHelpful({ shop, reviewId: review.id, visitor: "visitor-second-one" })).toMatchObject({
      ok: true,
      counted: true,
      helpfulCount: 2,
    });
  });

  it("refuses votes on reviews that are not published or not the shop's", async () => {
    const { shop } = await createShop();
    const { shop: other } = await createShop();
    const [review] = await submit(shop, [LINEN_SHIRT], { rating: 5, body: "Visit https://spam.example.com" });
    expect(await voteHelpful({ shop, reviewId: review.id, visitor: "visitor-1234567" })).toEqual({
      ok: false,
      reason: "not_found",
    });
    const [published] = await submit(shop, [MUG_SET], { rating: 5, body: "Fine" });
    expect(await voteHelpful({ shop: other, reviewId: published.id, visitor: "visitor-1234567" })).toEqual({
      ok: false,
      reason: "not_found",
    });
  });

  it("rate-limits one visitor per shop", async () => {
    const { shop } = await createShop();
    const reviews = [];
    for (let i = 0; i <= VOTES_PER_VISITOR_WINDOW; i += 1) {
      reviews.push(
        await db.review.create({
          data: { shop, productShopifyId: "7001", rating: 5, body: `r${i}`, displayName: "X", status: "published" },
        }),
      );
    }
    const visitor = "visitor-busy-one";
    for (const review of reviews.slice(0, VOTES_PER_VISITOR_WINDOW))
      expect(await voteHelpful({ shop, reviewId: review.id, visitor })).toMatchObject({ ok: true });
    expect(await voteHelpful({ shop, reviewId: reviews[VOTES_PER_VISITOR_WINDOW].id, visitor })).toEqual({
      ok: false,
      reason: "rate_limited",
    });
    expect(
      await voteHelpful({ shop, reviewId: reviews[VOTES_PER_VISITOR_WINDOW].id, visitor: "visitor-another" }),
    ).toMatchObject({ ok: true, counted: true });
  });

  it("sends a review reported three times back to the queue with the reason 'reported'", async () => {
    const { shop } = await createShop();
    const [review] = await submit(shop, [LINEN_SHIRT], { rating: 5, body: "Fine shirt" });
    await drainJobs(jobDefinitions);
    const reports = await Promise.all(
      ["visitor-aaaa1", "visitor-aaaa1", "visitor-bbbb2"].map((visitor) =>
        reportReview({ shop, reviewId: review.id, visitor, reason: "spam" }),
      ),
    );
    expect(reports.filter((r) => r.ok && r.counted)).toHaveLength(2);
    expect((await db.review.findUniqueOrThrow({ where: { id: review.id } })).status).toBe("published");
    expect(await reportReview({ shop, reviewId: review.id, visitor: "visitor-cccc3", reason: "offensive" })).toEqual({
      ok: true,
      counted: true,
      heldForReview: true,
    });
    const after = await db.review.findUniqueOrThrow({ where: { id: review.id } });
    expect(after).toMatchObject({ status: "pending", reportCount: 3, heldReasons: '["reported"]' });
    const history = await loadReviewHistory(shop, review.id);
    expect(history.at(-1)).toMatchObject({ action: "held", actor: "shopper", reasons: [{ code: "reported" }] });
    // Off the storefront, so the product's rating is recounted.
    await drainJobs(jobDefinitions);
    const held = await standInProductMetafields(shop, LINEN_SHIRT.shopifyId);
    expect(ratingMetafields(held)).toEqual({
      "reviews.rating_count": { type: "number_integer", value: "0" },
    });
    // The storefront's summary follows: no reviews to print.
    expect(JSON.parse(held["kundrost.reviews_summary"].value)).toMatchObject({ reviews: [], media: 0 });
  });
});

/** The standard review metafields alone (the app's kundrost.reviews_summary sits beside them). */
function ratingMetafields(held: Record<string, { type: string; value: string }>) {
  return Object.fromEntries(Object.entries(held).filter(([name]) => name.startsWith("reviews.")));
}

describe("rating metafields", () => {
  async function expectShopifyEqualsRecount(shop: string, products: string[]) {
    const expected = await recountProductRatings(shop, products);
    for (const rating of expected) {
      const held = await standInProductMetafields(shop, rating.productId);
      expect(held["reviews.rating_count"]?.value, rating.productId).toBe(String(rating.count));
      if (rating.average === null) expect(held["reviews.rating"], rating.productId).toBeUndefined();
      else expect(JSON.parse(held["reviews.rating"].value).value, rating.productId).toBe(rating.average.toFixed(2));
    }
  }

  it("equal a recount after a chain of publish, hide, delete, and a product dropping to zero loses reviews.rating", async () => {
    const { shop } = await createShop();
    const products = [LINEN_SHIRT.shopifyId, MUG_SET.shopifyId];
    const [a] = await submit(shop, [LINEN_SHIRT], { rating: 5, body: "Great" });
    const [b] = await submit(shop, [LINEN_SHIRT], { rating: 2, body: "Shrank" });
    const [c] = await submit(shop, [MUG_SET], { rating: 4, body: "Nice mugs" });
    await drainJobs(jobDefinitions);
    await expectShopifyEqualsRecount(shop, products);

    const merchant = { shop, actor: "merchant" as const };
    await hideReviews({ ...merchant, reviewIds: [b.id], reason: "fake" });
    await drainJobs(jobDefinitions);
    await expectShopifyEqualsRecount(shop, products);

    await deleteReviews({ ...merchant, reviewIds: [c.id] });
    await drainJobs(jobDefinitions);
    await expectShopifyEqualsRecount(shop, products);
    expect(ratingMetafields(await standInProductMetafields(shop, MUG_SET.shopifyId))).toEqual({
      "reviews.rating_count": { type: "number_integer", value: "0" },
    });

    await restoreReviews({ ...merchant, reviewIds: [a.id] });
    await publishReviews({ ...merchant, reviewIds: [b.id] });
    await drainJobs(jobDefinitions);
    await expectShopifyEqualsRecount(shop, products);
    // Each drain wrote its stale products in one batched call.
    const calls = await db.adminApiCall.findMany({ where: { shop, operation: "MetafieldsSetMutation" } });
    expect(calls.every((call) => JSON.parse(call.variables).metafields.length <= 25)).toBe(true);
  });

  it("follow a customer's redaction: deleted reviews leave the counts, a product left with none loses reviews.rating", async () => {
    const { shop } = await createShop();
    await db.settings.create({ data: { shop, keepAnonymousReviewsOnRedact: false } });
    const products = [LINEN_SHIRT.shopifyId, MUG_SET.shopifyId];
    const [linen, mugs] = await submit(shop, [LINEN_SHIRT, MUG_SET], { rating: 5, body: "Both lovely" });
    await submit(shop, [LINEN_SHIRT], { rating: 2, body: "Shrank" });
    await sendPrivateReply({ shop, reviewId: linen.id, body: "Hi Karin, thank you so much!" });
    await drainJobs(jobDefinitions);
    await expectShopifyEqualsRecount(shop, products);
    const customer = await db.review.findUniqueOrThrow({ where: { id: linen.id }, select: { customerId: true } });
    const person = await db.customer.findUniqueOrThrow({ where: { id: customer.customerId! } });

    await redactCustomer(shop, { customerShopifyId: person.shopifyId, email: person.email, orderShopifyIds: [] });
    await drainJobs(jobDefinitions);

    expect(await db.review.count({ where: { id: { in: [linen.id, mugs.id] } } })).toBe(0);
    await expectShopifyEqualsRecount(shop, products);
    expect(await recountProductRatings(shop, products)).toEqual([
      { productId: LINEN_SHIRT.shopifyId, count: 1, average: 2 },
      { productId: MUG_SET.shopifyId, count: 0, average: null },
    ]);
    expect(ratingMetafields(await standInProductMetafields(shop, MUG_SET.shopifyId))).toEqual({
      "reviews.rating_count": { type: "number_integer", value: "0" },
    });
  });

  it("keep counting a redacted customer's reviews the shop keeps as anonymous text, without the private reply", async () => {
    const { shop } = await createShop();
    const [review] = await submit(shop, [LINEN_SHIRT], { rating: 4, body: "Good shirt" });
    await sendPrivateReply({ shop, reviewId: review.id, body: "Hi Karin, we are sending a new button." });
    await drainJobs(jobDefinitions);
    const row = await db.review.findUniqueOrThrow({ where: { id: review.id } });
    const person = await db.customer.findUniqueOrThrow({ where: { id: row.customerId! } });

    await redactCustomer(shop, { customerShopifyId: person.shopifyId, email: person.email, orderShopifyIds: [] });
    await drainJobs(jobDefinitions);

    expect(await db.review.findUniqueOrThrow({ where: { id: review.id } })).toMatchObject({
      anonymized: true,
      email: null,
      status: "published",
    });
    await expectShopifyEqualsRecount(shop, [LINEN_SHIRT.shopifyId]);
    expect(JSON.stringify(await db.reviewReplyEmail.findMany({ where: { reviewId: review.id } }))).not.toMatch(
      /Karin|@example/,
    );
    expect(JSON.stringify(await loadReviewHistory(shop, review.id))).not.toMatch(/Karin/);
  });

  it("are repaired by the reconciliation when Shopify holds something else", async () => {
    const { shop } = await createShop();
    await submit(shop, [LINEN_SHIRT], { rating: 4, body: "Good" });
    await submit(shop, [MUG_SET], { rating: 3, body: "Okay" });
    await drainJobs(jobDefinitions);
    // Someone edits the values in the Shopify admin, and a write was lost.
    await db.standInMetafield.updateMany({
      where: { shop, key: "rating_count", ownerId: `gid://shopify/Product/${LINEN_SHIRT.shopifyId}` },
      data: { value: "40" },
    });
    await db.standInMetafield.deleteMany({ where: { shop, ownerId: `gid://shopify/Product/${MUG_SET.shopifyId}` } });
    await db.standInMetafield.create({
      data: {
        shop,
        ownerId: `gid://shopify/Product/${WOOL_SWEATER.shopifyId}`,
        namespace: "reviews",
        key: "rating",
        type: "rating",
        value: '{"value":"5.00","scale_min":"1.0","scale_max":"5.0"}',
      },
    });
    await db.product.create({
      data: { shop, shopifyId: WOOL_SWEATER.shopifyId, title: WOOL_SWEATER.title, handle: "wool-sweater" },
    });

    const summary = await reconcileProductRatings(shop, createStandInGraphql(shop));
    expect(summary).toMatchObject({ checked: 3, repaired: 3 });
    await expectShopifyEqualsRecount(shop, [LINEN_SHIRT.shopifyId, MUG_SET.shopifyId, WOOL_SWEATER.shopifyId]);
    expect(await reconcileProductRatings(shop, createStandInGraphql(shop))).toMatchObject({ repaired: 0 });
  });
});
