// Review dates as peers write them: ISO 8601 (with or without time and zone), "2024-03-05 14:22:10 UTC",
// and the day/month/year forms ("05/03/2024", "5.3.2024", "05-03-2024", with an optional time). A first
// number above 12 cannot be a month, so "13/04/2024" and "04/13/2024" both read right; otherwise day first,
// as the peers' European exports write it. Returns null for anything else. Pure.

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_SPACE_UTC = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(UTC|Z|[+-]\d{2}:?\d{2})?$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function valid(date: Date): Date | null {
  const year = date.getUTCFullYear();
  return Number.isNaN(date.getTime()) || year < 1990 || year > 2100 ? null : date;
}

export function parseReviewDate(raw: string): Date | null {
  const text = raw.trim();
  if (!text) return null;
  if (ISO_DATE.test(text)) return valid(new Date(`${text}T00:00:00Z`));
  const iso = ISO_SPACE_UTC.exec(text);
  if (iso) {
    const zone = !iso[3] || /^(utc|z)$/i.test(iso[3]) ? "Z" : iso[3].replace(/^([+-]\d{2})(\d{2})$/, "$1:$2");
    return valid(new Date(`${iso[1]}T${iso[2]}${zone}`));
  }
  const dmy = DMY.exec(text);
  if (dmy) {
    let [day, month] = [Number(dmy[1]), Number(dmy[2])];
    if (month > 12 && day <= 12) [day, month] = [month, day];
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    const date = new Date(
      Date.UTC(Number(dmy[3]), month - 1, day, Number(dmy[4] ?? 0), Number(dmy[5] ?? 0), Number(dmy[6] ?? 0)),
    );
    return date.getUTCDate() === day ? valid(date) : null;
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) return valid(new Date(text));
  return null;
}
