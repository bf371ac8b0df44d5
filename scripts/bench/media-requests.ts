// Review requests for bench:media's upload load: one installed shop, one product, `count` sent requests (each
// for its own order), and the signed link of each, made by the requests module's own signing (the link in the
// email). Loaded after bench:media has pointed DATABASE_URL at its own file.
import db from "../../app/db.server";
import { signRequestToken } from "../../app/modules/requests";
import { markShopInstalled } from "../../app/modules/shops";

export const BENCH_PRODUCT_ID = "1001";

export async function createReviewRequestsForBench(shop: string, count: number): Promise<string[]> {
  await markShopInstalled(shop);
  await db.shop.update({
    where: { shop },
    data: { name: "Bench Shop", primaryLocale: "en", timezone: "Europe/Stockholm" },
  });
  await db.product.create({
    data: {
      shop,
      shopifyId: BENCH_PRODUCT_ID,
      title: "Bench Jacket",
      handle: "bench-jacket",
      productType: "Outerwear",
    },
  });
  const expiresAt = new Date(Date.now() + 24 * 60 * 60 * 1000);
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const order = await db.order.create({
      data: {
        shop,
        shopifyId: String(50_000 + i),
        name: `#B${i}`,
        email: `bench${i}@example.com`,
        placedAt: new Date(),
        deliveredAt: new Date(),
      },
    });
    const request = await db.reviewRequest.create({
      data: {
        shop,
        orderId: order.id,
        orderName: order.name,
        email: order.email,
        locale: "en",
        status: "sent",
        sendAt: new Date(),
        sentAt: new Date(),
        items: {
          create: [{ shop, productShopifyId: BENCH_PRODUCT_ID, title: "Bench Jacket", position: 0 }],
        },
      },
    });
    tokens.push(signRequestToken({ requestId: request.id, shop, expiresAt }));
  }
  return tokens;
}

/** What the upload of one review stored: its photos, by status. */
export async function benchReviewPhotos(shop: string): Promise<{ reviews: number; ready: number; other: number }> {
  const [reviews, ready, all] = await Promise.all([
    db.review.count({ where: { shop } }),
    db.reviewMedia.count({ where: { shop, kind: "photo", status: "ready" } }),
    db.reviewMedia.count({ where: { shop } }),
  ]);
  return { reviews, ready, other: all - ready };
}
