// Rows for review-request tests: a shop with its time zone, customers, products and orders shaped the way the
// orders module stores them (ids are our cuids; product ids are Shopify's numeric ids as strings).
import { randomBytes } from "node:crypto";
import db from "~/db.server";

let sequence = 0;
const next = () => (sequence += 1);

export async function createShop(
  overrides: { name?: string; timezone?: string; primaryLocale?: string; brandColor?: string; email?: string } = {},
) {
  const shop = `requests-${randomBytes(4).toString("hex")}.myshopify.com`;
  await db.shop.create({
    data: {
      shop,
      name: overrides.name ?? "Lind & Co",
      // Installed, as after the OAuth grant: the dispatcher only emails for installed shops.
      installedAt: new Date("2026-01-01T00:00:00Z"),
      timezone: overrides.timezone ?? "Europe/Stockholm",
      primaryLocale: overrides.primaryLocale ?? "en",
      brandColor: overrides.brandColor ?? "#2a5d84",
      email: overrides.email ?? "hello@lindco.example",
    },
  });
  return shop;
}

export async function createCustomer(
  shop: string,
  overrides: { firstName?: string | null; email?: string | null; locale?: string | null; optedOutAt?: Date } = {},
) {
  const n = next();
  return db.customer.create({
    data: {
      shop,
      shopifyId: String(700_000 + n),
      email: overrides.email === undefined ? `shopper${n}@example.se` : overrides.email,
      firstName: overrides.firstName === undefined ? "Åsa" : overrides.firstName,
      lastName: "Lindström",
      locale: overrides.locale === undefined ? "en" : overrides.locale,
      optedOutAt: overrides.optedOutAt ?? null,
    },
  });
}

export const LINEN_SHIRT = {
  shopifyId: "8001",
  title: "Linen shirt",
  priceCents: 49_900,
  imageUrl: "https://cdn.shopify.example/linen-shirt.jpg",
};
export const MUG = { shopifyId: "8002", title: "Stoneware mug", priceCents: 12_900, imageUrl: null };
export const GIFT_CARD = {
  shopifyId: "8003",
  title: "Gift card",
  priceCents: 50_000,
  imageUrl: null,
  isGiftCard: true,
};

export interface LineSpec {
  shopifyId: string;
  title: string;
  priceCents: number;
  imageUrl?: string | null;
  isGiftCard?: boolean;
  quantity?: number;
  refundedQuantity?: number;
}

export async function createOrder(
  shop: string,
  options: {
    customer?: { id: string; email: string | null } | null;
    lines?: LineSpec[];
    fulfilledAt?: Date | null;
    deliveredAt?: Date | null;
    cancelledAt?: Date | null;
    financialStatus?: string;
    locale?: string | null;
  } = {},
) {
  const n = next();
  const lines: LineSpec[] = options.lines ?? [LINEN_SHIRT, MUG];
  for (const line of lines) {
    await db.product.upsert({
      where: { shop_shopifyId: { shop, shopifyId: line.shopifyId } },
      update: {},
      create: {
        shop,
        shopifyId: line.shopifyId,
        title: line.title,
        handle: line.title.toLowerCase().replace(/\W+/g, "-"),
        imageUrl: line.imageUrl ?? null,
        isGiftCard: line.isGiftCard ?? false,
      },
    });
  }
  return db.order.create({
    data: {
      shop,
      shopifyId: String(5_500_000 + n),
      name: `#${1000 + n}`,
      customerId: options.customer?.id ?? null,
      email: options.customer?.email ?? null,
      locale: options.locale ?? null,
      financialStatus: options.financialStatus ?? "paid",
      placedAt: new Date((options.fulfilledAt ?? new Date()).getTime() - 86_400_000),
      fulfilledAt: options.fulfilledAt === undefined ? null : options.fulfilledAt,
      deliveredAt: options.deliveredAt ?? null,
      cancelledAt: options.cancelledAt ?? null,
      lines: {
        create: lines.map((line, i) => ({
          shop,
          shopifyLineId: `${n}${i}${randomBytes(3).toString("hex")}`,
          productShopifyId: line.shopifyId,
          title: line.title,
          quantity: line.quantity ?? 1,
          refundedQuantity: line.refundedQuantity ?? 0,
          priceCents: line.priceCents,
          isGiftCard: line.isGiftCard ?? false,
        })),
      },
    },
    include: { lines: true },
  });
}

export async function timeline(requestId: string) {
  const events = await db.requestEvent.findMany({ where: { requestId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
  return events.map((e) => e.type);
}
