// How the admin writes a moment for the merchant: in the shop's time zone, one format everywhere.
import { DateTime } from "luxon";
import { zoneFormat } from "./zone-formats";

const DATE_TIME = "d LLL yyyy, HH:mm";

/** "3 Dec 2026, 09:15" in the shop's time zone. */
export function formatShopDateTime(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat(DATE_TIME);
}

/**
 * "3 Dec 2026" in the shop's time zone, from one formatter per zone made once: a list writes fifty dates a page,
 * and luxon would build a DateTime (and work out the zone's offset) for each.
 */
export function formatShopDate(at: Date, zone: string): string {
  let day = "";
  let month = "";
  let year = "";
  for (const part of zoneFormat(zone, "short-date").formatToParts(at)) {
    if (part.type === "day") day = part.value;
    else if (part.type === "month") month = part.value;
    else if (part.type === "year") year = part.value;
  }
  return `${day} ${month} ${year}`;
}
