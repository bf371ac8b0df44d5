// reviews.update-product-rating: recount a product's published reviews and write Shopify's standard
// `reviews.rating` / `reviews.rating_count` metafields, which the theme blocks render as stars and JSON-LD
// without any JavaScript. https://shopify.dev/docs/apps/build/custom-data/metafields/list-of-standard-definitions
// The job reads the current state when it runs (not the state when it was enqueued), so retries, duplicates
// and out-of-order runs all converge on the right figures; metafieldsSet overwrites, so it needs no `once`.
import { z } from "zod";
import { defineJob } from "../jobs";
import { setProductRatingMetafields } from "../shopify";
import { requireInstalledShop } from "../shops";
import { UPDATE_PRODUCT_RATING_JOB } from "./after-review-saved";
import { ratingSummary } from "./product-reviews.server";

export const updateProductRatingJob = defineJob({
  type: UPDATE_PRODUCT_RATING_JOB,
  schema: z.object({ shop: z.string().min(1), productShopifyId: z.string().min(1) }),
  async run({ shop, productShopifyId }, ctx) {
    // Admin API work is for installed shops only: after an uninstall the job is cancelled, and resumed on reinstall.
    await requireInstalledShop(shop);
    const summary = await ratingSummary(shop, productShopifyId);
    const graphql = await ctx.adminGraphql(shop);
    await setProductRatingMetafields(graphql, shop, {
      productId: productShopifyId,
      average: summary.average,
      count: summary.count,
    });
    ctx.log.info(
      { productShopifyId, average: summary.average, count: summary.count },
      "product rating metafields written",
    );
  },
});

export const reviewsJobs = [updateProductRatingJob];
