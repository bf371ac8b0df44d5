// The digest's signed links: the invitation's "confirm my address" (double opt-in, valid for CONFIRM_DAYS) and
// every digest's "unsubscribe". Each names one shop and one address and is signed with HMAC-SHA256, so it
// cannot be made up or pointed at another address. The token travels in the query (request logs keep the path
// only) and the pages behind it act on a POST, so a mail scanner that opens links confirms nothing.
import { createHmac, timingSafeEqual } from "node:crypto";
import { reviewTokenSecret, shopifyCredentials } from "../../config.server";

export type DigestLinkPurpose = "confirm" | "unsubscribe";
export const CONFIRM_DAYS = 14;
const DAY_MS = 86_400_000;
const VERSION = "d1";

interface Claims {
  shop: string;
  email: string;
  purpose: DigestLinkPurpose;
  /** Expiry, epoch seconds; 0 = never. */
  expires: number;
}

function sign(body: string): string {
  return createHmac("sha256", reviewTokenSecret()).update(`${VERSION}.${body}`).digest("base64url");
}

export function signDigestToken(claims: Omit<Claims, "expires">, now: Date = new Date()): string {
  const expires = claims.purpose === "confirm" ? Math.floor((now.getTime() + CONFIRM_DAYS * DAY_MS) / 1000) : 0;
  const body = Buffer.from(JSON.stringify({ s: claims.shop, m: claims.email, p: claims.purpose, x: expires })).toString(
    "base64url",
  );
  return `${VERSION}.${body}.${sign(body)}`;
}

export type DigestTokenCheck =
  { ok: true; shop: string; email: string } | { ok: false; reason: "malformed" | "forged" | "expired" };

export function verifyDigestToken(
  token: unknown,
  purpose: DigestLinkPurpose,
  now: Date = new Date(),
): DigestTokenCheck {
  const parts = typeof token === "string" && token.length < 2048 ? token.split(".") : [];
  if (parts.length !== 3 || parts[0] !== VERSION) return { ok: false, reason: "malformed" };
  const expected = Buffer.from(sign(parts[1]));
  const given = Buffer.from(parts[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "forged" };
  let claims: { s?: unknown; m?: unknown; p?: unknown; x?: unknown };
  try {
    claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) ?? {};
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (
    typeof claims.s !== "string" ||
    typeof claims.m !== "string" ||
    claims.p !== purpose ||
    typeof claims.x !== "number"
  )
    return { ok: false, reason: "malformed" };
  if (claims.x !== 0 && claims.x * 1000 <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, shop: claims.s, email: claims.m };
}

export function digestLink(purpose: DigestLinkPurpose, shop: string, email: string, now?: Date): string {
  const base = shopifyCredentials().appUrl.replace(/\/+$/, "");
  return `${base}/digest/${purpose}?t=${encodeURIComponent(signDigestToken({ shop, email, purpose }, now))}`;
}
