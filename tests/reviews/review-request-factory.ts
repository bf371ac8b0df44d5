// Rows for review-page tests: a shop, a customer, products, a delivered order and the review request the
// requests module would have made for it, plus the signed link from the email.
import { randomBytes } from "node:crypto";
import db from "~/db.server";
import { signRequestToken } from "~/modules/requests/shopper-pages/token.server";

export interface ProductSpec {
  shopifyId: string;
  title: string;
  productType?: string | null;
  imageUrl?: string | null;
}

export const LINEN_SHIRT: ProductSpec = { shopifyId: "7001", title: "Linen Shirt", productType: "Shirts" };
export const MUG_SET: ProductSpec = { shopifyId: "7002", title: "Ceramic Mug Set (4)", productType: "Kitchen" };
export const WOOL_SWEATER: ProductSpec = { shopifyId: "7003", title: "Wool Sweater", productType: "Apparel" };

let sequence = 0;

export async function createShop(
  overrides: { shop?: string; name?: string; primaryLocale?: string; brandColor?: string } = {},
) {
  const shop = overrides.shop ?? `shop-${randomBytes(4).toString("hex")}.myshopify.com`;
  return db.shop.create({
    data: {
      shop,
      name: overrides.name ?? "Fjällräv & Co",
      installedAt: new Date("2026-01-01T00:00:00Z"),
      primaryLocale: overrides.primaryLocale ?? "en",
      brandColor: overrides.brandColor ?? "#2a5d84",
      timezone: "Europe/Stockholm",
    },
  });
}

export async function createReviewRequest(options: {
  shop: string;
  products: ProductSpec[];
  locale?: string;
  status?: string;
  customer?: { firstName: string | null; lastName: string | null } | null;
}) {
  sequence += 1;
  const { shop } = options;
  const customer =
    options.customer === null
      ? null
      : await db.customer.create({
          data: {
            shop,
            shopifyId: String(9000 + sequence),
            email: `shopper${sequence}@example.se`,
            firstName: options.customer?.firstName ?? "Anna",
            lastName: options.customer?.lastName ?? "Lindqvist",
            locale: options.locale ?? "en",
          },
        });
  for (const product of options.products) {
    await db.product.upsert({
      where: { shop_shopifyId: { shop, shopifyId: product.shopifyId } },
      update: {},
      create: {
        shop,
        shopifyId: product.shopifyId,
        title: product.title,
        handle: product.title.toLowerCase().replace(/\W+/g, "-"),
        productType: product.productType ?? null,
        imageUrl: product.imageUrl ?? null,
      },
    });
  }
  const order = await db.order.create({
    data: {
      shop,
      shopifyId: String(5000 + sequence),
      name: `#${1000 + sequence}`,
      customerId: customer?.id ?? null,
      email: customer?.email ?? null,
      placedAt: new Date("2026-10-01T10:00:00Z"),
      fulfilledAt: new Date("2026-10-02T10:00:00Z"),
      deliveredAt: new Date("2026-10-05T10:00:00Z"),
    },
  });
  const request = await db.reviewRequest.create({
    data: {
      shop,
      orderId: order.id,
      orderName: order.name,
      customerId: customer?.id ?? null,
      email: customer?.email ?? null,
      locale: options.locale ?? "en",
      status: options.status ?? "sent",
      sendAt: new Date("2026-10-10T09:00:00Z"),
      sentAt: new Date("2026-10-10T09:00:00Z"),
      items: {
        create: options.products.map((product, position) => ({
          shop,
          productShopifyId: product.shopifyId,
          title: product.title,
          imageUrl: product.imageUrl ?? null,
          position,
        })),
      },
    },
    include: { items: true },
  });
  return { request, order, customer };
}

export function reviewLink(
  request: { id: string; shop: string },
  options: { expiresAt?: Date; shop?: string; requestId?: string } = {},
): string {
  return signRequestToken({
    requestId: options.requestId ?? request.id,
    shop: options.shop ?? request.shop,
    expiresAt: options.expiresAt ?? new Date(Date.now() + 60 * 24 * 60 * 60 * 1000),
  });
}
