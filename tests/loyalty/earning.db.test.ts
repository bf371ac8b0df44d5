// Earning rules end to end: Shopify's webhooks through the real intake and the jobs that follow, reviews through
// the reviews module's own submit and moderation paths, the ledger read back as a member would see it.
import db from "~/db.server";
import { jobDefinitions } from "~/jobs.server";
import { drainJobs } from "~/modules/jobs";
import { moderateReviews, submitReviewsForRequest, LOYALTY_REVIEW_CHANGED_JOB } from "~/modules/reviews";
import { LOYALTY_REFUND_JOB, LOYALTY_SIGNUP_JOB } from "~/modules/orders";
import {
  checkLedger,
  creditBirthday,
  ensureAccount,
  LOYALTY_JOBS,
  ledgerTotals,
  reconcileReviewCredit,
  saveLoyaltyProgram,
  setMemberBirthday,
  DEFAULT_PROGRAM,
} from "~/modules/loyalty";
import { deliverWebhook } from "../support/deliver-webhook";
import { webhookFixture } from "../support/signed-webhooks";
import { createReviewRequest, LINEN_SHIRT, MUG_SET } from "../reviews/review-request-factory";
import { loyaltyShop, uniqueShop } from "./support";

const DAY = 86_400_000;
const run = (now?: Date) => drainJobs(jobDefinitions, { now });

async function account(shop: string, customerId: string) {
  return db.loyaltyAccount.findUniqueOrThrow({ where: { shop_customerId: { shop, customerId } } });
}

describe("job names handed over by other modules", () => {
  it("are the loyalty module's own", () => {
    expect(LOYALTY_REFUND_JOB).toBe(LOYALTY_JOBS.refundCreated);
    expect(LOYALTY_SIGNUP_JOB).toBe(LOYALTY_JOBS.customerCreated);
    expect(LOYALTY_REVIEW_CHANGED_JOB).toBe(LOYALTY_JOBS.reviewChanged);
  });
});

describe("points for paid orders", () => {
  it("credits the order after discounts, without shipping and tax, pending for the return window, then available", async () => {
    const shop = await loyaltyShop();
    const order = webhookFixture("orders-paid");
    await deliverWebhook("orders/paid", order, { shop });
    await run();
    const customerId = String(order.customer.id);
    const member = await account(shop, customerId);
    // 1032.30 SEK after the discount -> 1032 points at 1 point per krona.
    expect(member).toMatchObject({ pendingPoints: 1032, availablePoints: 0 });

    // Delivered again (Shopify retries): nothing more.
    await deliverWebhook("orders/paid", order, { shop });
    await run();
    expect((await account(shop, customerId)).pendingPoints).toBe(1032);

    await run(new Date(Date.now() + 15 * DAY));
    expect(await account(shop, customerId)).toMatchObject({
      pendingPoints: 0,
      availablePoints: 1032,
      lifetimeEarned: 1032,
    });
    // 1032 points earned reaches Silver (500) in the default programme; the tier change is in the history.
    expect((await account(shop, customerId)).tier).toBe("silver");
    expect(await db.loyaltyEntry.count({ where: { shop, kind: "tier" } })).toBe(1);
  });

  it("counts shipping and tax when the shop says so, and multiplies by the member's tier", async () => {
    const shop = await loyaltyShop();
    await saveLoyaltyProgram(shop, {
      ...DEFAULT_PROGRAM,
      includeShipping: true,
      includeTax: true,
      pointsPerCurrencyUnit: 2,
    });
    const order = webhookFixture("orders-paid");
    const customerId = String(order.customer.id);
    const { id } = await ensureAccount(shop, customerId);
    await db.loyaltyAccount.update({ where: { id }, data: { tier: "gold" } });
    await deliverWebhook("orders/paid", order, { shop });
    await run();
    // (1032.30 + 49.00 + 215.26) = 1296 whole kronor x 2 points x 1.5 (Gold).
    expect((await account(shop, customerId)).pendingPoints).toBe(3888);
  });

  it("takes points back in proportion to a refund, from pending points first", async () => {
    const shop = await loyaltyShop();
    const order = webhookFixture("orders-paid");
    await deliverWebhook("orders/paid", order, { shop });
    await run();
    const refund = webhookFixture("refunds-create");
    refund.order_id = order.id;
    await deliverWebhook("refunds/create", refund, { shop });
    await deliverWebhook("refunds/create", refund, { shop });
    await run();
    // 149.00 of 1032.30 refunded -> round(1032 * 149 / 1032.30) = 149 points back.
    const member = await account(shop, String(order.customer.id));
    expect(member.pendingPoints).toBe(1032 - 149);
    expect(await db.loyaltyEntry.count({ where: { shop, kind: "reverse" } })).toBe(1);
    expect(await checkLedger(shop)).toMatchObject({ mismatches: 0, overdrafts: 0 });
  });

  it("never takes a member below zero when the points were already spent", async () => {
    const shop = await loyaltyShop();
    const order = webhookFixture("orders-paid");
    await deliverWebhook("orders/paid", order, { shop });
    await run(new Date(Date.now() + 15 * DAY));
    const customerId = String(order.customer.id);
    const before = await account(shop, customerId);
    // Spend all but 50 points through a manual deduction, then refund most of the order.
    const { adjustPoints } = await import("~/modules/loyalty");
    await adjustPoints(shop, before.id, {
      points: -(before.availablePoints - 50),
      reason: "Spent in the old programme",
      requestId: "spent-0001",
    });
    const refund = webhookFixture("refunds-create");
    refund.order_id = order.id;
    refund.refund_line_items[0].subtotal = 1000;
    await deliverWebhook("refunds/create", refund, { shop });
    await run(new Date(Date.now() + 16 * DAY));
    const after = await account(shop, customerId);
    expect(after.availablePoints).toBe(0);
    const reversal = await db.loyaltyEntry.findFirstOrThrow({ where: { shop, kind: "reverse" } });
    expect(reversal.points).toBe(-50);
    expect(reversal.note).toMatch(/already spent/);
  });

  it("credits nothing for a guest checkout", async () => {
    const shop = await loyaltyShop();
    const order = webhookFixture("orders-paid");
    order.customer = null;
    await deliverWebhook("orders/paid", order, { shop });
    await run();
    expect(await db.loyaltyEntry.count({ where: { shop } })).toBe(0);
  });
});

describe("points for reviews", () => {
  async function reviewed(shop: string, rating: number, products = [LINEN_SHIRT]) {
    const { request, order, customer } = await createReviewRequest({ shop, products });
    const result = await submitReviewsForRequest({
      shop,
      requestId: request.id,
      customerId: customer!.id,
      orderId: order.id,
      locale: "en",
      entries: products.map((p) => ({
        productShopifyId: p.shopifyId,
        rating,
        body: "Honest words about the product and how it was used.",
        displayName: "Anna L.",
      })),
    });
    if (!result.ok) throw new Error(JSON.stringify(result));
    await run();
    return { customer: customer!, reviews: result.reviews };
  }

  it("keeps a held review's points pending, makes them available on publication and takes them back when hidden", async () => {
    const shop = await loyaltyShop();
    const { customer, reviews } = await reviewed(shop, 2);
    expect(reviews[0].status).toBe("pending");
    expect(await account(shop, customer.shopifyId!)).toMatchObject({ pendingPoints: 50, availablePoints: 0 });

    await moderateReviews({ shop, reviewIds: [reviews[0].id], status: "published" });
    await run();
    expect(await account(shop, customer.shopifyId!)).toMatchObject({ pendingPoints: 0, availablePoints: 50 });

    await moderateReviews({ shop, reviewIds: [reviews[0].id], status: "rejected", reason: "spam" });
    await run();
    expect(await account(shop, customer.shopifyId!)).toMatchObject({ pendingPoints: 0, availablePoints: 0 });

    // Published again: the same credit comes back, not a new one.
    await moderateReviews({ shop, reviewIds: [reviews[0].id], status: "published" });
    await run();
    expect((await account(shop, customer.shopifyId!)).availablePoints).toBe(50);
    expect(await checkLedger(shop)).toMatchObject({ mismatches: 0, overdrafts: 0 });
  });

  it("gives the same points for a one-star and a five-star review", async () => {
    const shop = await loyaltyShop();
    const low = await reviewed(shop, 1);
    const high = await reviewed(shop, 5);
    await moderateReviews({ shop, reviewIds: [low.reviews[0].id, high.reviews[0].id], status: "published" });
    await run();
    const [a, b] = [await account(shop, low.customer.shopifyId!), await account(shop, high.customer.shopifyId!)];
    expect(a.availablePoints).toBe(50);
    expect(b.availablePoints).toBe(50);
  });

  it("credits each customer who reviews the same product, and matures and reverses each one's points alone", async () => {
    const shop = await loyaltyShop();
    const first = await reviewed(shop, 2);
    const second = await reviewed(shop, 2);
    for (const { customer } of [first, second]) {
      expect(await ledgerTotals(shop, (await account(shop, customer.shopifyId!)).id)).toEqual({
        available: 0,
        pending: 50,
      });
    }
    await moderateReviews({ shop, reviewIds: [first.reviews[0].id, second.reviews[0].id], status: "published" });
    await run();
    await moderateReviews({ shop, reviewIds: [second.reviews[0].id], status: "rejected", reason: "spam" });
    await run();
    expect((await account(shop, first.customer.shopifyId!)).availablePoints).toBe(50);
    expect((await account(shop, second.customer.shopifyId!)).availablePoints).toBe(0);
    expect(await checkLedger(shop)).toMatchObject({ mismatches: 0, overdrafts: 0 });
  });

  it("credits one review per product and customer, adds the photo bonus for media, and stops at the daily cap", async () => {
    const shop = await loyaltyShop();
    await saveLoyaltyProgram(shop, { ...DEFAULT_PROGRAM, dailyCapPoints: 120 });
    const customerId = "7555000111";
    const facts = (product: string, status: string, mediaCount = 0) => ({
      customerId,
      productShopifyId: product,
      reviews: [{ status, verifiedBuyer: true, mediaCount }],
    });
    await reconcileReviewCredit(shop, facts("p1", "published", 2));
    expect((await account(shop, customerId)).availablePoints).toBe(75);
    // Two reviews of the same product count once.
    await reconcileReviewCredit(shop, {
      ...facts("p1", "published", 2),
      reviews: [...facts("p1", "published", 2).reviews, { status: "published", verifiedBuyer: true, mediaCount: 0 }],
    });
    expect((await account(shop, customerId)).availablePoints).toBe(75);
    // The cap: 45 left today.
    await reconcileReviewCredit(shop, facts("p2", "published", 1));
    expect((await account(shop, customerId)).availablePoints).toBe(120);
    await reconcileReviewCredit(shop, facts("p3", "published"));
    expect((await account(shop, customerId)).availablePoints).toBe(120);
    // Tomorrow the third product's review earns.
    await reconcileReviewCredit(shop, facts("p3", "published"), new Date(Date.now() + DAY));
    expect((await account(shop, customerId)).availablePoints).toBe(170);
  });

  it("credits nothing for a review that is not a verified purchase", async () => {
    const shop = await loyaltyShop();
    const result = await reconcileReviewCredit(shop, {
      customerId: "7555000999",
      productShopifyId: "p1",
      reviews: [{ status: "published", verifiedBuyer: false, mediaCount: 3 }],
    });
    expect(result.status).not.toBe("credited");
    expect(await db.loyaltyEntry.count({ where: { shop } })).toBe(0);
  });

  it("takes the points back when the review is deleted", async () => {
    const shop = await loyaltyShop();
    const { customer, reviews } = await reviewed(shop, 5, [MUG_SET]);
    await moderateReviews({ shop, reviewIds: [reviews[0].id], status: "published" });
    await run();
    expect((await account(shop, customer.shopifyId!)).availablePoints).toBe(50);
    await db.review.deleteMany({ where: { shop, id: reviews[0].id } });
    await reconcileReviewCredit(shop, {
      customerId: customer.shopifyId!,
      productShopifyId: MUG_SET.shopifyId,
      reviews: [],
    });
    expect((await account(shop, customer.shopifyId!)).availablePoints).toBe(0);
  });
});

describe("sign-up and birthdays", () => {
  it("credits sign-up once from customers/create", async () => {
    const shop = await loyaltyShop();
    const payload = webhookFixture("customers-create");
    await deliverWebhook("customers/create", payload, { shop });
    await deliverWebhook("customers/create", payload, { shop });
    await run();
    const member = await account(shop, String(payload.id));
    expect(member.availablePoints).toBe(100);
    expect(await db.loyaltyEntry.count({ where: { shop, reason: "signup" } })).toBe(1);
  });

  it("credits a birthday once a year, but not for a birthday set in the last 30 days", async () => {
    const shop = await loyaltyShop();
    const customerId = "7555000222";
    const setAt = new Date("2026-03-01T12:00:00Z");
    await setMemberBirthday(shop, customerId, "1990-03-20", setAt);
    const { id } = await ensureAccount(shop, customerId);
    expect((await creditBirthday(shop, id, new Date("2026-03-20T08:00:00Z"))).status).toBe("skipped");
    expect((await creditBirthday(shop, id, new Date("2027-03-20T08:00:00Z"))).status).toBe("credited");
    expect((await creditBirthday(shop, id, new Date("2027-03-20T18:00:00Z"))).status).toBe("unchanged");
    expect((await account(shop, customerId)).availablePoints).toBe(100);
    expect((await setMemberBirthday(shop, customerId, "17/04")).ok).toBe(false);
  });
});

describe("other shops", () => {
  it("never see a member's points", async () => {
    const shop = await loyaltyShop();
    const other = uniqueShop();
    const order = webhookFixture("orders-paid");
    await deliverWebhook("orders/paid", order, { shop });
    await run();
    expect(await db.loyaltyAccount.count({ where: { shop: other } })).toBe(0);
    expect(await ledgerTotals(other, (await account(shop, String(order.customer.id))).id)).toEqual({
      available: 0,
      pending: 0,
    });
  });
});
