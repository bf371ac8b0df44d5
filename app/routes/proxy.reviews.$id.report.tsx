// POST /apps/kundrost/reviews/<id>/report (through the app proxy): a shopper reports a published review with a
// reason; enough reports put it back in the merchant's queue. One report per visitor and review; rate-limited.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authenticateAppProxy, overProxyLimit, shopperAddress } from "~/modules/app-proxy";
import { reportReview } from "~/modules/reviews";

const PRIVATE = { "Cache-Control": "private, no-store" };

export async function loader() {
  return json({ error: "Report with a POST." }, { status: 405, headers: { Allow: "POST", ...PRIVATE } });
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
  const result = await reportReview({ shop, reviewId: params.id ?? "", visitor, reason: form.get("reason") });
  // What happens to the review afterwards is the merchant's business: the shopper only learns it was counted.
  const answer = result.ok ? { ok: true, counted: result.counted } : result;
  const status = result.ok ? 200 : result.reason === "not_found" ? 404 : result.reason === "rate_limited" ? 429 : 400;
  return json(answer, { status, headers: PRIVATE });
}
