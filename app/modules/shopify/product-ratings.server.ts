// The product's standard review metafields, read by the theme blocks (stars, JSON-LD) and by Shopify itself.
// https://shopify.dev/docs/apps/build/custom-data/metafields/list-of-standard-definitions
import { z } from "zod";
import { callAdminOperation, type AdminCallOptions } from "./admin-call.server";
import { MetafieldsDeleteMutation } from "./operations/MetafieldsDeleteMutation";
import { MetafieldsSetMutation, type MetafieldsSetInput } from "./operations/MetafieldsSetMutation";
import { ProductRatingMetafieldsQuery } from "./operations/ProductRatingMetafieldsQuery";
import { StandardMetafieldDefinitionEnableMutation } from "./operations/StandardMetafieldDefinitionEnableMutation";
import { ShopifyUserError } from "./errors";
import { legacyIdOf, toShopifyGid } from "./shopify-ids";
import { requirePayload, throwOnUserErrors } from "./user-errors";
import type { AdminGraphql } from "./types";

export const RATING_NAMESPACE = "reviews";
export const RATING_SCALE = { min: 1, max: 5 } as const;
/**
 * The app's own product metafield beside the standard ones: the distribution and a few published reviews as
 * JSON, so the theme blocks print the bars and the JSON-LD reviews in Liquid (no script, no layout shift).
 */
export const REVIEWS_SUMMARY_METAFIELD = { namespace: "kundrost", key: "reviews_summary" } as const;

const ProductRatingSchema = z
  .object({
    productId: z.string().min(1),
    average: z.number().min(RATING_SCALE.min).max(RATING_SCALE.max).nullable(),
    count: z.number().int().min(0),
    /** JSON for kundrost.reviews_summary; absent: that metafield is left as it is. */
    summary: z.string().max(60_000).optional(),
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

/** Shopify takes at most 25 metafields in one metafieldsSet call. */
export const METAFIELDS_PER_CALL = 25;
/** Products read per reconciliation query (two metafields each keeps the query cost near 50). */
export const PRODUCTS_PER_RATING_READ = 50;

function ratingValue(average: number): string {
  return JSON.stringify({
    value: average.toFixed(2),
    scale_min: RATING_SCALE.min.toFixed(1),
    scale_max: RATING_SCALE.max.toFixed(1),
  });
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface RatingWriteSummary {
  setCalls: number;
  deleteCalls: number;
  metafieldsSet: number;
  ratingsDeleted: number;
}

/**
 * Writes many products' ratings in as few calls as Shopify allows: `reviews.rating` and `reviews.rating_count`
 * (and kundrost.reviews_summary when given) in metafieldsSet calls of at most 25 metafields (a product's
 * fields never split across calls), and for a
 * product left with no published reviews rating_count = 0 plus a metafieldsDelete of `reviews.rating`, so no
 * stale stars stay behind. Each call waits for the shop's cost bucket (callAdminOperation).
 */
export async function writeProductRatings(
  graphql: AdminGraphql,
  shop: string,
  ratings: readonly ProductRating[],
  options?: AdminCallOptions,
): Promise<RatingWriteSummary> {
  const summary: RatingWriteSummary = { setCalls: 0, deleteCalls: 0, metafieldsSet: 0, ratingsDeleted: 0 };
  const perProduct: MetafieldsSetInput[][] = [];
  const emptied: string[] = [];
  for (const rating of ratings) {
    const { productId, average, count, summary: reviewsSummary } = ProductRatingSchema.parse(rating);
    const ownerId = toShopifyGid("Product", productId);
    const fields: MetafieldsSetInput[] = [
      { ownerId, namespace: RATING_NAMESPACE, key: "rating_count", type: "number_integer", value: String(count) },
    ];
    if (average !== null)
      fields.push({ ownerId, namespace: RATING_NAMESPACE, key: "rating", type: "rating", value: ratingValue(average) });
    else emptied.push(ownerId);
    if (reviewsSummary !== undefined)
      fields.push({ ownerId, ...REVIEWS_SUMMARY_METAFIELD, type: "json", value: reviewsSummary });
    perProduct.push(fields);
  }
  let batch: MetafieldsSetInput[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const data = await callAdminOperation(graphql, shop, MetafieldsSetMutation, { metafields: batch }, options);
    throwOnUserErrors(
      MetafieldsSetMutation.name,
      shop,
      requirePayload(MetafieldsSetMutation.name, shop, data.metafieldsSet).userErrors,
    );
    summary.setCalls += 1;
    summary.metafieldsSet += batch.length;
    batch = [];
  };
  for (const fields of perProduct) {
    if (batch.length + fields.length > METAFIELDS_PER_CALL) await flush();
    batch.push(...fields);
  }
  await flush();
  for (const owners of chunks(emptied, METAFIELDS_PER_CALL)) {
    const metafields = owners.map((ownerId) => ({ ownerId, namespace: RATING_NAMESPACE, key: "rating" }));
    const data = await callAdminOperation(graphql, shop, MetafieldsDeleteMutation, { metafields }, options);
    const payload = requirePayload(MetafieldsDeleteMutation.name, shop, data.metafieldsDelete);
    throwOnUserErrors(
      MetafieldsDeleteMutation.name,
      shop,
      payload.userErrors.map((e) => ({ ...e, code: null })),
    );
    summary.deleteCalls += 1;
    summary.ratingsDeleted += (payload.deletedMetafields ?? []).filter(Boolean).length;
  }
  return summary;
}

export interface HeldProductRating {
  productId: string;
  /** The product no longer exists in Shopify. */
  missing: boolean;
  /** The stored average, or null when `reviews.rating` is absent or unreadable. */
  average: number | null;
  /** The stored count, or null when `reviews.rating_count` is absent. */
  count: number | null;
}

/** What Shopify holds in the rating metafields of these products (numeric or GID ids), 50 per query. */
export async function fetchProductRatings(
  graphql: AdminGraphql,
  shop: string,
  productIds: readonly string[],
  options?: AdminCallOptions,
): Promise<HeldProductRating[]> {
  const held: HeldProductRating[] = [];
  for (const ids of chunks(productIds, PRODUCTS_PER_RATING_READ)) {
    const gids = ids.map((id) => toShopifyGid("Product", id));
    const data = await callAdminOperation(graphql, shop, ProductRatingMetafieldsQuery, { ids: gids }, options);
    ids.forEach((productId, index) => {
      const node = data.nodes[index];
      if (!node || !("id" in node)) {
        held.push({ productId, missing: true, average: null, count: null });
        return;
      }
      const average = ratingAverageOf(node.rating?.value);
      const count = node.ratingCount ? Number.parseInt(node.ratingCount.value, 10) : null;
      held.push({ productId: legacyIdOf(node.id), missing: false, average, count: Number.isNaN(count) ? null : count });
    });
  }
  return held;
}

function ratingAverageOf(value: string | undefined): number | null {
  if (!value) return null;
  try {
    const parsed = z.object({ value: z.string() }).parse(JSON.parse(value));
    const number = Number(parsed.value);
    return Number.isFinite(number) ? number : null;
  } catch {
    return null;
  }
}
