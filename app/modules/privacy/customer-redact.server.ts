// customers/redact: remove one customer's personal data everywhere we keep it, in one transaction.
// https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance#customers-redact
// What stays: orders and requests without the address (the shop's own figures still add up), and — when the
// shop's setting allows — the customer's reviews as anonymous text. Photos always go: they can show the person.
import defaultDb, { type Db } from "../../db.server";
import { forgetReviewInsights } from "../insights";
import { enqueueJob } from "../jobs";
import { findDataSubjectRecords } from "./data-subject.server";
import type { DataSubject } from "./payloads";

export const ANONYMOUS_DISPLAY_NAME = "Anonymous";
export const REDACTED_ADDRESS = "redacted@invalid";
/**
 * Stored photo files are deleted by the media module (it owns the storage adapters); this module removes the
 * rows and queues the files' keys under this job type so the deletion survives restarts. The media module
 * defines the job; until it does, the job stays failed with its keys and can be retried from the queue.
 */
export const MEDIA_FILE_DELETION_JOB_TYPE = "media.delete-stored-files";

export interface CustomerRedactionResult {
  customers: number;
  orders: number;
  requests: number;
  emails: number;
  reviewsAnonymized: number;
  reviewsDeleted: number;
  mediaDeleted: number;
  loyaltyEntriesDeleted: number;
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

    const media = await tx.reviewMedia.findMany({
      where: { shop, reviewId: { in: found.reviewIds } },
      select: { storageKey: true },
    });
    const mediaDeleted = await tx.reviewMedia.deleteMany({ where: { shop, reviewId: { in: found.reviewIds } } });
    if (media.length > 0) {
      await enqueueJob(
        { type: MEDIA_FILE_DELETION_JOB_TYPE, shop, payload: { shop, storageKeys: media.map((m) => m.storageKey) } },
        tx,
      );
    }

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
      const result = await tx.review.deleteMany({ where: { shop, id: { in: found.reviewIds } } });
      reviewsDeleted = result.count;
    }

    const loyaltyEntries = await tx.loyaltyEntry.deleteMany({
      where: { shop, accountId: { in: found.loyaltyAccountIds } },
    });
    await tx.redemption.deleteMany({ where: { shop, accountId: { in: found.loyaltyAccountIds } } });
    await tx.loyaltyAccount.deleteMany({ where: { shop, id: { in: found.loyaltyAccountIds } } });

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
      mediaDeleted: mediaDeleted.count,
      loyaltyEntriesDeleted: loyaltyEntries.count,
      exportsDeleted: exportsDeleted.count,
    };
  });
}
