// Reviews coming back: the reviews module tells us per product; the request is "reviewed" when all are in.
import db, { type DbClient } from "../../db.server";
import { appendRequestEvent } from "./request-events.server";
import { productKey } from "./scheduling/schedule";

export type MarkReviewedResult = { found: false } | { found: true; itemFound: boolean; allReviewed: boolean };

/**
 * Records that the customer reviewed one product of a request. Idempotent (a second call for the same
 * product changes nothing). Once any product is reviewed no reminder goes out; once all are, the request
 * becomes "reviewed". Takes a transaction client so it can commit together with the review.
 */
export async function markRequestItemReviewed(
  input: { shop: string; requestId: string; productShopifyId: string; reviewedAt: Date },
  client: DbClient = db,
): Promise<MarkReviewedResult> {
  const request = await client.reviewRequest.findFirst({
    where: { id: input.requestId, shop: input.shop },
    include: { items: true },
  });
  if (!request) return { found: false };
  const key = productKey(input.productShopifyId);
  const item = request.items.find((candidate) => productKey(candidate.productShopifyId) === key);
  if (item && !item.reviewedAt) {
    const updated = await client.reviewRequestItem.updateMany({
      where: { id: item.id, reviewedAt: null },
      data: { reviewedAt: input.reviewedAt },
    });
    if (updated.count === 1) {
      await appendRequestEvent(client, {
        shop: input.shop,
        requestId: request.id,
        type: "item_reviewed",
        at: input.reviewedAt,
        detail: { productShopifyId: item.productShopifyId, title: item.title },
      });
    }
  }
  const reviewedIds = new Set(request.items.filter((i) => i.reviewedAt).map((i) => i.id));
  if (item) reviewedIds.add(item.id);
  const allReviewed = request.items.length > 0 && reviewedIds.size === request.items.length;
  if (allReviewed && request.status !== "reviewed") {
    const closed = await client.reviewRequest.updateMany({
      where: { id: request.id, shop: input.shop, status: { not: "reviewed" } },
      data: { status: "reviewed", reviewedAt: input.reviewedAt, reminderAt: null },
    });
    if (closed.count === 1) {
      await appendRequestEvent(client, {
        shop: input.shop,
        requestId: request.id,
        type: "reviewed",
        at: input.reviewedAt,
      });
    }
  } else if (item && request.reminderAt && !request.remindedAt) {
    // A review came back: the one reminder is no longer wanted.
    await client.reviewRequest.updateMany({ where: { id: request.id, shop: input.shop }, data: { reminderAt: null } });
  }
  return { found: true, itemFound: Boolean(item), allReviewed };
}
