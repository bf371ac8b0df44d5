// Storefront test helpers: a shop with a product, reviews in any state, and app-proxy requests signed exactly as
// Shopify signs them (sorted parameters, repeated values joined by a comma, HMAC-SHA256 hex, timestamp).
import { randomBytes } from "node:crypto";
import { LOCAL_API_SECRET } from "~/config.server";
import db from "~/db.server";
import { signAppProxyParams } from "~/modules/app-proxy";

let sequence = 0;

export async function storefrontShop(name = "Lind & Co"): Promise<string> {
  const shop = `store-${randomBytes(4).toString("hex")}.myshopify.com`;
  await db.shop.create({
    data: { shop, name, email: "hej@lindco.se", currency: "SEK", installedAt: new Date("2026-01-01T00:00:00Z") },
  });
  return shop;
}

export async function product(shop: string, fields: Partial<{ shopifyId: string; productType: string }> = {}) {
  sequence += 1;
  return db.product.create({
    data: {
      shop,
      shopifyId: fields.shopifyId ?? String(9_000_000 + sequence),
      title: `Linen shirt ${sequence}`,
      handle: `linen-shirt-${sequence}`,
      productType: fields.productType ?? "Shirts",
      vendor: "Lind",
    },
  });
}

export async function review(
  shop: string,
  productShopifyId: string,
  fields: Partial<{
    rating: number;
    status: string;
    body: string;
    title: string | null;
    email: string | null;
    displayName: string;
    createdAt: Date;
    helpfulCount: number;
    verifiedBuyer: boolean;
    fit: string | null;
  }> = {},
) {
  sequence += 1;
  const status = fields.status ?? "published";
  const createdAt = fields.createdAt ?? new Date(Date.UTC(2026, 9, 1) + sequence * 60_000);
  return db.review.create({
    data: {
      shop,
      productShopifyId,
      rating: fields.rating ?? 5,
      title: fields.title === undefined ? `Title ${sequence}` : fields.title,
      body: fields.body ?? `Review text number ${sequence}, soft and well made.`,
      displayName: fields.displayName ?? `Shopper ${sequence}`,
      email: fields.email === undefined ? `shopper${sequence}@example.se` : fields.email,
      status,
      source: "demo",
      verifiedBuyer: fields.verifiedBuyer ?? true,
      helpfulCount: fields.helpfulCount ?? 0,
      fit: fields.fit ?? null,
      createdAt,
      publishedAt: status === "published" ? createdAt : null,
    },
  });
}

/** A URL as Shopify's app proxy sends it to /proxy/<path>. */
export function proxyUrl(
  path: string,
  params: Record<string, string | string[]>,
  options: { secret?: string; at?: number; extra?: string } = {},
): string {
  const query = new URLSearchParams();
  const all = {
    path_prefix: "/apps/kundrost",
    timestamp: String(options.at ?? Math.floor(Date.now() / 1000)),
    ...params,
  };
  for (const [key, value] of Object.entries(all)) for (const v of [value].flat()) query.append(key, v);
  query.append("signature", signAppProxyParams(query, options.secret ?? LOCAL_API_SECRET));
  return `https://kundrost.example.com/proxy/${path}?${query}${options.extra ?? ""}`;
}

/** Runs a route function and gives back its Response, thrown or returned. */
export async function answer(run: () => Promise<unknown>): Promise<Response> {
  try {
    return (await run()) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
