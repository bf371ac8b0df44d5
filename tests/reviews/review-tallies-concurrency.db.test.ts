// The review tallies under concurrent writers (PostgreSQL runs them at once; SQLite takes one writer at a time,
// so there these tests only check the counts). A shopper's submission writes one review per product in one
// transaction, so its statements take tally rows in the order of its products; a bulk moderation takes its
// rows in key order in one statement. Without one lock order for the whole transaction, the two wait on each
// other and PostgreSQL aborts one with a deadlock; the tallies take the shop's tally lock first.
import db from "~/db.server";
import { moderateMatchingReviews, moderateReviews, type ReviewStatus } from "~/modules/reviews";
import { createShop } from "./review-request-factory";

const onPostgres = Boolean(process.env.KUNDROST_TEST_PG);

async function expectTalliesRight(shop: string) {
  const reviews = await db.review.groupBy({
    by: ["productShopifyId", "status", "rating", "verifiedBuyer"],
    where: { shop },
    _count: { _all: true },
  });
  const expected = new Map<string, number>();
  for (const group of reviews) {
    for (const product of [group.productShopifyId, ""]) {
      const key = `${product}|${group.status}|${group.rating}|${group.verifiedBuyer}`;
      expected.set(key, (expected.get(key) ?? 0) + group._count._all);
    }
  }
  const tallies = await db.reviewTally.findMany({ where: { shop, count: { not: 0 } } });
  const actual = new Map(
    tallies.map((t) => [`${t.productShopifyId}|${t.status}|${t.rating}|${t.verifiedBuyer}`, t.count]),
  );
  expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
}

function reviewData(shop: string, productShopifyId: string, rating: number, status: ReviewStatus) {
  return { shop, productShopifyId, rating, status, body: "Words", displayName: "Åsa L.", verifiedBuyer: true };
}

/** Resolves when another connection is waiting for a lock (the bulk moderation is blocked). */
async function someoneWaitsForALock(timeoutMs = 5_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const rows = await db.$queryRaw<{ waiting: bigint }[]>`
      SELECT count(*) AS waiting FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if (Number(rows[0].waiting) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("nobody waited for a lock");
}

describe("the review tallies with writers at the same time", () => {
  it.runIf(onPostgres)(
    "a submission's reviews, one statement per product, and a bulk moderation in between do not deadlock",
    async () => {
      const { shop } = await createShop();
      // Waiting for the merchant's decision: a five-star and a four-star review.
      const pending = await Promise.all([
        db.review.create({ data: reviewData(shop, "7001", 5, "pending") }),
        db.review.create({ data: reviewData(shop, "7002", 4, "pending") }),
      ]);
      let secondStatement!: () => void;
      const gate = new Promise<void>((resolve) => (secondStatement = resolve));
      // The shopper's transaction: a published five-star review, then (after the merchant clicks) a four-star.
      const submission = db.$transaction(
        async (tx) => {
          await tx.review.create({ data: reviewData(shop, "7003", 5, "published") });
          await gate;
          await tx.review.create({ data: reviewData(shop, "7004", 4, "published") });
        },
        { timeout: 20_000 },
      );
      // Meanwhile the merchant publishes both waiting reviews: the four- and five-star rows of the shop's tally.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const moderation = moderateReviews({ shop, reviewIds: pending.map((r) => r.id), status: "published" });
      await someoneWaitsForALock();
      secondStatement();
      const [submitted, moderated] = await Promise.allSettled([submission, moderation]);
      expect(submitted.status).toBe("fulfilled");
      expect(moderated).toMatchObject({ status: "fulfilled", value: { ok: true, changed: 2 } });
      await expectTalliesRight(shop);
    },
    30_000,
  );

  it("two bulk moderations over the same reviews, and submissions, at once: no deadlock, no count lost", async () => {
    const { shop } = await createShop();
    const products = ["7001", "7002", "7003", "7004", "7005"];
    await db.review.createMany({
      data: Array.from({ length: 400 }, (_, i) =>
        reviewData(shop, products[i % products.length], (i % 5) + 1, i % 3 ? "pending" : "published"),
      ),
    });
    const ids = (await db.review.findMany({ where: { shop }, select: { id: true }, orderBy: { id: "asc" } })).map(
      (r) => r.id,
    );
    const shuffled = [...ids].sort((a, b) =>
      a.split("").reverse().join("") < b.split("").reverse().join("") ? -1 : 1,
    );
    // Submissions with several products in one transaction, ratings in either order.
    const submissions = Array.from({ length: 6 }, (_, n) =>
      db.$transaction(async (tx) => {
        for (const rating of n % 2 ? [1, 3, 5] : [5, 3, 1])
          await tx.review.create({ data: reviewData(shop, products[(n + rating) % 5], rating, "published") });
      }),
    );
    const outcomes = await Promise.allSettled([
      moderateMatchingReviews({ shop, filters: { ratings: [1, 2, 5] }, status: "published" }),
      moderateMatchingReviews({ shop, filters: { ratings: [1, 5] }, status: "rejected", reason: "spam" }),
      moderateReviews({ shop, reviewIds: shuffled.slice(0, 100), status: "pending" }),
      moderateReviews({ shop, reviewIds: shuffled.slice(50, 150).reverse(), status: "published" }),
      ...submissions,
    ]);
    expect(outcomes.filter((outcome) => outcome.status === "rejected")).toEqual([]);
    await expectTalliesRight(shop);
  }, 60_000);
});
