// GET /apps/kundrost/reviews?product=<id>&sort=&rating=&media=&page= (through the app proxy): a page of the
// product's published reviews with the summary and the media strip, for the storefront's reviews block. The
// signature is checked first. The answer holds only published, public data, so it may be cached: an ETag of
// its bytes (a repeat answers 304) and a short shared lifetime; the app keeps it a few seconds too.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { shopifyCredentials } from "~/config.server";
import { authenticateAppProxy, overProxyLimit, shopperAddress } from "~/modules/app-proxy";
import { storefrontReviewListJson, StorefrontListQuery } from "~/modules/reviews";

const PUBLIC_CACHE = "public, max-age=60, stale-while-revalidate=300";
const NO_STORE = { "Cache-Control": "no-store" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await authenticateAppProxy(request);
  if (overProxyLimit("read", shop, shopperAddress(request)))
    return json({ error: "Too many requests. Wait a minute and try again." }, { status: 429, headers: NO_STORE });
  const query = StorefrontListQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return json({ error: "Which product?" }, { status: 400, headers: NO_STORE });
  const { body, etag } = await storefrontReviewListJson(shop, query.data, shopifyCredentials().appUrl);
  const headers = { "Cache-Control": PUBLIC_CACHE, ETag: etag, Vary: "Accept-Encoding" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, "Content-Type": "application/json; charset=utf-8" } });
}
