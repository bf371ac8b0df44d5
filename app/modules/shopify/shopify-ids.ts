// Shopify names things two ways: webhooks, REST and Liquid's `product.id` use the numeric id, GraphQL uses
// the global id `gid://shopify/Product/123`. Our rows store the numeric id (what webhooks deliver); the
// gateway accepts either and speaks GIDs to the Admin API.
// https://shopify.dev/docs/api/usage/gids

export type ShopifyResource =
  | "Product"
  | "ProductVariant"
  | "Order"
  | "LineItem"
  | "Customer"
  | "Fulfillment"
  | "DiscountCodeNode"
  | "Metafield"
  | "Shop";

const GID = /^gid:\/\/shopify\/([A-Za-z]+)\/([^/?]+)/;

export function toShopifyGid(resource: ShopifyResource, id: string | number | bigint): string {
  const text = String(id);
  const match = GID.exec(text);
  if (match) {
    if (match[1] !== resource) throw new Error(`Expected a ${resource} id, got ${text}`);
    return text;
  }
  if (!/^\d+$/.test(text)) throw new Error(`Not a Shopify ${resource} id: ${text}`);
  return `gid://shopify/${resource}/${text}`;
}

/** The numeric part of a GID (or the id itself when it already is numeric). */
export function legacyIdOf(id: string): string {
  return GID.exec(id)?.[2] ?? id;
}
