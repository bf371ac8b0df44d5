// How the admin writes a moment for the merchant: in the shop's time zone, one format everywhere.
import { DateTime } from "luxon";

const DATE_TIME = "d LLL yyyy, HH:mm";

/** "3 Dec 2026, 09:15" in the shop's time zone. */
export function formatShopDateTime(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat(DATE_TIME);
}

// One formatter per time zone, made once: a list writes fifty dates a page, and luxon builds a DateTime (and works
// out the zone's offset) for each.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(zone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone: zone, day: "numeric", month: "short", year: "numeric" });
    dayFormats.set(zone, format);
  }
  return format;
}

/** "3 Dec 2026" in the shop's time zone. */
export function formatShopDate(at: Date, zone: string): string {
  let day = "";
  let month = "";
  let year = "";
  for (const part of dayFormat(zone).formatToParts(at)) {
    if (part.type === "day") day = part.value;
    else if (part.type === "month") month = part.value;
    else if (part.type === "year") year = part.value;
  }
  return `${day} ${month} ${year}`;
}
