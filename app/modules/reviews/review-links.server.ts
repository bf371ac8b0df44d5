// Links in the emails about one review (/rv/<token>): update the review, or stop emails from the shop. The
// token names the review and the shop, carries its expiry and is signed with HMAC-SHA256 under a purpose of its
// own ("review."), so a review-request token can never pass for it nor the other way round.
import { createHmac, timingSafeEqual } from "node:crypto";
import { reviewTokenSecret, shopifyCredentials } from "../../config.server";

const PREFIX = "rv1";

export interface ReviewTokenClaims {
  reviewId: string;
  shop: string;
  expiresAt: Date;
}

export type ReviewTokenCheck =
  { ok: true; claims: ReviewTokenClaims } | { ok: false; reason: "malformed" | "forged" | "expired" };

function sign(body: string, secret: string): string {
  return createHmac("sha256", secret).update(`review.${PREFIX}.${body}`).digest("base64url");
}

export function signReviewToken(claims: ReviewTokenClaims, secret = reviewTokenSecret()): string {
  const body = Buffer.from(
    JSON.stringify({ v: claims.reviewId, s: claims.shop, e: Math.floor(claims.expiresAt.getTime() / 1000) }),
  ).toString("base64url");
  return `${PREFIX}.${body}.${sign(body, secret)}`;
}

/** Checks a review link's token; `now` = new Date(0) accepts an expired one (an unsubscribe link keeps working). */
export function verifyReviewToken(
  token: string,
  now: Date = new Date(),
  secret = reviewTokenSecret(),
): ReviewTokenCheck {
  const parts = typeof token === "string" ? token.split(".") : [];
  if (parts.length !== 3 || parts[0] !== PREFIX || parts[1].length > 1024) return { ok: false, reason: "malformed" };
  const expected = Buffer.from(sign(parts[1], secret));
  const given = Buffer.from(parts[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "forged" };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const { v, s, e } = (decoded ?? {}) as { v?: unknown; s?: unknown; e?: unknown };
  if (typeof v !== "string" || typeof s !== "string" || typeof e !== "number")
    return { ok: false, reason: "malformed" };
  const claims = { reviewId: v, shop: s, expiresAt: new Date(e * 1000) };
  if (claims.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}

export interface ReviewLinks {
  update: string;
  unsubscribe: string;
}

export function reviewLinks(
  review: { id: string; shop: string },
  expiresAt: Date,
  appUrl: string = shopifyCredentials().appUrl,
): ReviewLinks {
  const token = signReviewToken({ reviewId: review.id, shop: review.shop, expiresAt });
  const base = `${appUrl.replace(/\/+$/, "")}/rv/${token}`;
  return { update: base, unsubscribe: `${base}/unsubscribe` };
}
