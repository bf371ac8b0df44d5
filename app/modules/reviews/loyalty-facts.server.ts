// What the loyalty programme may know about a customer's reviews of a product, to credit points: whether each
// is published, pending or hidden, verified, and how many photos or videos it carries. Never the rating or the
// text: points do not depend on what a review says (FTC 16 CFR Part 465).
import db from "../../db.server";

export interface ReviewLoyaltyFacts {
  /** Shopify's id of the customer, or null when they have none (guest checkout): no account to credit. */
  customerId: string | null;
  productShopifyId: string;
  reviews: { status: string; verifiedBuyer: boolean; mediaCount: number }[];
}

/** `customerId` is our Customer row's id, as on Review.customerId. Deleted reviews are simply absent. */
export async function loyaltyFactsForReviews(
  shop: string,
  customerId: string,
  productShopifyId: string,
): Promise<ReviewLoyaltyFacts> {
  const [customer, reviews] = await Promise.all([
    db.customer.findFirst({ where: { shop, id: customerId }, select: { shopifyId: true } }),
    db.review.findMany({
      where: { shop, customerId, productShopifyId },
      select: { status: true, verifiedBuyer: true, _count: { select: { media: true } } },
    }),
  ]);
  return {
    customerId: customer?.shopifyId ?? null,
    productShopifyId,
    reviews: reviews.map((review) => ({
      status: review.status,
      verifiedBuyer: review.verifiedBuyer,
      mediaCount: review._count.media,
    })),
  };
}
