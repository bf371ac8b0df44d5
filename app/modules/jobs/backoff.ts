// When a failed job runs again. Exponential so a struggling dependency gets room; jittered so jobs that
// failed together (one Shopify outage, one SMTP blip) do not all come back in the same second.

export const RETRY_BASE_MS = 15_000;
export const RETRY_CAP_MS = 60 * 60_000;

/**
 * Delay before attempt `failedAttempt + 1`: "equal jitter" — half of the exponential step is fixed, half random,
 * so the delay never collapses to zero. Attempt 1 -> 7.5–15 s, 2 -> 15–30 s, ... capped at 30–60 min; with the
 * default 8 attempts a job keeps trying for 16–32 minutes, long enough to ride out an SMTP or Shopify blip.
 */
export function retryDelayMs(failedAttempt: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, failedAttempt - 1);
  const step = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** exponent);
  return Math.round(step / 2 + random() * (step / 2));
}
