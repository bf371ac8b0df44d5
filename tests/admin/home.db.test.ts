// The admin home: figures computed from this shop's rows only, and first steps for a shop with nothing yet.
import db from "~/db.server";
import { loader as homeLoader } from "~/routes/app._index";
import type { ShopOverview } from "~/modules/dashboard";
import { adminPageRequest, createOrder, createRequest, installedShop, jsonOf, loaderArgs } from "./support";

async function openHome(shop: string): Promise<ShopOverview> {
  const request = await adminPageRequest(shop, "/app");
  return (await jsonOf<{ overview: ShopOverview }>(() => homeLoader(loaderArgs(request)))).overview;
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
    expect(overview.webhooks).toEqual({ received: 6, processed: 3, failed: 1 });
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
    expect(overview.webhooks).toEqual({ received: 0, processed: 0, failed: 0 });
    expect(overview.jobs).toEqual({ pending: 0, failed: 0 });
    expect(overview.requests).toMatchObject({
      sent: 0,
      reviewed: 0,
      reviewRate: null,
      medianDaysDeliveryToReview: null,
      scheduled: 0,
    });
  });

  it("shows a new shop its first steps instead of a wall of zeros", async () => {
    const shop = await installedShop();
    const overview = await openHome(shop);
    expect(overview.isNewShop).toBe(true);
  });
});
