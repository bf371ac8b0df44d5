// The admin home: figures computed from this shop's rows only, and first steps for a shop with nothing yet.
import db from "~/db.server";
import { loader as homeLoader } from "~/routes/app._index/route";
import type { ShopOverview } from "~/modules/dashboard";

type HomeOverview = Omit<ShopOverview, "reviews"> & {
  reviews: Omit<ShopOverview["reviews"], "oldestPendingAt"> & { oldestPendingDays: number | null };
};
import { adminPageRequest, createOrder, createRequest, installedShop, jsonOf, loaderArgs } from "./support";

async function openHome(shop: string): Promise<HomeOverview> {
  const request = await adminPageRequest(shop, "/app");
  return (await jsonOf<{ overview: HomeOverview }>(() => homeLoader(loaderArgs(request)))).overview;
}

const day = (n: number) => new Date(Date.UTC(2025, 5, 1) + n * 86_400_000);

async function seedBusyShop(shop: string) {
  await createOrder(shop);
  await createOrder(shop);
  for (const [i, status] of ["processed", "processed", "processed", "failed", "enqueued", "ignored"].entries()) {
    await db.webhookEvent.create({ data: { shop, topic: "orders/fulfilled", webhookId: `${shop}-wh-${i}`, status } });
  }
  for (const status of ["queued", "queued", "running", "failed", "succeeded", "cancelled"]) {
    await db.job.create({ data: { shop, type: "requests.sync-order", status } });
  }
  // Four requests sent, two of them reviewed (3 and 6 days after delivery), one still scheduled.
  const reviewedA = await createRequest(shop, {
    status: "reviewed",
    sendAt: day(10),
    sentAt: day(10),
    deliveredAt: day(5),
    products: [{ id: "8001", title: "Linen shirt", reviewedAt: day(8) }],
  });
  const reviewedB = await createRequest(shop, {
    status: "reviewed",
    sendAt: day(12),
    sentAt: day(12),
    deliveredAt: day(6),
    products: [{ id: "8002", title: "Stoneware mug", reviewedAt: day(12) }],
  });
  await createRequest(shop, { status: "sent", sendAt: day(13), sentAt: day(13) });
  await createRequest(shop, { status: "reminded", sendAt: day(14), sentAt: day(14) });
  await createRequest(shop, { status: "scheduled", sendAt: day(30) });
  for (const [request, createdAt] of [
    [reviewedA, day(8)],
    [reviewedB, day(12)],
  ] as const) {
    await db.review.create({
      data: {
        shop,
        productShopifyId: "8001",
        orderId: request.orderId,
        requestId: request.id,
        rating: 5,
        body: "Lovely",
        displayName: "Åsa L.",
        createdAt,
      },
    });
  }
}

describe("the admin home", () => {
  it("shows the figures of the merchant's own shop, computed from its rows", async () => {
    const shop = await installedShop();
    await seedBusyShop(shop);
    const overview = await openHome(shop);
    expect(overview.isNewShop).toBe(false);
    // Two bare orders plus one per request.
    expect(overview.ordersReceived).toBe(7);
    expect(overview.webhooks).toEqual({ received: 6, processed: 3, failed: 1, ignored: 1, waiting: 1 });
    expect(overview.jobs).toEqual({ pending: 3, failed: 1 });
    expect(overview.requests).toMatchObject({
      sent: 4,
      reviewed: 2,
      reviewRate: 0.5,
      medianDaysDeliveryToReview: 4.5,
      scheduled: 1,
    });
  });

  it("counts nothing of another shop", async () => {
    const busy = await installedShop();
    await seedBusyShop(busy);
    const quiet = await installedShop();
    await createOrder(quiet);
    const overview = await openHome(quiet);
    expect(overview.ordersReceived).toBe(1);
    expect(overview.webhooks).toEqual({ received: 0, processed: 0, failed: 0, ignored: 0, waiting: 0 });
    expect(overview.reviews).toMatchObject({ total: 0, pending: 0, averageRating: null, lowRatingUnanswered: 0 });
    expect(overview.jobs).toEqual({ pending: 0, failed: 0 });
    expect(overview.requests).toMatchObject({
      sent: 0,
      reviewed: 0,
      reviewRate: null,
      medianDaysDeliveryToReview: null,
      scheduled: 0,
    });
  });

  it("shows the review figures a merchant watches first: received, average, waiting (and for how long), low stars to answer", async () => {
    const shop = await installedShop();
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
    const review = (rating: number, status: string, createdAt: Date) =>
      db.review.create({
        data: { shop, productShopifyId: "8001", rating, status, body: "Words", displayName: "Åsa L.", createdAt },
      });
    await review(5, "published", daysAgo(40));
    await review(4, "published", daysAgo(3));
    // Low stars open a follow-up task (reviews/follow-up-tasks); a reply or the merchant's "done" closes it.
    const answered = await review(1, "published", daysAgo(20));
    await db.followUpTask.create({
      data: { shop, reviewId: answered.id, status: "done", closedBy: "reply", closedAt: daysAgo(19) },
    });
    for (const waiting of [await review(2, "pending", daysAgo(12)), await review(1, "pending", daysAgo(2))])
      await db.followUpTask.create({ data: { shop, reviewId: waiting.id, createdAt: waiting.createdAt } });
    await review(1, "rejected", daysAgo(2));
    // Another shop's waiting low-star review counts for nothing here.
    const other = await installedShop();
    await db.review.create({
      data: { shop: other, productShopifyId: "8001", rating: 1, status: "pending", body: "x", displayName: "X" },
    });

    const overview = await openHome(shop);
    expect(overview.reviews).toMatchObject({
      total: 6,
      published: 3,
      pending: 2,
      last30Days: 5,
      averageRating: 3.33,
      oldestPendingDays: 12,
      pendingOverAWeek: 1,
      lowRatingUnanswered: 2,
    });
    expect(overview.isNewShop).toBe(false);
  });

  it("shows a new shop its first steps instead of a wall of zeros", async () => {
    const shop = await installedShop();
    const overview = await openHome(shop);
    expect(overview.isNewShop).toBe(true);
  });
});
