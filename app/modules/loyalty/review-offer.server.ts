// What reviewing earns a shopper, as the review-request email, the review page and its thank-you page say it.
// The figures are the programme's own (capped by the daily cap, as the ledger caps them), and only what this
// shopper can still earn: nothing for a guest checkout (no customer account to credit), nothing for a product
// whose review this customer was already credited for (one review credit per product), nothing when the
// programme is off. Never anything that depends on the rating or the words (FTC 16 CFR Part 465).
import db from "../../db.server";
import { getLoyaltyProgram } from "./program.server";
import type { LoyaltyProgram } from "./program";

export interface ReviewPointsOffer {
  /** Points for a review of each product in `productShopifyIds`. */
  reviewPoints: number;
  /** Points on top of that for a review with a photo or video (0: no bonus). */
  photoBonusPoints: number;
  /** The products whose review earns points (the others were credited before). */
  productShopifyIds: string[];
  /** Whether every product asked about earns (false: some were credited before). */
  allProducts: boolean;
}

export interface ReviewPointsQuestion {
  /** Shopify's customer id; null for a guest checkout. */
  customerShopifyId: string | null;
  productShopifyIds: string[];
}

/** The review credit's worth and the photo bonus's, as the ledger would credit them in a day with nothing else. */
function cappedFigures(program: LoyaltyProgram): { review: number; photo: number } {
  const review = Math.min(program.reviewPoints, program.dailyCapPoints);
  const photo = Math.min(program.photoBonusPoints, Math.max(0, program.dailyCapPoints - review));
  return { review, photo };
}

/** Product ids of `productShopifyIds` whose review this member was already credited for. */
async function creditedProducts(shop: string, accountId: string, productShopifyIds: string[]): Promise<Set<string>> {
  const entries = await db.loyaltyEntry.findMany({
    where: { shop, accountId, kind: "earn", ref: { in: productShopifyIds.map((id) => `review:${id}`) } },
    select: { ref: true },
  });
  return new Set(entries.map((entry) => (entry.ref ?? "").slice("review:".length)));
}

/** What reviewing these products would earn this shopper now; null when it earns nothing. */
export async function reviewPointsOffer(
  shop: string,
  question: ReviewPointsQuestion,
): Promise<ReviewPointsOffer | null> {
  const { customerShopifyId } = question;
  const products = [...new Set(question.productShopifyIds)];
  if (!customerShopifyId || !/^\d{1,20}$/.test(customerShopifyId) || products.length === 0) return null;
  const program = await getLoyaltyProgram(shop);
  const figures = cappedFigures(program);
  if (!program.enabled || figures.review + figures.photo <= 0) return null;
  const account = await db.loyaltyAccount.findFirst({
    where: { shop, customerId: customerShopifyId },
    select: { id: true },
  });
  const credited = account ? await creditedProducts(shop, account.id, products) : new Set<string>();
  const earning = products.filter((id) => !credited.has(id));
  if (earning.length === 0) return null;
  return {
    reviewPoints: figures.review,
    photoBonusPoints: figures.photo,
    productShopifyIds: earning,
    allProducts: earning.length === products.length,
  };
}

export interface SubmittedReview {
  productShopifyId: string;
  /** When the review was first saved: a credit older than that was for an earlier review of the product. */
  submittedAt: Date;
  hasMedia: boolean;
}

/**
 * What the reviews a shopper just sent earn them, for the thank-you page: the ledger's credit for each product
 * where the loyalty job has run, else what the programme will credit (the job runs moments after the review is
 * saved); nothing for a product credited for an earlier review. Null when the reviews earn nothing.
 */
export async function pointsForSubmittedReviews(
  shop: string,
  customerShopifyId: string | null,
  reviews: SubmittedReview[],
): Promise<number | null> {
  if (!customerShopifyId || !/^\d{1,20}$/.test(customerShopifyId) || reviews.length === 0) return null;
  const program = await getLoyaltyProgram(shop);
  const account = await db.loyaltyAccount.findFirst({
    where: { shop, customerId: customerShopifyId },
    select: { id: true },
  });
  const entries = account
    ? await db.loyaltyEntry.findMany({
        where: {
          shop,
          accountId: account.id,
          kind: "earn",
          ref: { in: reviews.flatMap((r) => [`review:${r.productShopifyId}`, `photo:${r.productShopifyId}`]) },
        },
        select: { ref: true, points: true, createdAt: true },
        orderBy: { createdAt: "asc" },
      })
    : [];
  const figures = cappedFigures(program);
  let total = 0;
  for (const review of reviews) {
    for (const [ref, predicted] of [
      [`review:${review.productShopifyId}`, figures.review],
      [`photo:${review.productShopifyId}`, review.hasMedia ? figures.photo : 0],
    ] as const) {
      // The first credit is what the product's review is worth (later ones re-credit it after a reversal).
      const first = entries.find((entry) => entry.ref === ref);
      if (first && first.createdAt < review.submittedAt) continue;
      total += first ? Math.max(0, first.points) : program.enabled ? predicted : 0;
    }
  }
  return total > 0 ? total : null;
}
