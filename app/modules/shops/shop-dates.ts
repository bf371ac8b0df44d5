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

/** An ISO instant written as formatShopDateTime does; any other text is returned as it is. */
export function formatShopInstantText(value: string, zone: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return value;
  const parsed = DateTime.fromISO(value, { zone });
  return parsed.isValid ? parsed.toFormat(DATE_TIME) : value;
}
