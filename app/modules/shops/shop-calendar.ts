// The calendar a shop's figures are counted in: days, weeks (from Monday) and months in the shop's time zone,
// so "this week" on the Insights screen is the merchant's week, not UTC's. A calendar date is carried as a Date
// at midnight UTC of that date (what TopicAggregate.weekStart and TopicMention.weekStart/monthStart store), and
// turned back into the instant it starts in the shop with startOfDayIn.
import { DateTime } from "luxon";

import { zoneFormat } from "./zone-formats";

const DAY_MS = 86_400_000;

/** The calendar date `at` falls on in `zone`, as midnight UTC of that date. */
export function calendarDayOf(at: Date, zone: string): Date {
  if (zone === "UTC") return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
  const parts = zoneFormat(zone, "calendar-day").formatToParts(at);
  const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value);
  return new Date(Date.UTC(part("year"), part("month") - 1, part("day")));
}

/** The Monday of the week `at` falls in, in `zone` (ISO weeks), as a calendar date. */
export function weekStartOf(at: Date, zone = "UTC"): Date {
  const day = calendarDayOf(at, zone);
  const mondayBased = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - mondayBased * DAY_MS);
}

/** The 1st of the month `at` falls in, in `zone`, as a calendar date. */
export function monthStartOf(at: Date, zone = "UTC"): Date {
  const day = calendarDayOf(at, zone);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1));
}

/** The instant a calendar date (midnight UTC of it) begins in `zone`. */
export function startOfDayIn(day: Date, zone: string): Date {
  return DateTime.fromObject(
    { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() },
    { zone },
  ).toJSDate();
}

/** A calendar date `months` months after (or before) the month of `monthStart`. */
export function addMonths(monthStart: Date, months: number): Date {
  return new Date(Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth() + months, 1));
}

/** "2026-10-05" for a calendar date. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
