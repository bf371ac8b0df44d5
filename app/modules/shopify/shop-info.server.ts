import { callAdminOperation, type AdminCallOptions } from "./admin-call.server";
import { ShopInfoQuery } from "./operations/ShopInfoQuery";
import type { AdminGraphql } from "./types";

export interface ShopInfo {
  shopifyId: string;
  name: string;
  email: string;
  contactEmail: string;
  currencyCode: string;
  ianaTimezone: string;
  myshopifyDomain: string;
  /** The shop's default language, e.g. "en" or "sv" (some shops use a regional form such as "pt-BR"). */
  primaryLocale: string;
  publishedLocales: string[];
}

export async function fetchShopInfo(
  graphql: AdminGraphql,
  shop: string,
  options?: AdminCallOptions,
): Promise<ShopInfo> {
  const data = await callAdminOperation(graphql, shop, ShopInfoQuery, {}, options);
  const locales = data.shopLocales;
  return {
    shopifyId: data.shop.id,
    name: data.shop.name,
    email: data.shop.email,
    contactEmail: data.shop.contactEmail,
    currencyCode: data.shop.currencyCode,
    ianaTimezone: data.shop.ianaTimezone,
    myshopifyDomain: data.shop.myshopifyDomain,
    primaryLocale: locales.find((l) => l.primary)?.locale ?? locales[0]?.locale ?? "en",
    publishedLocales: locales.map((l) => l.locale),
  };
}
