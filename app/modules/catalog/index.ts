// Catalogue: our Product rows, a cache of Shopify's products for admin screens, emails and the storefront.
export { upsertProductsFromShopify, refreshProductsFromShopify, syncProductsFromShopify } from "./product-cache.server";
