// Shopify's app proxy signature, checked before anything in the request is trusted: the query parameters
// except `signature`, each as key=value with repeated values joined by a comma, sorted, concatenated with no
// separator, HMAC-SHA256 with the app's secret, hex. The comparison is constant-time; the timestamp must be
// within 90 seconds of now (a replayed link goes stale); a second `signature` parameter is refused outright
// (it could otherwise be used to smuggle a different value past a parser that takes the last one).
// https://shopify.dev/docs/apps/build/online-store/app-proxies/authenticate-app-proxies
import { createHmac, timingSafeEqual } from "node:crypto";

export const APP_PROXY_MAX_AGE_SECONDS = 90;

export type AppProxyProblem =
  "missing_signature" | "repeated_signature" | "repeated_parameter" | "bad_signature" | "expired" | "bad_shop";

/** Parameters Shopify sends once; a second value would be joined into the signed message and read ambiguously. */
const SINGLE_PARAMETERS = ["shop", "timestamp", "logged_in_customer_id", "path_prefix"] as const;

export type AppProxyVerdict =
  | { ok: true; shop: string; loggedInCustomerId: string | null; pathPrefix: string | null; timestamp: number }
  | { ok: false; problem: AppProxyProblem };

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/** The message Shopify signs: every parameter but `signature`, values joined with ",", sorted, concatenated. */
export function appProxyMessage(params: URLSearchParams): string {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of params) {
    if (key === "signature") continue;
    grouped.set(key, [...(grouped.get(key) ?? []), value]);
  }
  return [...grouped.entries()]
    .map(([key, values]) => `${key}=${values.join(",")}`)
    .sort()
    .join("");
}

export function signAppProxyParams(params: URLSearchParams, secret: string): string {
  return createHmac("sha256", secret).update(appProxyMessage(params)).digest("hex");
}

export function verifyAppProxySignature(
  query: URLSearchParams | string,
  secret: string,
  options: { now?: Date; maxAgeSeconds?: number } = {},
): AppProxyVerdict {
  const params =
    typeof query === "string" ? new URLSearchParams(query.startsWith("?") ? query.slice(1) : query) : query;
  const signatures = params.getAll("signature");
  if (signatures.length === 0) return { ok: false, problem: "missing_signature" };
  if (signatures.length > 1) return { ok: false, problem: "repeated_signature" };
  if (SINGLE_PARAMETERS.some((name) => params.getAll(name).length > 1))
    return { ok: false, problem: "repeated_parameter" };
  const given = signatures[0];
  if (!/^[0-9a-f]{64}$/i.test(given) || !secret) return { ok: false, problem: "bad_signature" };
  const expected = Buffer.from(signAppProxyParams(params, secret), "hex");
  if (!timingSafeEqual(expected, Buffer.from(given.toLowerCase(), "hex")))
    return { ok: false, problem: "bad_signature" };

  // Only now is anything in the query believed.
  const timestamps = params.getAll("timestamp");
  const timestamp = timestamps.length === 1 && /^\d{1,12}$/.test(timestamps[0]) ? Number(timestamps[0]) : NaN;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const maxAge = options.maxAgeSeconds ?? APP_PROXY_MAX_AGE_SECONDS;
  if (!Number.isFinite(timestamp) || Math.abs(nowSeconds - timestamp) > maxAge)
    return { ok: false, problem: "expired" };
  const shops = params.getAll("shop");
  if (shops.length !== 1 || !SHOP_DOMAIN.test(shops[0])) return { ok: false, problem: "bad_shop" };
  const customers = params.getAll("logged_in_customer_id");
  const customer = customers.length === 1 && /^\d{1,20}$/.test(customers[0]) ? customers[0] : null;
  return { ok: true, shop: shops[0], loggedInCustomerId: customer, pathPrefix: params.get("path_prefix"), timestamp };
}
