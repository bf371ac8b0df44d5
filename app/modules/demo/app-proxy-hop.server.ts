// The demo's stand-in for Shopify's app proxy: the storefront preview's scripts call /apps/kundrost/<path> on
// the demo's own host, and this hop forwards the request to /proxy/<path> over HTTP the way Shopify does: the
// shopper's query plus shop, path_prefix, timestamp and logged_in_customer_id (empty for a visitor), signed
// with the app's secret (sorted parameters, repeated values joined by a comma, HMAC-SHA256 hex). The body,
// its type and the headers that matter pass through; the answer comes back as the app gave it.
// https://shopify.dev/docs/apps/build/online-store/app-proxies
import { DEMO_SHOP, shopifyCredentials } from "../../config.server";
import { signAppProxyParams } from "../app-proxy";

const PASSED_REQUEST_HEADERS = ["content-type", "content-length", "accept", "if-none-match", "sec-fetch-site"];
const PASSED_RESPONSE_HEADERS = ["content-type", "cache-control", "etag", "allow", "vary"];
/** Parameters Shopify sets itself: a shopper's own value for one of them is dropped, as Shopify does. */
const SHOPIFY_PARAMETERS = new Set(["shop", "path_prefix", "timestamp", "signature", "logged_in_customer_id"]);

export async function forwardThroughLocalAppProxy(
  request: Request,
  args: { path: string; origin: string; customerShopifyId: string | null; shopperAddress?: string },
): Promise<Response> {
  const incoming = new URL(request.url);
  const query = new URLSearchParams();
  for (const [key, value] of incoming.searchParams) if (!SHOPIFY_PARAMETERS.has(key)) query.append(key, value);
  query.set("shop", DEMO_SHOP);
  query.set("logged_in_customer_id", args.customerShopifyId ?? "");
  query.set("path_prefix", "/apps/kundrost");
  query.set("timestamp", String(Math.floor(Date.now() / 1000)));
  query.set("signature", signAppProxyParams(query, shopifyCredentials().apiSecretKey));
  const headers = new Headers();
  for (const name of PASSED_REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  headers.set("x-forwarded-for", args.shopperAddress ?? "127.0.0.1");
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  const answer = await fetch(`${args.origin}/proxy/${args.path}?${query}`, {
    method: request.method,
    headers,
    body: hasBody ? request.body : undefined,
    // Node's fetch streams a request body only with duplex "half".
    duplex: hasBody ? "half" : undefined,
    redirect: "manual",
  });
  const out = new Headers();
  for (const name of PASSED_RESPONSE_HEADERS) {
    const value = answer.headers.get(name);
    if (value) out.set(name, value);
  }
  return new Response(answer.status === 304 ? null : answer.body, { status: answer.status, headers: out });
}
