// What the storefront shows of a product's media (the summary metafield's media count, the strip of recent
// photos) follows every change of what shoppers may see: the merchant hiding or showing a photo, a video that
// finishes transcoding, an imported photo that arrives after its review. Only published reviews' media count,
// so only their product is recounted.
import db, { type DbClient } from "../../db.server";
import { setReviewMediaHidden } from "../media";
import { markProductRatingsStale } from "./rating-metafields.server";

/** Marks the product of a published review for a recount of its storefront figures; a no-op otherwise. */
export async function reviewMediaChanged(shop: string, reviewId: string, client: DbClient = db): Promise<void> {
  const review = await client.review.findFirst({
    where: { shop, id: reviewId, status: "published" },
    select: { productShopifyId: true },
  });
  if (review) await markProductRatingsStale(client, shop, [review.productShopifyId]);
}

/**
 * The merchant hides (or shows again) one photo or video; false when the shop has no such item. The change and
 * the recount it calls for are one transaction: a photo hidden while its product's storefront count still shows
 * it (until the nightly reconciliation) is what this prevents.
 */
export async function setReviewMediaVisibility(shop: string, mediaId: string, hidden: boolean): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const media = await tx.reviewMedia.findFirst({
      where: { shop, id: mediaId },
      select: { reviewId: true, hidden: true },
    });
    if (!media) return false;
    if (media.hidden === hidden) return true;
    if (!(await setReviewMediaHidden(shop, mediaId, hidden, tx))) return false;
    await reviewMediaChanged(shop, media.reviewId, tx);
    return true;
  });
}
