// What the storefront's "helpful" and "report" buttons send through the app proxy, taken the same way: the shop's
// write limit per shopper address, the visitor (the logged-in customer Shopify signed, else the storefront's
// anonymous visitor id from the form), then the vote or report and the HTTP status its outcome deserves.
import { overProxyLimit, shopperAddress } from "../app-proxy";
import { reportReview, voteHelpful } from "./votes.server";

export type StorefrontSignal = "helpful" | "report";

export interface StorefrontSignalAnswer {
  body: Record<string, unknown>;
  status: number;
}

/** The visitor a vote or report is counted for; "" (refused as invalid) when there is neither. */
function visitorFor(loggedInCustomerId: string | null, form: FormData): string {
  if (loggedInCustomerId) return `customer:${loggedInCustomerId}`;
  const visitorField = form.get("visitor");
  return typeof visitorField === "string" ? `visitor:${visitorField}` : "";
}

function statusFor(result: { ok: true } | { ok: false; reason: string }): number {
  if (result.ok) return 200;
  return result.reason === "not_found" ? 404 : result.reason === "rate_limited" ? 429 : 400;
}

/** Takes one vote or report for `reviewId` from a request the app proxy signed (authenticateAppProxy first). */
export async function receiveStorefrontSignal(
  signal: StorefrontSignal,
  proxy: { shop: string; loggedInCustomerId: string | null },
  request: Request,
  reviewId: string,
): Promise<StorefrontSignalAnswer> {
  const { shop } = proxy;
  if (overProxyLimit("write", shop, shopperAddress(request))) return { body: { error: "rate_limited" }, status: 429 };
  const form = await request.formData();
  const visitor = visitorFor(proxy.loggedInCustomerId, form);
  if (signal === "helpful") {
    const result = await voteHelpful({ shop, reviewId, visitor });
    return { body: result, status: statusFor(result) };
  }
  const result = await reportReview({ shop, reviewId, visitor, reason: form.get("reason") });
  // What happens to the review afterwards is the merchant's business: the shopper only learns it was counted.
  return { body: result.ok ? { ok: true, counted: result.counted } : result, status: statusFor(result) };
}
