// Response headers that keep pages from being framed, sniffed or cached where they must not be.
//
// Shopper pages (/r/<token>/..., and /rv/<token>/... behind the links in a reply email): the token in the
// address is a bearer credential and the page shows the shopper's name, so no framing by anyone (clickjacking a
// review), no caching, no Referer with the token, and a Content-Security-Policy that lets the page load only
// from the app itself (product images may come from the shop's CDN). scripts/server.ts sets these on every
// response under /r/ and /rv/, the app's own refusals (413, 415, 403) and error pages included, and a route's
// own value for a header wins.
//
// The embedded admin (/app...): Shopify frames it in the shop's admin, and only there
// (https://shopify.dev/docs/apps/build/security/set-up-iframe-protection). Shopify's helper sends that only
// when the address carries ?shop=; every admin document sends it here, with the shop from the address or
// from the authenticated session, and in demo mode (no Shopify around the app) only the app may frame itself.

export const SHOPPER_PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": [
    "default-src 'self'",
    // Remix's hydration data and module loader are inline; the page works without JavaScript too.
    "script-src 'self' 'unsafe-inline'",
    // The shop's brand colour is an inline <style>.
    "style-src 'self' 'unsafe-inline'",
    // blob: the previews of the photos and video a shopper picks, shown before anything is sent.
    "img-src 'self' data: blob: https:",
    "media-src 'self' blob:",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join("; "),
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
  "Cache-Control": "private, no-store",
  "X-Robots-Tag": "noindex, nofollow",
};

/**
 * App-proxy answers (/proxy/..., the storefront's /apps/kundrost/...): a member's balance and codes as JSON, read
 * by the shop's own pages. Never cached by Shopify's proxy, a CDN or the browser, never sniffed into HTML.
 */
export const APP_PROXY_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Cache-Control": "private, no-store",
  "X-Robots-Tag": "noindex, nofollow",
};

export function isAppProxyPath(path: string): boolean {
  return path === "/proxy" || path.startsWith("/proxy/");
}

export function isShopperPath(path: string): boolean {
  return path === "/r" || path.startsWith("/r/") || path === "/rv" || path.startsWith("/rv/");
}

export function isAdminPath(path: string): boolean {
  return path === "/app" || path.startsWith("/app/");
}

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/**
 * The Content-Security-Policy of an admin document. `shop` is the shop from ?shop= or the session, when known;
 * without it, any shop's admin may frame the app (it still authenticates), but no other site may.
 */
export function adminContentSecurityPolicy(options: { demo: boolean; shop: string | null }): string {
  if (options.demo) return "frame-ancestors 'self';";
  const shop = options.shop && SHOP_DOMAIN.test(options.shop) ? options.shop : null;
  return `frame-ancestors ${shop ? `https://${shop}` : "https://*.myshopify.com"} https://admin.shopify.com;`;
}
