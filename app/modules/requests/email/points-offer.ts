// The points a review would earn, for the review-request email. The loyalty programme knows them, but loyalty
// builds on this module (its member emails go out through the mail path here), so requests cannot ask it:
// the composition root (app/jobs.server.ts), which also gives jobs their Admin API, provides the question's
// answer. Until it does (a process that never loads the job registry), emails offer no points.

export interface EmailPointsOffer {
  /** Points for a review of each product that earns. */
  reviewPoints: number;
  /** Points on top for a review with a photo or video (0: no bonus). */
  photoBonusPoints: number;
  /** The products whose review earns points. */
  productShopifyIds: string[];
  /** Whether every product asked about earns (false: some were credited for an earlier review). */
  allProducts: boolean;
}

export type EmailPointsOfferLookup = (
  shop: string,
  question: { customerShopifyId: string | null; productShopifyIds: string[] },
) => Promise<EmailPointsOffer | null>;

let lookup: EmailPointsOfferLookup = async () => null;

export function provideEmailPointsOffer(offer: EmailPointsOfferLookup): void {
  lookup = offer;
}

export function emailPointsOffer(
  shop: string,
  question: { customerShopifyId: string | null; productShopifyIds: string[] },
): Promise<EmailPointsOffer | null> {
  return lookup(shop, question);
}
