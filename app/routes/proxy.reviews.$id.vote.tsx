// POST /apps/kundrost/reviews/<id>/vote (through the app proxy): "this review was helpful". One vote per
// visitor (the logged-in customer, else the storefront's anonymous visitor id) and review; rate-limited.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authenticateAppProxy, overProxyLimit, shopperAddress } from "~/modules/app-proxy";
import { voteHelpful } from "~/modules/reviews";

const PRIVATE = { "Cache-Control": "private, no-store" };

export async function loader() {
  return json({ error: "Vote with a POST." }, { status: 405, headers: { Allow: "POST", ...PRIVATE } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { shop, loggedInCustomerId } = await authenticateAppProxy(request);
  if (overProxyLimit("write", shop, shopperAddress(request)))
    return json({ error: "rate_limited" }, { status: 429, headers: PRIVATE });
  const form = await request.formData();
  const visitorField = form.get("visitor");
  const visitor = loggedInCustomerId
    ? `customer:${loggedInCustomerId}`
    : typeof visitorField === "string"
      ? `visitor:${visitorField}`
      : "";
  const result = await voteHelpful({ shop, reviewId: params.id ?? "", visitor });
  const status = result.ok ? 200 : result.reason === "not_found" ? 404 : result.reason === "rate_limited" ? 429 : 400;
  return json(result, { status, headers: PRIVATE });
}
