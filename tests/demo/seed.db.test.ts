import { createHash } from "node:crypto";
import db from "~/db.server";
import { DEMO_SHOP } from "~/config.server";
import { jobDefinitions } from "~/jobs.server";
import { seedDemoShop, DEMO_SHOP_DETAILS, type DemoShopSize } from "~/modules/demo";

// A small shop keeps the test quick; the full-size history is checked by tests/demo/demo-shop.test.ts.
const SIZE: DemoShopSize = { customers: 24, orders: 40 };
const NOW = new Date("2026-06-15T10:00:00Z");
const APP_URL = "http://localhost:3000";
const OTHER_SHOP = "someone-else.myshopify.com";

function checksum(rows: unknown[]): string {
  return createHash("sha256").update(JSON.stringify(rows)).digest("hex");
}

// Key fields only: ids that the database generates (cuid) differ from run to run by design.
async function demoShopFingerprint() {
  const [products, customers, orders, lines] = await Promise.all([
    db.product.findMany({
      where: { shop: DEMO_SHOP },
      orderBy: { shopifyId: "asc" },
      select: { shopifyId: true, title: true, handle: true, imageUrl: true, isGiftCard: true },
    }),
    db.customer.findMany({
      where: { shop: DEMO_SHOP },
      orderBy: { shopifyId: "asc" },
      select: {
        shopifyId: true,
        email: true,
        firstName: true,
        lastName: true,
        locale: true,
        city: true,
        country: true,
      },
    }),
    db.order.findMany({
      where: { shop: DEMO_SHOP },
      orderBy: { shopifyId: "asc" },
      select: {
        shopifyId: true,
        name: true,
        email: true,
        locale: true,
        currency: true,
        totalPriceCents: true,
        placedAt: true,
        fulfilledAt: true,
        deliveredAt: true,
        cancelledAt: true,
        refundedAt: true,
      },
    }),
    db.orderLine.findMany({
      where: { shop: DEMO_SHOP },
      orderBy: { shopifyLineId: "asc" },
      select: { shopifyLineId: true, productShopifyId: true, quantity: true, refundedQuantity: true, priceCents: true },
    }),
  ]);
  return {
    counts: { products: products.length, customers: customers.length, orders: orders.length, lines: lines.length },
    checksums: {
      products: checksum(products),
      customers: checksum(customers),
      orders: checksum(orders),
      lines: checksum(lines),
    },
  };
}

describe("seeding the demo shop", () => {
  let first: Awaited<ReturnType<typeof demoShopFingerprint>>;

  beforeAll(async () => {
    await db.shop.create({ data: { shop: OTHER_SHOP, name: "Someone else" } });
    await db.customer.create({ data: { shop: OTHER_SHOP, shopifyId: "1", email: "kept@example.com" } });
    await seedDemoShop({ now: NOW, appUrl: APP_URL, size: SIZE, jobDefinitions });
    first = await demoShopFingerprint();
  }, 300_000);

  it("writes the shop, its settings, an offline session, the catalogue, customers and orders", async () => {
    const shop = await db.shop.findUniqueOrThrow({ where: { shop: DEMO_SHOP } });
    expect(shop).toMatchObject({
      name: "Kundröst Demo Store",
      currency: "SEK",
      timezone: "Europe/Stockholm",
      primaryLocale: DEMO_SHOP_DETAILS.primaryLocale,
    });
    expect(await db.settings.count({ where: { shop: DEMO_SHOP } })).toBe(1);
    const session = await db.session.findFirstOrThrow({ where: { shop: DEMO_SHOP } });
    expect(session.isOnline).toBe(false);
    expect(first.counts).toEqual({
      products: 15,
      customers: SIZE.customers,
      orders: SIZE.orders,
      lines: expect.any(Number),
    });
    expect(first.counts.lines).toBeGreaterThanOrEqual(SIZE.orders);
  });

  it("gives reviews photos (one per three orders, 200 in the full demo) and a few a video, with no location left", async () => {
    const { mediaStorage } = await import("~/modules/media");
    const sharp = (await import("sharp")).default;
    const withMedia = await db.review.count({ where: { shop: DEMO_SHOP, media: { some: {} } } });
    expect(withMedia).toBe(Math.ceil(SIZE.orders / 3));
    const photos = await db.reviewMedia.findMany({
      where: { shop: DEMO_SHOP, kind: "photo" },
      orderBy: { token: "asc" },
    });
    expect(photos.length).toBeGreaterThan(withMedia);
    expect(photos.every((photo) => photo.status === "ready" && photo.mimeType === "image/webp")).toBe(true);
    for (const photo of photos.slice(0, 25)) {
      const object = await mediaStorage().read(photo.storageKey as string);
      const chunks: Buffer[] = [];
      for await (const chunk of object!.body) chunks.push(chunk as Buffer);
      const meta = await sharp(Buffer.concat(chunks)).metadata();
      expect(meta.exif).toBeUndefined();
      // The scenes are landscape; the ones sent "sideways" were turned upright.
      expect(meta.width).toBeGreaterThan(meta.height as number);
    }
    // Waiting for the worker's transcode job (ffmpeg is installed wherever the tests run).
    expect(await db.reviewMedia.count({ where: { shop: DEMO_SHOP, kind: "video", status: "processing" } })).toBe(3);
  });

  it("gives loyalty members a history that starts when they joined", async () => {
    const accounts = await db.loyaltyAccount.findMany({
      where: { shop: DEMO_SHOP },
      select: { id: true, createdAt: true },
    });
    const firsts = await db.loyaltyEntry.groupBy({
      by: ["accountId"],
      where: { shop: DEMO_SHOP },
      _min: { createdAt: true },
    });
    const first = new Map(firsts.map((f) => [f.accountId, f._min.createdAt?.toISOString()]));
    expect(accounts.length).toBeGreaterThan(0);
    for (const account of accounts) {
      expect(account.createdAt.toISOString()).toBe(first.get(account.id));
      expect(account.createdAt.getTime()).toBeLessThan(NOW.getTime());
    }
  });

  it("serves product pictures from the app itself, never from elsewhere", async () => {
    const products = await db.product.findMany({ where: { shop: DEMO_SHOP } });
    for (const product of products) expect(product.imageUrl).toBe(`${APP_URL}/demo/products/${product.handle}.svg`);
  });

  it("lets the requests module derive one review request per order that may be asked", async () => {
    const requests = await db.reviewRequest.findMany({ where: { shop: DEMO_SHOP }, select: { orderId: true } });
    expect(requests.length).toBeGreaterThan(0);
    expect(new Set(requests.map((r) => r.orderId)).size).toBe(requests.length);
    expect(requests.length).toBeLessThanOrEqual(SIZE.orders);
    expect(await db.job.count({ where: { shop: DEMO_SHOP, status: "failed" } })).toBe(0);
  });

  it("is deterministic and re-runnable: a second run rebuilds the same shop without duplicates", async () => {
    await seedDemoShop({ now: NOW, appUrl: APP_URL, size: SIZE, jobDefinitions });
    const second = await demoShopFingerprint();
    expect(second).toEqual(first);
    expect(await db.shop.count({ where: { shop: DEMO_SHOP } })).toBe(1);
    expect(await db.session.count({ where: { shop: DEMO_SHOP } })).toBe(1);
  }, 300_000);

  it("touches no other shop", async () => {
    expect(await db.customer.findFirst({ where: { shop: OTHER_SHOP } })).toMatchObject({ email: "kept@example.com" });
    expect(await db.shop.count({ where: { shop: OTHER_SHOP } })).toBe(1);
  });
});
