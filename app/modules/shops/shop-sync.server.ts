// Our Shop row mirrors the shop's own settings in Shopify: its name and sender address for emails, its
// currency, its time zone (send windows) and its default language (emails, fallback locale).
import defaultDb, { type DbClient } from "../../db.server";
import { fetchShopInfo, type AdminCallOptions, type AdminGraphql, type ShopInfo } from "../shopify";

export interface SyncedShop {
  shop: string;
  name: string;
  email: string | null;
  currency: string;
  timezone: string;
  primaryLocale: string;
}

/** Fetches the shop's details from the Admin API and upserts our Shop row; returns what was stored. */
export async function syncShop(
  shop: string,
  graphql: AdminGraphql,
  options?: AdminCallOptions & { client?: DbClient },
): Promise<SyncedShop> {
  const info = await fetchShopInfo(graphql, shop, options);
  return saveShopInfo(shop, info, options?.client);
}

export async function saveShopInfo(shop: string, info: ShopInfo, client: DbClient = defaultDb): Promise<SyncedShop> {
  const fields = {
    name: info.name,
    // contactEmail is the address the shop shows customers; email is where Shopify writes to the owner.
    email: info.contactEmail || info.email || null,
    currency: info.currencyCode,
    timezone: info.ianaTimezone,
    primaryLocale: info.primaryLocale,
  };
  const row = await client.shop.upsert({
    where: { shop },
    create: { shop, ...fields },
    // A reinstall brings the shop back: uninstalledAt is cleared by the install flow, not here.
    update: fields,
    select: { shop: true, name: true, email: true, currency: true, timezone: true, primaryLocale: true },
  });
  return row;
}
