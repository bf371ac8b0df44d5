// The shop's Google Shopping product ratings feed: Google's product review feed XML (schema 2.2,
// https://www.google.com/shopping/reviews/schema/product/2.2/product_reviews.xsd), at a public URL whose
// secret is unguessable (128 random bits) and which the merchant can replace. Published reviews only, with the
// name the store shows (never an email address), their photos, and the product identifiers the catalogue has
// (SKUs from the orders' lines, the vendor as brand). Streamed in keyset pages, so 100,000 reviews cost one
// page of rows in memory at a time.
import { randomBytes } from "node:crypto";
import db from "../../db.server";
import { getSettings } from "../settings";

export const REVIEW_FEED_PAGE = 500;
/** How a review was asked for, where we know it (an imported review's origin is the other app's business). */
const COLLECTION_METHOD: Record<string, string> = { request: "post_fulfillment", storefront: "unsolicited" };
const TOKEN = /^[A-Za-z0-9_-]{22}$/;

/** The feed's secret, made the first time the merchant asks for it. */
export async function reviewFeedToken(shop: string): Promise<string> {
  await getSettings(shop);
  const row = await db.settings.findUniqueOrThrow({ where: { shop }, select: { reviewFeedToken: true } });
  return row.reviewFeedToken ?? regenerateReviewFeedToken(shop);
}

/** A new secret: the old URL stops working at once. */
export async function regenerateReviewFeedToken(shop: string): Promise<string> {
  await getSettings(shop);
  const token = randomBytes(16).toString("base64url");
  await db.settings.update({ where: { shop }, data: { reviewFeedToken: token } });
  return token;
}

/** The shop whose feed this secret opens (installed shops only) and its name, or null. */
export async function shopForReviewFeed(token: string): Promise<{ shop: string; name: string } | null> {
  if (!TOKEN.test(token)) return null;
  const row = await db.settings.findUnique({ where: { reviewFeedToken: token }, select: { shop: true } });
  if (!row) return null;
  const shop = await db.shop.findUnique({
    where: { shop: row.shop },
    select: { name: true, installedAt: true, uninstalledAt: true },
  });
  return shop?.installedAt && !shop.uninstalledAt ? { shop: row.shop, name: shop.name || row.shop } : null;
}

function xml(text: string): string {
  return (
    text
      // Characters XML 1.0 cannot carry at all.
      // eslint-disable-next-line no-control-regex -- control characters are what this removes
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
  );
}

interface FeedProduct {
  title: string;
  handle: string;
  vendor: string | null;
  skus: string[];
}

async function productsFor(shop: string, ids: string[], known: Map<string, FeedProduct | null>): Promise<void> {
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length === 0) return;
  const [products, lines] = await Promise.all([
    db.product.findMany({
      where: { shop, shopifyId: { in: missing } },
      select: { shopifyId: true, title: true, handle: true, vendor: true },
    }),
    db.orderLine.findMany({
      where: { shop, productShopifyId: { in: missing }, sku: { not: null } },
      distinct: ["productShopifyId", "sku"],
      orderBy: [{ productShopifyId: "asc" }, { sku: "asc" }],
      select: { productShopifyId: true, sku: true },
    }),
  ]);
  for (const id of missing) {
    const product = products.find((p) => p.shopifyId === id);
    known.set(
      id,
      product
        ? {
            title: product.title,
            handle: product.handle,
            vendor: product.vendor,
            skus: [
              ...new Set(lines.filter((l) => l.productShopifyId === id && l.sku?.trim()).map((l) => l.sku as string)),
            ].slice(0, 50),
          }
        : null,
    );
  }
}

/**
 * The feed, piece by piece. `storeUrl` is the storefront (product URLs), `mediaBase` the app's own origin
 * (photo URLs). Reviews of products the catalogue does not know, or without text, are left out (Google needs
 * a product URL and the review's content).
 */
export async function* reviewFeedChunks(
  shop: string,
  options: { storeUrl: string; mediaBase: string; publisher: string; onPage?: (rows: number) => void },
): AsyncGenerator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:vc="http://www.w3.org/2007/XMLSchema-versioning" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://www.google.com/shopping/reviews/schema/product/2.2/product_reviews.xsd">
<version>2.2</version>
<aggregator><name>Kundröst</name></aggregator>
<publisher><name>${xml(options.publisher)}</name></publisher>
`;
  const products = new Map<string, FeedProduct | null>();
  let after: { createdAt: Date; id: string } | null = null;
  let opened = false;
  for (;;) {
    const rows: {
      id: string;
      productShopifyId: string;
      rating: number;
      title: string | null;
      body: string;
      displayName: string;
      anonymized: boolean;
      source: string;
      createdAt: Date;
      media: { token: string; kind: string }[];
    }[] = await db.review.findMany({
      where: {
        shop,
        status: "published",
        ...(after
          ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] }
          : {}),
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: REVIEW_FEED_PAGE,
      select: {
        id: true,
        productShopifyId: true,
        rating: true,
        title: true,
        body: true,
        displayName: true,
        anonymized: true,
        source: true,
        createdAt: true,
        media: { where: { hidden: false, status: "ready", kind: "photo" }, select: { token: true, kind: true } },
      },
    });
    options.onPage?.(rows.length);
    if (rows.length === 0) break;
    after = rows[rows.length - 1];
    await productsFor(shop, [...new Set(rows.map((r) => r.productShopifyId))], products);
    let out = "";
    for (const review of rows) {
      const product = products.get(review.productShopifyId);
      if (!product || !review.body.trim() || !review.displayName.trim()) continue;
      if (!opened) {
        out += "<reviews>\n";
        opened = true;
      }
      const productUrl = `${options.storeUrl}/products/${encodeURIComponent(product.handle)}`;
      const ids = [
        product.skus.length ? `<skus>${product.skus.map((s) => `<sku>${xml(s)}</sku>`).join("")}</skus>` : "",
        product.vendor?.trim() ? `<brands><brand>${xml(product.vendor)}</brand></brands>` : "",
      ].join("");
      out += `<review>
<review_id>${xml(review.id)}</review_id>
<reviewer><name${review.anonymized ? ' is_anonymous="true"' : ""}>${xml(review.displayName)}</name></reviewer>
<review_timestamp>${review.createdAt.toISOString()}</review_timestamp>
${review.title?.trim() ? `<title>${xml(review.title)}</title>\n` : ""}<content>${xml(review.body)}</content>
<review_url type="group">${xml(productUrl)}#kundrost-reviews</review_url>
${
  review.media.length
    ? `<reviewer_images>${review.media
        .map(
          (m) =>
            `<reviewer_image><url>${xml(`${options.mediaBase}/media/${m.token}/display.webp`)}</url></reviewer_image>`,
        )
        .join("")}</reviewer_images>\n`
    : ""
}<ratings><overall min="1" max="5">${review.rating}</overall></ratings>
<products><product>${ids ? `<product_ids>${ids}</product_ids>` : ""}<product_name>${xml(product.title)}</product_name><product_url>${xml(productUrl)}</product_url></product></products>
<is_spam>false</is_spam>
${COLLECTION_METHOD[review.source] ? `<collection_method>${COLLECTION_METHOD[review.source]}</collection_method>\n` : ""}</review>
`;
    }
    if (out) yield out;
    if (rows.length < REVIEW_FEED_PAGE) break;
  }
  yield `${opened ? "</reviews>\n" : ""}</feed>\n`;
}
