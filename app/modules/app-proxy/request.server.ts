// Every app-proxy route starts here: the signature is checked against the app's secret before the request is
// read any further, and the shop must be installed. Failures answer without saying more than they must.
import { json } from "@remix-run/node";
import db from "../../db.server";
import { shopifyCredentials } from "../../config.server";
import { verifyAppProxySignature, type AppProxyProblem } from "./signature.server";

export interface AppProxyContext {
  shop: string;
  /** Set by Shopify for a logged-in shopper; trusted only because the signature covers it. */
  loggedInCustomerId: string | null;
}

const STATUS: Record<AppProxyProblem, number> = {
  missing_signature: 401,
  repeated_signature: 400,
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
  const installed = await db.shop.findUnique({ where: { shop: verdict.shop }, select: { uninstalledAt: true } });
  if (!installed || installed.uninstalledAt) {
    throw json(
      { error: "This shop does not use Kundröst." },
      { status: 404, headers: { "Cache-Control": "no-store" } },
    );
  }
  return { shop: verdict.shop, loggedInCustomerId: verdict.loggedInCustomerId };
}
