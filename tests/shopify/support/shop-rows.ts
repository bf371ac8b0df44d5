// Rows for a small shop the stand-in answers from: a few products, a customer and a delivered order.
import db from "~/db.server";

let sequence = 0;
const nextNumericId = () => String(8_023_450_000_000 + ++sequence);

export async function createShopRow(
  shop: string,
  fields: Partial<{ name: string; email: string; currency: string; timezone: string; primaryLocale: string }> = {},
) {
  return db.shop.create({
    data: {
      shop,
      name: "Nordic Linen",
      email: "hej@nordiclinen.se",
      currency: "SEK",
      timezone: "Europe/Stockholm",
      primaryLocale: "sv",
      installedAt: new Date("2026-01-01T00:00:00Z"),
      ...fields,
    },
  });
}

export async function createProductRow(
  shop: string,
  fields: Partial<{
    shopifyId: string;
    title: string;
    handle: string;
    imageUrl: string | null;
    isGiftCard: boolean;
    status: string;
    productType: string | null;
  }> = {},
) {
  const shopifyId = fields.shopifyId ?? nextNumericId();
  return db.product.create({
    data: {
      shop,
      shopifyId,
      title: `Product ${shopifyId}`,
      handle: `product-${shopifyId}`,
      productType: "Bedding",
      vendor: "Nordic Linen",
      imageUrl: `https://cdn.shopify.com/s/files/1/${shopifyId}.jpg`,
      ...fields,
    },
  });
}

export async function createCustomerRow(
  shop: string,
  fields: Partial<{
    shopifyId: string;
    email: string | null;
    firstName: string;
    lastName: string;
    locale: string | null;
    acceptsMarketing: boolean;
  }> = {},
) {
  return db.customer.create({
    data: {
      shop,
      shopifyId: fields.shopifyId ?? nextNumericId(),
      email: "astrid.lindqvist@example.se",
      firstName: "Astrid",
      lastName: "Lindqvist",
      locale: "sv",
      ...fields,
    },
  });
}

export async function createDeliveredOrder(
  shop: string,
  input: {
    customerId: string;
    lines: { productShopifyId: string; quantity: number; refundedQuantity?: number; isGiftCard?: boolean }[];
  },
) {
  const orderShopifyId = nextNumericId();
  return db.order.create({
    data: {
      shop,
      shopifyId: orderShopifyId,
      name: "#1042",
      customerId: input.customerId,
      email: "astrid.lindqvist@example.se",
      locale: "sv-SE",
      currency: "SEK",
      totalPriceCents: 129_900,
      financialStatus: "partially_refunded",
      fulfillmentStatus: "fulfilled",
      placedAt: new Date("2026-06-01T10:00:00Z"),
      fulfilledAt: new Date("2026-06-02T08:30:00Z"),
      deliveredAt: new Date("2026-06-04T13:05:00Z"),
      lines: {
        create: input.lines.map((line, index) => ({
          shop,
          shopifyLineId: `${orderShopifyId}${index}`,
          productShopifyId: line.productShopifyId,
          variantShopifyId: `4${line.productShopifyId}`,
          title: `Line ${index + 1}`,
          quantity: line.quantity,
          refundedQuantity: line.refundedQuantity ?? 0,
          priceCents: 64_950,
          isGiftCard: line.isGiftCard ?? false,
        })),
      },
    },
  });
}
