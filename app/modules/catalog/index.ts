// Catalogue: our Product rows, a cache of Shopify's products for admin screens, emails and the storefront.
export {
  upsertProductsFromShopify,
  refreshProductsFromShopify,
  syncProductsFromShopify,
  cachedProductsByIds,
  knownShopProductIds,
} from "./product-cache.server";
