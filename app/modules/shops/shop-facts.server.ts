// What the rest of the app knows about a shop from its Shop row: its name and look (for emails and shopper
// pages) and its time zone (for dates the merchant and the shopper see). A row may be missing briefly after
// install, and a time zone Shopify sent may be one this runtime does not know: each fact has one fallback here.
import { IANAZone } from "luxon";
import type { Shop } from ".prisma/client-sqlite";
import db, { querySql, rawSql, selectRows, type DbClient } from "../../db.server";

export interface ShopBrand {
  shop: string;
  name: string;
  brandColor: string;
  primaryLocale: string;
  timezone: string;
  email: string | null;
}

export const DEFAULT_BRAND_COLOR = "#1f5135";

export function safeBrandColor(color: string | null | undefined): string {
  return color && /^#[0-9a-f]{6}$/i.test(color) ? color.toLowerCase() : DEFAULT_BRAND_COLOR;
}

// Whether this runtime knows a zone, asked once per zone: luxon's check builds an Intl formatter at every call, and
// every admin page with a date asks.
const zoneKnown = new Map<string, boolean>();

/** The shop's IANA time zone when this runtime knows it, else UTC: the one fallback for every date shown. */
function knownTimeZone(zone: string | null | undefined): string {
  if (!zone) return "UTC";
  let known = zoneKnown.get(zone);
  if (known === undefined) {
    known = IANAZone.isValidZone(zone);
    // At most a thousand answers kept (Shopify names some hundreds of zones).
    if (zoneKnown.size < 1_000) zoneKnown.set(zone, known);
  }
  return known ? zone : "UTC";
}

/** The shop's name and look; a shop row may be missing briefly after install, so the domain stands in. */
export async function loadShopBrand(shop: string, client: DbClient = db): Promise<ShopBrand> {
  // Raw SQL: every order batch reads it, and a model call costs ~1 ms of Prisma's compiler (decision 009).
  const [row] = await selectRows<Shop>(client, "Shop", rawSql().sql`"shop" = ${shop}`);
  return {
    shop,
    name: row?.name?.trim() || shop.replace(/\.myshopify\.com$/, ""),
    brandColor: safeBrandColor(row?.brandColor),
    primaryLocale: row?.primaryLocale ?? "en",
    timezone: knownTimeZone(row?.timezone),
    email: row?.email ?? null,
  };
}

/** The shop's IANA time zone (from Shopify's shop settings), in which the admin shows and filters dates. */
export async function shopTimeZone(shop: string): Promise<string> {
  // Every admin page with a date reads it: one plain statement, not a query Prisma compiles at each call.
  const { sql } = rawSql();
  const [row] = await querySql<{ timezone: string | null }>(
    db,
    sql`SELECT "timezone" FROM "Shop" WHERE "shop" = ${shop}`,
  );
  return knownTimeZone(row?.timezone);
}
