// The review tallies (ReviewTally, kept by the database's triggers on Review): after every kind of change a
// review goes through, in the app's code or in plain SQL, they equal a count of the reviews themselves, per
// product and for the whole shop, and they belong to their shop alone.
import db from "~/db.server";
import { redactCustomer } from "~/modules/privacy";
import { redactShop } from "~/modules/privacy/shop-redact.server";
import { holdReviews } from "~/modules/reviews/review-state.server";
import {
  deleteReviews,
  hideReviews,
  importReviewsFile,
  moderateMatchingReviews,
  moderateReviews,
  publishReviews,
  reportReview,
  restoreReviews,
  ratingSummary,
  reviewFigures,
  reviewStatusCounts,
  submitReviewsForRequest,
} from "~/modules/reviews";
import { createReviewRequest, createShop, LINEN_SHIRT, MUG_SET, WOOL_SWEATER } from "./review-request-factory";

interface Count {
  productShopifyId: string;
  status: string;
  rating: number;
  verifiedBuyer: boolean;
  count: number;
}

const key = (row: Count) => `${row.productShopifyId}|${row.status}|${row.rating}|${row.verifiedBuyer}`;
const sorted = (rows: Count[]) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

/** The tallies of a shop, leaving out rows that went back to zero. */
async function tallies(shop: string): Promise<Count[]> {
  const rows = await db.reviewTally.findMany({
    where: { shop, count: { not: 0 } },
    select: { productShopifyId: true, status: true, rating: true, verifiedBuyer: true, count: true },
  });
  return sorted(rows);
}

/** What the tallies must be: the shop's reviews counted one by one. */
async function recount(shop: string): Promise<Count[]> {
  const reviews = await db.review.findMany({
    where: { shop },
    select: { productShopifyId: true, status: true, rating: true, verifiedBuyer: true },
  });
  const counts = new Map<string, Count>();
  for (const review of reviews) {
    for (const productShopifyId of [review.productShopifyId, ""]) {
      const row = { ...review, productShopifyId, count: 0 };
      const entry = counts.get(key(row)) ?? row;
      entry.count += 1;
      counts.set(key(row), entry);
    }
  }
  return sorted([...counts.values()]);
}

async function expectTalliesRight(shop: string) {
  expect(await tallies(shop)).toEqual(await recount(shop));
}

function review(shop: string, productShopifyId: string, rating: number, status: string, extra: object = {}) {
  return db.review.create({
    data: { shop, productShopifyId, rating, status, body: "Words", displayName: "Åsa L.", ...extra },
  });
}

async function submit(
  shop: string,
  made: Awaited<ReturnType<typeof createReviewRequest>>,
  entries: { productShopifyId: string; rating: number; body?: string }[],
) {
  const result = await submitReviewsForRequest({
    shop,
    requestId: made.request.id,
    orderId: made.order.id,
    customerId: made.customer?.id ?? null,
    locale: "en",
    entries: entries.map((entry) => ({ body: "Good", displayName: "Anna L.", ...entry })),
  });
  expect(result.ok).toBe(true);
}

describe("the review tallies", () => {
  it("count every review a shopper sends and every edit of it, per product and for the whole shop", async () => {
    const { shop } = await createShop();
    const made = await createReviewRequest({ shop, products: [LINEN_SHIRT, MUG_SET] });
    await submit(shop, made, [
      { productShopifyId: LINEN_SHIRT.shopifyId, rating: 5 },
      { productShopifyId: MUG_SET.shopifyId, rating: 2 },
    ]);
    expect(await tallies(shop)).toEqual(
      sorted([
        { productShopifyId: "", status: "published", rating: 5, verifiedBuyer: true, count: 1 },
        // A low rating is published like any other (no suppression of negative reviews).
        { productShopifyId: "", status: "published", rating: 2, verifiedBuyer: true, count: 1 },
        { productShopifyId: LINEN_SHIRT.shopifyId, status: "published", rating: 5, verifiedBuyer: true, count: 1 },
        { productShopifyId: MUG_SET.shopifyId, status: "published", rating: 2, verifiedBuyer: true, count: 1 },
      ]),
    );
    // Within the grace period the shopper changes their mind: the edit moves the review to other rows.
    await submit(shop, made, [{ productShopifyId: MUG_SET.shopifyId, rating: 4 }]);
    await expectTalliesRight(shop);
    expect(await reviewStatusCounts(shop, { productShopifyId: MUG_SET.shopifyId })).toEqual({
      pending: 0,
      published: 1,
      rejected: 0,
    });
  });

  it("follow the merchant's decisions, one review, a page of them, or every review a filter matches", async () => {
    const { shop } = await createShop();
    const reviews = [];
    for (let i = 0; i < 30; i++) {
      reviews.push(await review(shop, i % 2 ? "7001" : "7002", (i % 5) + 1, i % 3 ? "published" : "pending"));
    }
    await moderateReviews({ shop, reviewIds: [reviews[0].id], status: "rejected", reason: "spam" });
    await expectTalliesRight(shop);
    await moderateReviews({ shop, reviewIds: reviews.slice(0, 12).map((r) => r.id), status: "published" });
    await expectTalliesRight(shop);
    await moderateMatchingReviews({ shop, filters: { ratings: [1, 2] }, status: "pending" });
    await expectTalliesRight(shop);
    expect(await reviewStatusCounts(shop, { ratings: [1, 2] })).toEqual({ pending: 12, published: 0, rejected: 0 });
  });

  it("follow every path of the one state-change module: hidden, held by shoppers' reports, restored, deleted", async () => {
    const { shop } = await createShop();
    await db.settings.create({ data: { shop, reportThreshold: 2 } });
    const reviews = [];
    for (let i = 0; i < 12; i++) reviews.push(await review(shop, i % 3 ? "7001" : "7002", (i % 5) + 1, "published"));
    const ids = reviews.map((r) => r.id);
    await hideReviews({ shop, reviewIds: ids.slice(0, 4), actor: "merchant", reason: "offensive" });
    await expectTalliesRight(shop);
    await holdReviews({ shop, reviewIds: ids.slice(3, 7), actor: "rules", reasons: ["link"] });
    await expectTalliesRight(shop);
    // Two shoppers report a published review: the second report puts it back in the queue.
    for (const visitor of ["visitor-a", "visitor-b"]) {
      expect(await reportReview({ shop, reviewId: ids[8], visitor, reason: "spam" })).toMatchObject({ ok: true });
    }
    expect((await db.review.findUniqueOrThrow({ where: { id: ids[8] } })).status).toBe("pending");
    await expectTalliesRight(shop);
    await restoreReviews({ shop, reviewIds: ids.slice(0, 2), actor: "merchant" });
    await publishReviews({ shop, reviewIds: ids.slice(4, 6), actor: "merchant" });
    await expectTalliesRight(shop);
    await deleteReviews({ shop, reviewIds: ids.slice(5, 10), actor: "merchant" });
    await expectTalliesRight(shop);
    expect(await reviewStatusCounts(shop)).toEqual({
      pending: await db.review.count({ where: { shop, status: "pending" } }),
      published: await db.review.count({ where: { shop, status: "published" } }),
      rejected: await db.review.count({ where: { shop, status: "rejected" } }),
    });
  });

  it("count imported reviews, the raw batch inserts that skip rows already there included", async () => {
    const { shop } = await createShop();
    await db.product.createMany({
      data: [
        { shop, shopifyId: "8001", title: "Linen Shirt", handle: "linen-shirt" },
        { shop, shopifyId: "8002", title: "Wool Socks", handle: "wool-socks" },
      ],
    });
    const file = Buffer.from(
      [
        "product_handle,review_title,body,reviewer_name,reviewer_email,rating,review_date,reply,reply_date,featured,verified,hidden",
        "linen-shirt,Great,Fits well,Sam,sam@example.com,5,2024-03-01,,,false,true,false",
        "linen-shirt,Hidden,Meh,Sam,sam@example.com,3,2024-03-02,,,false,false,true",
        "wool-socks,Warm,Warm feet,Kim,kim@example.com,4,2024-03-03,,,false,true,false",
      ].join("\n"),
      "utf8",
    );
    const first = await importReviewsFile({ shop, fileName: "a.csv", data: file });
    expect(first).toMatchObject({ ok: true, imported: 3 });
    await expectTalliesRight(shop);
    // The same file again adds nothing, and counts nothing twice.
    expect(await importReviewsFile({ shop, fileName: "a.csv", data: file })).toMatchObject({ ok: true, imported: 0 });
    await expectTalliesRight(shop);
    expect(
      await db.reviewTally.findMany({ where: { shop, productShopifyId: "" }, select: { count: true } }),
    ).not.toEqual([]);
  });

  it("stay right through writes that bypass the app: bulk inserts, updates of many rows and deletes in SQL", async () => {
    const { shop } = await createShop();
    await db.review.createMany({
      data: Array.from({ length: 40 }, (_, i) => ({
        shop,
        productShopifyId: String(7001 + (i % 3)),
        rating: (i % 5) + 1,
        status: i % 4 ? "published" : "pending",
        verifiedBuyer: i % 2 === 0,
        body: "Words",
        displayName: "Åsa L.",
      })),
    });
    await expectTalliesRight(shop);
    await db.review.updateMany({ where: { shop, rating: 3 }, data: { rating: 4, verifiedBuyer: true } });
    await db.review.updateMany({ where: { shop, productShopifyId: "7003" }, data: { productShopifyId: "7001" } });
    // Columns the tallies do not count change nothing.
    await db.review.updateMany({ where: { shop }, data: { language: "sv", helpfulCount: 2 } });
    await expectTalliesRight(shop);
    await db.review.deleteMany({ where: { shop, status: "pending" } });
    await expectTalliesRight(shop);
  });

  it("lose the reviews a customer's redaction deletes", async () => {
    const { shop } = await createShop();
    await db.settings.create({ data: { shop, keepAnonymousReviewsOnRedact: false } });
    const forgotten = await createReviewRequest({ shop, products: [WOOL_SWEATER] });
    const kept = await createReviewRequest({ shop, products: [WOOL_SWEATER] });
    await submit(shop, forgotten, [{ productShopifyId: WOOL_SWEATER.shopifyId, rating: 1, body: "Itchy" }]);
    await submit(shop, kept, [{ productShopifyId: WOOL_SWEATER.shopifyId, rating: 5 }]);
    const result = await redactCustomer(shop, {
      customerShopifyId: forgotten.customer!.shopifyId!,
      email: forgotten.customer!.email!,
      orderShopifyIds: [forgotten.order.shopifyId],
    });
    expect(result.reviewsDeleted).toBe(1);
    await expectTalliesRight(shop);
    expect(await ratingSummary(shop, WOOL_SWEATER.shopifyId)).toMatchObject({ count: 1, average: 5 });
  });

  it("go with their shop on shop/redact, whichever model is deleted first, and never touch another shop", async () => {
    const { shop } = await createShop();
    const { shop: other } = await createShop();
    for (let i = 0; i < 5; i++) {
      await review(shop, "7001", 5, "published");
      await review(other, "7001", 4, "published");
    }
    // A decrement never creates a row: deleting reviews after their tallies leaves nothing behind.
    await db.reviewTally.deleteMany({ where: { shop } });
    await db.review.deleteMany({ where: { shop, rating: 5 } });
    expect(await tallies(shop)).toEqual([]);
    await review(shop, "7001", 3, "pending");
    await redactShop(shop);
    expect(await db.reviewTally.count({ where: { shop } })).toBe(0);
    await expectTalliesRight(other);
    expect((await reviewFigures(other)).published).toBe(5);
  });
});
