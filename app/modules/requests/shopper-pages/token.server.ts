// Review-request links: /r/<token>. The token names one request and the shop, carries its expiry and is
// signed with HMAC-SHA256, so it cannot be guessed, altered, or pointed at another order.
import { createHmac, timingSafeEqual } from "node:crypto";
import { reviewTokenSecret } from "../../../config.server";

export interface RequestTokenClaims {
  requestId: string;
  shop: string;
  expiresAt: Date;
}

export type RequestTokenCheck =
  { ok: true; claims: RequestTokenClaims } | { ok: false; reason: "malformed" | "forged" | "expired" };

const VERSION = "1";

function sign(body: string, secret: string): string {
  return createHmac("sha256", secret).update(`${VERSION}.${body}`).digest("base64url");
}

export function signRequestToken(claims: RequestTokenClaims, secret = reviewTokenSecret()): string {
  const body = Buffer.from(
    JSON.stringify({ r: claims.requestId, s: claims.shop, e: Math.floor(claims.expiresAt.getTime() / 1000) }),
  ).toString("base64url");
  return `${VERSION}.${body}.${sign(body, secret)}`;
}

export function verifyRequestToken(
  token: string,
  now: Date = new Date(),
  secret = reviewTokenSecret(),
): RequestTokenCheck {
  const parts = typeof token === "string" ? token.split(".") : [];
  if (parts.length !== 3 || parts[0] !== VERSION || parts[1].length > 2048) return { ok: false, reason: "malformed" };
  const [, body, signature] = parts;
  const expected = Buffer.from(sign(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "forged" };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const { r, s, e } = (decoded ?? {}) as { r?: unknown; s?: unknown; e?: unknown };
  if (typeof r !== "string" || typeof s !== "string" || typeof e !== "number")
    return { ok: false, reason: "malformed" };
  const claims = { requestId: r, shop: s, expiresAt: new Date(e * 1000) };
  if (claims.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}
