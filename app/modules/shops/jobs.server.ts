import { z } from "zod";
import { defineJob } from "../jobs";
import { syncProductsFromShopify } from "../catalog";
import { enableProductRatingDefinitions } from "../shopify";
import { requireInstalledShop } from "./installed.server";
import { syncShop } from "./shop-sync.server";

export const SYNC_SHOP_JOB_TYPE = "shops.sync-shop";

/**
 * Mirrors the shop's details and its catalogue. Enqueue it after install (shopify.server.ts afterAuth) and
 * whenever the shop's settings may have changed; uniqueKey `shops.sync-shop:<shop>:<day>` keeps one a day.
 */
export const syncShopJob = defineJob({
  type: SYNC_SHOP_JOB_TYPE,
  schema: z.object({
    shop: z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/),
    products: z.boolean().default(true),
  }),
  async run({ shop, products }, ctx) {
    await requireInstalledShop(shop);
    const graphql = await ctx.adminGraphql(shop);
    const synced = await syncShop(shop, graphql);
    ctx.log.info(
      { currency: synced.currency, timezone: synced.timezone, locale: synced.primaryLocale },
      "shop details synced",
    );
    // Pinning the standard reviews.rating / reviews.rating_count definitions lets themes and Search use them.
    await ctx.once(`shops.rating-definitions:${shop}`, () => enableProductRatingDefinitions(graphql, shop));
    if (products) {
      const count = await syncProductsFromShopify(shop, graphql);
      ctx.log.info({ products: count }, "catalogue synced");
    }
  },
});

export const shopsJobs = [syncShopJob];
