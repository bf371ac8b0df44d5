// How long a held review has waited for the merchant, in whole days: the list and the detail screen say it the
// same way (no suppression: a review held for a look must not wait unseen).
const DAY_MS = 86_400_000;

export function waitedDays(since: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / DAY_MS));
}

/** "less than a day", "1 day", "12 days". */
export function describeWait(since: Date, now: Date): string {
  const days = waitedDays(since, now);
  return days === 0 ? "less than a day" : `${days} day${days === 1 ? "" : "s"}`;
}
