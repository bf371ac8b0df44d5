// Intl formatters are costly to make (each resolves its locale and time zone data) and cheap to reuse: one per
// time zone and purpose, made on first use and kept for the process's life (a process serves a handful of zones).
const formats = new Map<string, Intl.DateTimeFormat>();

/** The en-US formatter of `zone` for one of the shop module's purposes. */
export function zoneFormat(zone: string, purpose: "calendar-day" | "short-date"): Intl.DateTimeFormat {
  const key = `${purpose} ${zone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      "en-US",
      purpose === "calendar-day"
        ? { timeZone: zone, year: "numeric", month: "numeric", day: "numeric" }
        : { timeZone: zone, day: "numeric", month: "short", year: "numeric" },
    );
    formats.set(key, format);
  }
  return format;
}
