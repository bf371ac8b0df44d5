// How the admin writes a moment for the merchant: in the shop's time zone, one format everywhere.
import { DateTime } from "luxon";

const DATE = "d LLL yyyy";
const DATE_TIME = "d LLL yyyy, HH:mm";

/** "3 Dec 2026, 09:15" in the shop's time zone. */
export function formatShopDateTime(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat(DATE_TIME);
}

/** "3 Dec 2026" in the shop's time zone. */
export function formatShopDate(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat(DATE);
}
