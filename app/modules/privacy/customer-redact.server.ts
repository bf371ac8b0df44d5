// customers/redact: remove one customer's personal data everywhere we keep it, in one transaction.
// https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance#customers-redact
// What stays: orders and requests without the address (the shop's own figures still add up), the loyalty ledger
// anonymised (its amounts are the shop's books), and — when the shop's setting allows — the customer's reviews
// as anonymous text. Photos always go: they can show the person.
import defaultDb, { type Db } from "../../db.server";
import { forgetReviewInsights } from "../insights";
import { anonymiseMembers } from "../loyalty";
import { markProductRatingsStale } from "../reviews";
import { forgetReviewMedia } from "../media";
import { findDataSubjectRecords } from "./data-subject.server";
import type { DataSubject } from "./payloads";

export const ANONYMOUS_DISPLAY_NAME = "Anonymous";
export const REDACTED_ADDRESS = "redacted@invalid";

export interface CustomerRedactionResult {
  customers: number;
  orders: number;
  requests: number;
  emails: number;
  reviewsAnonymized: number;
  reviewsDeleted: number;
  mediaDeleted: number;
  loyaltyMembersAnonymised: number;
  exportsDeleted: number;
}

export async function redactCustomer(
  shop: string,
  subject: DataSubject,
  db: Db = defaultDb,
  now: Date = new Date(),
): Promise<CustomerRedactionResult> {
  return db.$transaction(async (tx) => {
    const found = await findDataSubjectRecords(tx, shop, subject);
    const settings = await tx.settings.findUnique({ where: { shop }, select: { keepAnonymousReviewsOnRedact: true } });
    const keepReviews = settings?.keepAnonymousReviewsOnRedact ?? true;

    const customers = await tx.customer.updateMany({
      where: { shop, id: { in: found.customerIds } },
      data: { email: null, firstName: null, lastName: null, phone: null, city: null, redactedAt: now },
    });
    const orders = await tx.order.updateMany({ where: { shop, id: { in: found.orderIds } }, data: { email: null } });
    const requests = await tx.reviewRequest.updateMany({
      where: { shop, id: { in: found.requestIds } },
      data: { email: null },
    });
    // The subject line can carry the first name, the headers the address, the bodies both.
    const emails = await tx.emailMessage.updateMany({
      where: { shop, OR: [{ requestId: { in: found.requestIds } }, { toAddress: { in: found.emails } }] },
      data: { toAddress: REDACTED_ADDRESS, subject: "", html: "", text: "", headers: "{}" },
    });
    await tx.capturedEmail.deleteMany({ where: { shop, envelopeTo: { in: found.emails } } });
    await tx.emailSuppression.deleteMany({ where: { shop, email: { in: found.emails } } });

    // The rows go now; the media module's job deletes the files (disk or bucket), surviving restarts.
    const mediaDeleted = await forgetReviewMedia(tx, shop, found.reviewIds);

    // The reviewer's address on emails sent about their reviews goes too, and a private reply's words (written to
    // the person, often by name) with it, also from the review's history; a public reply stays on the storefront.
    await tx.reviewReplyEmail.updateMany({
      where: { shop, reviewId: { in: found.reviewIds } },
      data: { toAddress: REDACTED_ADDRESS },
    });
    await tx.reviewReplyEmail.updateMany({
      where: { shop, reviewId: { in: found.reviewIds }, kind: "private_reply" },
      data: { body: "" },
    });
    await tx.reviewModerationEvent.updateMany({
      where: { shop, reviewId: { in: found.reviewIds }, action: "private_reply" },
      data: { note: null },
    });
    // Photo addresses from an import that were not fetched yet: nothing more is fetched for the person.
    await tx.reviewPhotoFetch.deleteMany({ where: { shop, reviewId: { in: found.reviewIds } } });
    let reviewsAnonymized = 0;
    let reviewsDeleted = 0;
    if (keepReviews) {
      const result = await tx.review.updateMany({
        where: { shop, id: { in: found.reviewIds } },
        data: { displayName: ANONYMOUS_DISPLAY_NAME, email: null, anonymized: true, customerId: null },
      });
      reviewsAnonymized = result.count;
    } else {
      // Deleting a review cascades its topic mentions; the weekly insight counts must lose them too.
      await forgetReviewInsights(tx, shop, found.reviewIds);
      const published = await tx.review.findMany({
        where: { shop, id: { in: found.reviewIds }, status: "published" },
        select: { productShopifyId: true },
      });
      await tx.reviewModerationEvent.deleteMany({ where: { shop, reviewId: { in: found.reviewIds } } });
      await tx.reviewReplyEmail.deleteMany({ where: { shop, reviewId: { in: found.reviewIds } } });
      await tx.followUpTask.deleteMany({ where: { shop, reviewId: { in: found.reviewIds } } });
      await tx.reviewVote.deleteMany({ where: { shop, reviewId: { in: found.reviewIds } } });
      const result = await tx.review.deleteMany({ where: { shop, id: { in: found.reviewIds } } });
      reviewsDeleted = result.count;
      // The products' storefront ratings lose the deleted reviews.
      await markProductRatingsStale(
        tx,
        shop,
        published.map((review) => review.productShopifyId),
      );
    }

    // The points ledger is the shop's books as well as the member's: anonymised, never deleted, so what was
    // issued, redeemed and is still owed adds up afterwards (the loyalty module owns what that means).
    const loyalty = await anonymiseMembers(tx, shop, found.loyaltyAccountIds, now);

    // An earlier data-request export is a copy of everything above.
    const exportsDeleted = await tx.dataExport.deleteMany({
      where: {
        shop,
        OR: [
          ...(subject.customerShopifyId ? [{ customerShopifyId: subject.customerShopifyId }] : []),
          { customerEmail: { in: found.emails } },
        ],
      },
    });

    return {
      customers: customers.count,
      orders: orders.count,
      requests: requests.count,
      emails: emails.count,
      reviewsAnonymized,
      reviewsDeleted,
      mediaDeleted,
      loyaltyMembersAnonymised: loyalty.accounts,
      exportsDeleted: exportsDeleted.count,
    };
  });
}
