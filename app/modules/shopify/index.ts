// The Admin GraphQL gateway: the one place Kundröst talks to Shopify's Admin API. One typed function per
// operation (the documents live one per file in ./operations and are validated against the pinned schema
// by tests/shopify/admin-schema.test.ts). Every function takes the transport first (`graphql` from
// authenticateAdmin in routes, `await ctx.adminGraphql(shop)` in jobs) and the shop second, which keys
// the cost-bucket estimate and the logs. Failures arrive as ShopifyAdminError (`status`, `terminal`),
// ShopifyGraphqlError (top-level errors) or ShopifyUserError (a mutation's userErrors).
export type { AdminGraphql } from "./types";
// The response shapes of the operations, for the demo's Admin API stand-in (app/modules/demo), which answers them.
export type { ProductNode } from "./fragments/ProductFields";
export type { CustomerQueryData } from "./operations/CustomerQuery";
export type { DiscountCodeBasicCreateMutationData } from "./operations/DiscountCodeBasicCreateMutation";
export type { DiscountCodeDeleteMutationData } from "./operations/DiscountCodeDeleteMutation";
export type { MetafieldsSetMutationData } from "./operations/MetafieldsSetMutation";
export type { MetafieldsDeleteMutationData } from "./operations/MetafieldsDeleteMutation";
export type { ProductRatingMetafieldsQueryData } from "./operations/ProductRatingMetafieldsQuery";
export type { OrderDetailsQueryData } from "./operations/OrderDetailsQuery";
export type { ProductsByIdsQueryData } from "./operations/ProductsByIdsQuery";
export type { ProductsPageQueryData } from "./operations/ProductsPageQuery";
export type { ShopInfoQueryData } from "./operations/ShopInfoQuery";
export type { StandardMetafieldDefinitionEnableMutationData } from "./operations/StandardMetafieldDefinitionEnableMutation";
export type { DiscountCodeFreeShippingCreateMutationData } from "./operations/DiscountCodeFreeShippingCreateMutation";
export type { CodeDiscountNodeByCodeQueryData } from "./operations/CodeDiscountNodeByCodeQuery";
export type { AdminCallOptions, AdminClock } from "./admin-call.server";
export { CostBuckets } from "./cost-buckets";
export type { ThrottleStatus } from "./cost-buckets";
export { ShopifyAdminError, ShopifyGraphqlError, ShopifyUserError, TERMINAL_HTTP_STATUSES } from "./errors";

export { fetchShopInfo, type ShopInfo } from "./shop-info.server";
export { fetchProductsByIds, fetchProductPage, type ShopifyProduct } from "./products.server";
export { fetchOrderDetails } from "./orders.server";
export { fetchCustomer } from "./customers.server";
export {
  setProductRatingMetafields,
  enableProductRatingDefinitions,
  writeProductRatings,
  fetchProductRatings,
  type ProductRating,
} from "./product-ratings.server";
export { createCustomerDiscountCode, deleteDiscountCode, type CreatedDiscountCode } from "./discounts.server";
export { createCustomerFreeShippingCode, findDiscountByCode } from "./reward-codes.server";
export { setCustomerLoyaltyMetafields } from "./customer-loyalty-metafields.server";
