// Our Product rows are a cache of what the admin screens, emails and the storefront need (title, handle,
// image, type, gift card or not). Shopify stays the source of truth; these functions copy from it.
import defaultDb, { type DbClient } from "../../db.server";
import {
  fetchProductPage,
  fetchProductsByIds,
  type AdminCallOptions,
  type AdminGraphql,
  type ShopifyProduct,
} from "../shopify";

/** Upserts products as the Admin API describes them; Product.shopifyId keeps the numeric id, as webhooks do. */
export async function upsertProductsFromShopify(
  shop: string,
  products: readonly ShopifyProduct[],
  client: DbClient = defaultDb,
): Promise<number> {
  for (const product of products) {
    const fields = {
      title: product.title,
      handle: product.handle,
      productType: product.productType,
      vendor: product.vendor,
      imageUrl: product.imageUrl,
      isGiftCard: product.isGiftCard,
      status: product.status,
    };
    await client.product.upsert({
      where: { shop_shopifyId: { shop, shopifyId: product.legacyId } },
      create: { shop, shopifyId: product.legacyId, ...fields },
      update: fields,
      select: { id: true },
    });
  }
  return products.length;
}

/**
 * Fetches the given products (numeric ids or GIDs) and refreshes their rows; ids Shopify no longer knows are skipped.
 */
export async function refreshProductsFromShopify(
  shop: string,
  graphql: AdminGraphql,
  productIds: readonly string[],
  options?: AdminCallOptions,
): Promise<ShopifyProduct[]> {
  const products = await fetchProductsByIds(graphql, shop, productIds, options);
  await upsertProductsFromShopify(shop, products);
  return products;
}

/**
 * Walks the whole catalogue (or what changed since `updatedSince`) page by page; returns how many products were stored.
 */
export async function syncProductsFromShopify(
  shop: string,
  graphql: AdminGraphql,
  input: { updatedSince?: Date | null; pageSize?: number } = {},
  options?: AdminCallOptions,
): Promise<number> {
  let after: string | null = null;
  let stored = 0;
  do {
    const page = await fetchProductPage(
      graphql,
      shop,
      { after, first: input.pageSize, updatedSince: input.updatedSince },
      options,
    );
    stored += await upsertProductsFromShopify(shop, page.products);
    after = page.nextCursor;
  } while (after);
  return stored;
}

export interface CachedProduct {
  shopifyId: string;
  title: string;
  imageUrl: string | null;
}

/** Our cached rows of these products (name and picture for the admin), in the order asked; unknown ids are left out. */
export async function cachedProductsByIds(shop: string, ids: readonly string[]): Promise<CachedProduct[]> {
  if (ids.length === 0) return [];
  const rows = await defaultDb.product.findMany({
    where: { shop, shopifyId: { in: [...ids] } },
    select: { shopifyId: true, title: true, imageUrl: true },
  });
  const byId = new Map(rows.map((row) => [row.shopifyId, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Which of these numeric product ids Shopify knows for the shop (their cached rows are refreshed on the way). */
export async function knownShopProductIds(
  shop: string,
  graphql: AdminGraphql,
  ids: readonly string[],
): Promise<Set<string>> {
  const products = await refreshProductsFromShopify(shop, graphql, ids);
  return new Set(products.map((product) => product.legacyId));
}
