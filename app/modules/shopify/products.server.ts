import { callAdminOperation, type AdminCallOptions } from "./admin-call.server";
import type { ProductNode } from "./fragments/ProductFields";
import { ProductsByIdsQuery } from "./operations/ProductsByIdsQuery";
import { ProductsPageQuery } from "./operations/ProductsPageQuery";
import { legacyIdOf, toShopifyGid } from "./shopify-ids";
import type { AdminGraphql } from "./types";

export type ShopifyProductStatus = "active" | "archived" | "draft" | "unlisted";

export interface ShopifyProduct {
  id: string;
  /** The numeric id, as webhooks, Liquid and our Product.shopifyId carry it. */
  legacyId: string;
  title: string;
  handle: string;
  productType: string | null;
  vendor: string | null;
  isGiftCard: boolean;
  status: ShopifyProductStatus;
  imageUrl: string | null;
  updatedAt: Date;
}

// Small pages keep each call's requested cost (about four points per product here) well inside the bucket.
const IDS_PER_CALL = 50;
const MAX_PAGE_SIZE = 250;

export function productFromNode(node: ProductNode): ShopifyProduct {
  return {
    id: node.id,
    legacyId: legacyIdOf(node.id),
    title: node.title,
    handle: node.handle,
    productType: node.productType || null,
    vendor: node.vendor || null,
    isGiftCard: node.isGiftCard,
    status: node.status.toLowerCase() as ShopifyProductStatus,
    imageUrl: node.featuredMedia?.preview?.image?.url ?? null,
    updatedAt: new Date(node.updatedAt),
  };
}

/** The products that still exist among `ids` (numeric ids or GIDs), in no particular order. */
export async function fetchProductsByIds(
  graphql: AdminGraphql,
  shop: string,
  ids: readonly string[],
  options?: AdminCallOptions,
): Promise<ShopifyProduct[]> {
  const gids = [...new Set(ids.map((id) => toShopifyGid("Product", id)))];
  const products: ShopifyProduct[] = [];
  for (let start = 0; start < gids.length; start += IDS_PER_CALL) {
    const data = await callAdminOperation(
      graphql,
      shop,
      ProductsByIdsQuery,
      { ids: gids.slice(start, start + IDS_PER_CALL) },
      options,
    );
    for (const node of data.nodes) {
      if (node && "id" in node) products.push(productFromNode(node));
    }
  }
  return products;
}

export interface ProductPage {
  products: ShopifyProduct[];
  /** Pass back as `after` for the next page; null on the last page. */
  nextCursor: string | null;
}

export async function fetchProductPage(
  graphql: AdminGraphql,
  shop: string,
  input: { after?: string | null; first?: number; updatedSince?: Date | null } = {},
  options?: AdminCallOptions,
): Promise<ProductPage> {
  const first = Math.min(Math.max(input.first ?? 50, 1), MAX_PAGE_SIZE);
  // Search syntax: https://shopify.dev/docs/api/usage/search-syntax
  const query = input.updatedSince ? `updated_at:>'${input.updatedSince.toISOString()}'` : null;
  const data = await callAdminOperation(
    graphql,
    shop,
    ProductsPageQuery,
    { first, after: input.after ?? null, query },
    options,
  );
  const { nodes, pageInfo } = data.products;
  return { products: nodes.map(productFromNode), nextCursor: pageInfo.hasNextPage ? pageInfo.endCursor : null };
}
