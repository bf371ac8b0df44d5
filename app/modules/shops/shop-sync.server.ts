// Our Shop row mirrors the shop's own settings in Shopify: its name and sender address for emails, its
// currency, its time zone (send windows) and its default language (emails, fallback locale).
import defaultDb, { type DbClient } from "../../db.server";
import { ShopNotInstalledError } from "./installed.server";
import { fetchShopInfo, type AdminCallOptions, type AdminGraphql, type ShopInfo } from "../shopify";

export interface SyncedShop {
  shop: string;
  name: string;
  email: string | null;
  currency: string;
  timezone: string;
  primaryLocale: string;
}

/** Fetches the shop's details from the Admin API and updates our Shop row (never creates one); returns it. */
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
  // An update, never an insert: the Shop row exists from the grant (markShopInstalled). A shop redacted while
  // its sync ran has no row, and a sync must not bring one back.
  const select = { shop: true, name: true, email: true, currency: true, timezone: true, primaryLocale: true } as const;
  const updated = await client.shop.updateMany({ where: { shop }, data: fields });
  if (updated.count === 0) throw new ShopNotInstalledError(shop);
  return client.shop.findUniqueOrThrow({ where: { shop }, select });
}
