// Abuse limits for the storefront endpoints, per shopper address and shop: a fixed window per (kind, shop,
// address) held in this process. The database-backed limits stay where the rows are (votes per visitor,
// storefront reviews per network); this one stops a loop hammering the list or the form before any query.
// Shopify's proxy passes the shopper's address in X-Forwarded-For; the signature guarantees the request came
// through Shopify, so its first entry is the shopper.

export const PROXY_LIMITS = {
  read: { requests: 600, windowMs: 60_000 },
  write: { requests: 30, windowMs: 60_000 },
} as const;
export type ProxyLimitKind = keyof typeof PROXY_LIMITS;

const windows = new Map<string, { startedAt: number; count: number }>();
const MAX_TRACKED = 50_000;

/** The shopper's address as Shopify's proxy forwards it; null when there is none. */
export function shopperAddress(request: Request): string | null {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded && forwarded.length <= 100 ? forwarded : null;
}

/** True when this request is one too many for its window (and it is then not counted). */
export function overProxyLimit(kind: ProxyLimitKind, shop: string, address: string | null, now = Date.now()): boolean {
  const { requests, windowMs } = PROXY_LIMITS[kind];
  const key = `${kind}|${shop}|${address ?? "-"}`;
  const current = windows.get(key);
  if (!current || now - current.startedAt >= windowMs) {
    if (windows.size >= MAX_TRACKED) {
      for (const [k, w] of windows) if (now - w.startedAt >= windowMs) windows.delete(k);
      if (windows.size >= MAX_TRACKED) windows.clear();
    }
    windows.set(key, { startedAt: now, count: 1 });
    return false;
  }
  if (current.count >= requests) return true;
  current.count += 1;
  return false;
}

/** Forgets every window (tests). */
export function resetProxyLimits(): void {
  windows.clear();
}
