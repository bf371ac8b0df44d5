// The Admin GraphQL gateway: the one place Kundröst talks to Shopify's Admin API. One typed function per
// operation (the documents live one per file in ./operations and are validated against the pinned schema
// by tests/shopify/admin-schema.test.ts). Every function takes the transport first (`graphql` from
// authenticateAdmin in routes, `await ctx.adminGraphql(shop)` in jobs) and the shop second, which keys
// the cost-bucket estimate and the logs. Failures arrive as ShopifyAdminError (`status`, `terminal`),
// ShopifyGraphqlError (top-level errors) or ShopifyUserError (a mutation's userErrors).
export type { AdminGraphql } from "./types";
// The demo's and the tests' Admin API, handed out only by app/admin-auth.server.ts (the injection point).
export { createStandInGraphql } from "./standin.server";
export type { AdminCallOptions, AdminClock } from "./admin-call.server";
export { CostBuckets } from "./cost-buckets";
export type { ThrottleStatus } from "./cost-buckets";
export {
  ShopifyAdminError,
  ShopifyGraphqlError,
  ShopifyUserError,
  TERMINAL_HTTP_STATUSES,
  type GraphqlErrorDetail,
  type UserErrorDetail,
} from "./errors";
export { toShopifyGid, legacyIdOf, type ShopifyResource } from "./shopify-ids";

export { fetchShopInfo, type ShopInfo } from "./shop-info.server";
export {
  fetchProductsByIds,
  fetchProductPage,
  type ShopifyProduct,
  type ShopifyProductStatus,
  type ProductPage,
} from "./products.server";
export {
  fetchOrderDetails,
  type ShopifyOrderDetails,
  type ShopifyOrderLine,
  type ShopifyFulfillment,
} from "./orders.server";
export { fetchCustomer, type ShopifyCustomer } from "./customers.server";
export {
  setProductRatingMetafields,
  enableProductRatingDefinitions,
  RATING_NAMESPACE,
  RATING_SCALE,
  type ProductRating,
} from "./product-ratings.server";
export {
  createCustomerDiscountCode,
  deleteDiscountCode,
  type CustomerDiscountCodeInput,
  type CreatedDiscountCode,
} from "./discounts.server";
