// /apps/kundrost/* in demo mode only: the local hop that stands in for Shopify's app proxy, so the storefront
// preview's scripts reach the app's /proxy/* routes exactly as they would on a shop's domain (signed request,
// logged_in_customer_id of the demo member the preview is logged in as). 404 outside demo mode.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { demoMemberFromRequest, forwardThroughLocalAppProxy, requireDemoMode } from "~/modules/demo";

async function forward(request: Request, splat: string | undefined) {
  requireDemoMode();
  const path = (splat ?? "").replace(/^\/+/, "");
  if (!/^[\w./-]{0,200}$/.test(path) || path.includes("..")) throw new Response("Not Found", { status: 404 });
  return forwardThroughLocalAppProxy(request, {
    path,
    origin: new URL(request.url).origin,
    customerShopifyId: demoMemberFromRequest(request),
  });
}

export const loader = ({ request, params }: LoaderFunctionArgs) => forward(request, params["*"]);
export const action = ({ request, params }: ActionFunctionArgs) => forward(request, params["*"]);
