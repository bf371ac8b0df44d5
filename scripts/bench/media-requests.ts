// Review requests for bench:media's upload load: one shop, one product, `count` sent requests (each for its
// own order), and the signed link of each. Loaded after bench:media has pointed DATABASE_URL at its own file.
import db from "../../app/db.server";
import { signRequestToken } from "../../app/modules/requests";

export async function createReviewRequestsForBench(shop: string, count: number): Promise<string[]> {
  await db.shop.create({ data: { shop, name: "Bench Shop", primaryLocale: "en", timezone: "Europe/Stockholm" } });
  await db.product.create({
    data: { shop, shopifyId: "1001", title: "Bench Jacket", handle: "bench-jacket", productType: "Outerwear" },
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
        items: { create: [{ shop, productShopifyId: "1001", title: "Bench Jacket", position: 0 }] },
      },
    });
    tokens.push(signRequestToken({ requestId: request.id, shop, expiresAt }));
  }
  return tokens;
}
