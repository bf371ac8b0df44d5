// What a link in the email (/r/<token>...) resolves to: the signed token names one request of one shop.
import db from "../../../db.server";
import { shopifyCredentials } from "../../../config.server";
import { signRequestToken, verifyRequestToken } from "./token.server";
import { pickShopperLanguage } from "../../shopper-language";
import type { EmailLocale } from "../../settings";
import { loadShopBrand } from "../../shops";

export type RequestLinkProblem = "malformed" | "forged" | "expired" | "not_found" | "cancelled";

async function findRequest(requestId: string, shop: string) {
  const request = await db.reviewRequest.findFirst({
    where: { id: requestId, shop },
    include: { items: { orderBy: { position: "asc" } } },
  });
  if (!request) return null;
  const [shopInfo, customer] = await Promise.all([
    loadShopBrand(shop),
    request.customerId ? db.customer.findFirst({ where: { id: request.customerId, shop } }) : null,
  ]);
  const locale: EmailLocale = pickShopperLanguage(request.locale, customer?.locale, shopInfo.primaryLocale);
  return { ...request, shopInfo, customer, locale };
}

export type LoadedRequest = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

export type LoadRequestResult = { ok: true; request: LoadedRequest } | { ok: false; reason: RequestLinkProblem };

/**
 * The request behind a review link, for the review page. Refuses forged, expired and unknown tokens, and
 * requests that were cancelled (order cancelled or refunded, or the shopper stopped them).
 */
export async function loadRequestForToken(token: string, now: Date = new Date()): Promise<LoadRequestResult> {
  const check = verifyRequestToken(token, now);
  if (!check.ok) return { ok: false, reason: check.reason };
  const request = await findRequest(check.claims.requestId, check.claims.shop);
  if (!request) return { ok: false, reason: "not_found" };
  if (request.status === "cancelled" || request.status === "skipped") return { ok: false, reason: "cancelled" };
  return { ok: true, request };
}

/** Any request a valid token names, whatever its status (the shopper pages explain each status). */
export async function verifiedRequest(token: string, now: Date = new Date()): Promise<LoadRequestResult> {
  const check = verifyRequestToken(token, now);
  if (!check.ok) return { ok: false, reason: check.reason };
  const request = await findRequest(check.claims.requestId, check.claims.shop);
  return request ? { ok: true, request } : { ok: false, reason: "not_found" };
}

/**
 * For unsubscribing: an authentic token still works after it expired, because an unsubscribe link must keep
 * working for as long as the email sits in an inbox (the signature, not the date, proves it is ours).
 */
export async function loadRequestForUnsubscribe(token: string): Promise<LoadRequestResult> {
  const check = verifyRequestToken(token, new Date(0));
  if (!check.ok) return { ok: false, reason: check.reason };
  const request = await findRequest(check.claims.requestId, check.claims.shop);
  return request ? { ok: true, request } : { ok: false, reason: "not_found" };
}

export interface RequestLinks {
  token: string;
  review: string;
  unsubscribe: string;
  notArrived: string;
  /** One-tap star link for a product: opens the review page with that rating filled in. */
  star(rating: number, productShopifyId: string): string;
}

export function requestLinks(
  request: { id: string; shop: string },
  expiresAt: Date,
  appUrl: string = shopifyCredentials().appUrl,
): RequestLinks {
  const token = signRequestToken({ requestId: request.id, shop: request.shop, expiresAt });
  const review = `${appUrl.replace(/\/+$/, "")}/r/${token}`;
  return {
    token,
    review,
    unsubscribe: `${review}/unsubscribe`,
    notArrived: `${review}/not-arrived`,
    star: (rating, productShopifyId) => `${review}?rating=${rating}&product=${encodeURIComponent(productShopifyId)}`,
  };
}
