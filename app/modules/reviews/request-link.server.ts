// Interim: the requests module's loadRequestForToken has not landed yet. Same contract, same token check.
import db from "../../db.server";
import { verifyRequestToken } from "../requests/token.server";

export async function loadRequestForToken(token: string, now: Date = new Date()) {
  const check = verifyRequestToken(token, now);
  if (!check.ok) return { ok: false as const, reason: check.reason };
  const request = await db.reviewRequest.findFirst({
    where: { id: check.claims.requestId, shop: check.claims.shop },
    include: { items: { orderBy: { position: "asc" } } },
  });
  if (!request) return { ok: false as const, reason: "not_found" as const };
  if (request.status === "cancelled") return { ok: false as const, reason: "cancelled" as const };
  return { ok: true as const, request };
}

/** Interim, same contract as the requests module's: the item is reviewed; all items reviewed -> request reviewed. */
export async function markRequestItemReviewed(input: { shop: string; requestId: string; productShopifyId: string; reviewedAt: Date }) {
  await db.reviewRequestItem.updateMany({
    where: { shop: input.shop, requestId: input.requestId, productShopifyId: input.productShopifyId, reviewedAt: null },
    data: { reviewedAt: input.reviewedAt },
  });
  const open = await db.reviewRequestItem.count({ where: { shop: input.shop, requestId: input.requestId, reviewedAt: null } });
  if (open === 0) {
    await db.reviewRequest.updateMany({
      where: { shop: input.shop, id: input.requestId, status: { not: "cancelled" } },
      data: { status: "reviewed", reviewedAt: input.reviewedAt },
    });
  }
}
