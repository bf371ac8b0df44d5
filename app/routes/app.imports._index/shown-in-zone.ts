// Dates on the import screens, in the shop's time zone.
import { DateTime } from "luxon";

export function shownInZone(date: Date | null, zone: string): string | null {
  return date ? DateTime.fromJSDate(date, { zone }).toFormat("d LLL yyyy, HH:mm") : null;
}
