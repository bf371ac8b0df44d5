// What the storefront shows of a product's media (the summary metafield's media count, the strip of recent
// photos) follows every change of what shoppers may see: the merchant hiding or showing a photo, a video that
// finishes transcoding, an imported photo that arrives after its review. Only published reviews' media count,
// so only their product is recounted.
import db from "../../db.server";
import { setReviewMediaHidden } from "../media";
import { markProductRatingsStale } from "./rating-metafields.server";

/** Marks the product of a published review for a recount of its storefront figures; a no-op otherwise. */
export async function reviewMediaChanged(shop: string, reviewId: string): Promise<void> {
  const review = await db.review.findFirst({
    where: { shop, id: reviewId, status: "published" },
    select: { productShopifyId: true },
  });
  if (review) await markProductRatingsStale(db, shop, [review.productShopifyId]);
}

/** The merchant hides (or shows again) one photo or video; false when the shop has no such item. */
export async function setReviewMediaVisibility(shop: string, mediaId: string, hidden: boolean): Promise<boolean> {
  const media = await db.reviewMedia.findFirst({
    where: { shop, id: mediaId },
    select: { reviewId: true, hidden: true },
  });
  if (!media) return false;
  if (!(await setReviewMediaHidden(shop, mediaId, hidden))) return false;
  if (media.hidden !== hidden) await reviewMediaChanged(shop, media.reviewId);
  return true;
}
