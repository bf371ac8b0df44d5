// Every app-proxy route starts here: the signature is checked against the app's secret before the request is
// read any further, and the shop must be installed. Failures answer without saying more than they must.
import { json } from "@remix-run/node";
import { shopifyCredentials } from "../../config.server";
import { isShopInstalled } from "../shops";
import { verifyAppProxySignature, type AppProxyProblem } from "./signature.server";

export interface AppProxyContext {
  shop: string;
  /** Set by Shopify for a logged-in shopper; trusted only because the signature covers it. */
  loggedInCustomerId: string | null;
}

const SAFE_METHODS = new Set(["GET", "HEAD"]);

const STATUS: Record<AppProxyProblem, number> = {
  missing_signature: 401,
  repeated_signature: 400,
  repeated_parameter: 400,
  bad_signature: 401,
  expired: 401,
  bad_shop: 400,
};

/** The verified shop and customer; throws a JSON Response (4xx) when the request is not Shopify's. */
export async function authenticateAppProxy(request: Request, options: { now?: Date } = {}): Promise<AppProxyContext> {
  const url = new URL(request.url);
  const verdict = verifyAppProxySignature(url.searchParams, shopifyCredentials().apiSecretKey, options);
  if (!verdict.ok) {
    throw json(
      { error: "This request could not be verified.", problem: verdict.problem },
      { status: STATUS[verdict.problem], headers: { "Cache-Control": "no-store" } },
    );
  }
  // A form the storefront posts reaches the app through Shopify's proxy, so its Origin is the storefront's and
  // Remix's same-host check cannot apply (app/request-limits.server.ts). A browser says where a request was
  // started: one started on another site (a forged form riding on the shopper's storefront login) is refused.
  if (!SAFE_METHODS.has(request.method) && request.headers.get("sec-fetch-site") === "cross-site") {
    throw json(
      { error: "This form was sent from another site, so it was not accepted." },
      { status: 403, headers: { "Cache-Control": "no-store" } },
    );
  }
  if (!(await isShopInstalled(verdict.shop))) {
    throw json(
      { error: "This shop does not use Kundröst." },
      { status: 404, headers: { "Cache-Control": "no-store" } },
    );
  }
  return { shop: verdict.shop, loggedInCustomerId: verdict.loggedInCustomerId };
}
