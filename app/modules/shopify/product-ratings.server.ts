// The product's standard review metafields, read by the theme blocks (stars, JSON-LD) and by Shopify itself.
// https://shopify.dev/docs/apps/build/custom-data/metafields/list-of-standard-definitions
import { z } from "zod";
import { callAdminOperation, type AdminCallOptions } from "./admin-call.server";
import { MetafieldsSetMutation } from "./operations/MetafieldsSetMutation";
import { StandardMetafieldDefinitionEnableMutation } from "./operations/StandardMetafieldDefinitionEnableMutation";
import { ShopifyUserError } from "./errors";
import { toShopifyGid } from "./shopify-ids";
import { requirePayload, throwOnUserErrors } from "./user-errors";
import type { AdminGraphql } from "./types";

export const RATING_NAMESPACE = "reviews";
export const RATING_SCALE = { min: 1, max: 5 } as const;

const ProductRatingSchema = z
  .object({
    productId: z.string().min(1),
    average: z.number().min(RATING_SCALE.min).max(RATING_SCALE.max).nullable(),
    count: z.number().int().min(0),
  })
  .refine((r) => (r.count === 0) === (r.average === null), { message: "average must be null exactly when count is 0" });

export type ProductRating = z.input<typeof ProductRatingSchema>;

/**
 * Writes `reviews.rating` (type rating) and `reviews.rating_count` (number_integer) in one call.
 * A product without published reviews gets only rating_count = 0: a rating must lie on its scale, so themes
 * show stars only when rating_count is above 0.
 */
export async function setProductRatingMetafields(
  graphql: AdminGraphql,
  shop: string,
  rating: ProductRating,
  options?: AdminCallOptions,
): Promise<void> {
  const { productId, average, count } = ProductRatingSchema.parse(rating);
  const ownerId = toShopifyGid("Product", productId);
  const metafields = [
    { ownerId, namespace: RATING_NAMESPACE, key: "rating_count", type: "number_integer", value: String(count) },
  ];
  if (average !== null) {
    // The rating type's JSON value: decimals as strings. https://shopify.dev/docs/apps/build/custom-data/metafields/list-of-data-types
    const value = JSON.stringify({
      value: average.toFixed(2),
      scale_min: RATING_SCALE.min.toFixed(1),
      scale_max: RATING_SCALE.max.toFixed(1),
    });
    metafields.push({ ownerId, namespace: RATING_NAMESPACE, key: "rating", type: "rating", value });
  }
  const data = await callAdminOperation(graphql, shop, MetafieldsSetMutation, { metafields }, options);
  const payload = requirePayload(MetafieldsSetMutation.name, shop, data.metafieldsSet);
  throwOnUserErrors(MetafieldsSetMutation.name, shop, payload.userErrors);
}

/**
 * Enables Shopify's standard definitions for reviews.rating and reviews.rating_count; already enabled counts as done.
 */
export async function enableProductRatingDefinitions(
  graphql: AdminGraphql,
  shop: string,
  options?: AdminCallOptions,
): Promise<void> {
  for (const key of ["rating", "rating_count"]) {
    const data = await callAdminOperation(
      graphql,
      shop,
      StandardMetafieldDefinitionEnableMutation,
      { ownerType: "PRODUCT", namespace: RATING_NAMESPACE, key },
      options,
    );
    const payload = requirePayload(
      StandardMetafieldDefinitionEnableMutation.name,
      shop,
      data.standardMetafieldDefinitionEnable,
    );
    try {
      throwOnUserErrors(StandardMetafieldDefinitionEnableMutation.name, shop, payload.userErrors);
    } catch (error) {
      if (error instanceof ShopifyUserError && error.userErrors.every((e) => e.code === "TAKEN")) continue;
      throw error;
    }
  }
}
