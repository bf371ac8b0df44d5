// customers/data_request: Shopify asks what we hold about a customer; the merchant must be able to hand it
// over. We gather it into one JSON document the merchant downloads from the admin (Privacy exports).
// https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance#customers-data_request
import defaultDb, { type Db } from "../../db.server";
import { exportReviewMedia } from "../media";
import { findDataSubjectRecords } from "./data-subject.server";
import type { CustomerDataRequestPayload } from "./payloads";
import { normaliseEmail } from "../customers";

export const DATA_EXPORT_FORMAT = "kundrost.customer-data.v1";

export interface DataExportSummary {
  id: string;
  dataRequestId: string | null;
  customerShopifyId: string | null;
  customerEmail: string | null;
  createdAt: Date;
  bytes: number;
}

/** Builds and stores the export for one data request; a retry of the same request replaces it, never duplicates it. */
export async function recordCustomerDataExport(
  shop: string,
  request: CustomerDataRequestPayload,
  db: Db = defaultDb,
  now: Date = new Date(),
): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const subject = {
      customerShopifyId: request.customer.id ?? null,
      email: request.customer.email ?? null,
      orderShopifyIds: request.orders_requested,
    };
    const found = await findDataSubjectRecords(tx, shop, subject);
    const [customers, orders, requests, emails, reviews, loyaltyAccounts, suppressions] = await Promise.all([
      tx.customer.findMany({ where: { shop, id: { in: found.customerIds } } }),
      tx.order.findMany({
        where: { shop, id: { in: found.orderIds } },
        include: { lines: true, refunds: true },
        orderBy: { placedAt: "asc" },
      }),
      tx.reviewRequest.findMany({
        where: { shop, id: { in: found.requestIds } },
        include: { items: true, events: true },
        orderBy: { createdAt: "asc" },
      }),
      tx.emailMessage.findMany({
        where: { shop, OR: [{ requestId: { in: found.requestIds } }, { toAddress: { in: found.emails } }] },
        orderBy: { createdAt: "asc" },
      }),
      tx.review.findMany({
        where: { shop, id: { in: found.reviewIds } },
        include: { media: true, reply: true },
        orderBy: { createdAt: "asc" },
      }),
      tx.loyaltyAccount.findMany({ where: { shop, id: { in: found.loyaltyAccountIds } } }),
      tx.emailSuppression.findMany({ where: { shop, email: { in: found.emails } } }),
    ]);
    const [loyaltyEntries, redemptions] = await Promise.all([
      tx.loyaltyEntry.findMany({
        where: { shop, accountId: { in: found.loyaltyAccountIds } },
        orderBy: { createdAt: "asc" },
      }),
      tx.redemption.findMany({
        where: { shop, accountId: { in: found.loyaltyAccountIds } },
        orderBy: { createdAt: "asc" },
      }),
    ]);

    // The customer's photos and videos, with their stored files (metadata was stripped at intake).
    const media = await exportReviewMedia(reviews.flatMap((review) => review.media));
    const content = JSON.stringify(
      {
        format: DATA_EXPORT_FORMAT,
        shop,
        generatedAt: now.toISOString(),
        dataRequest: {
          id: request.data_request.id,
          customer: request.customer,
          ordersRequested: request.orders_requested,
        },
        customers,
        orders: orders.map(({ refunds, ...order }) => ({
          ...order,
          refunds: refunds.map((r) => ({ ...r, lines: JSON.parse(r.lines) as unknown })),
        })),
        reviewRequests: requests,
        emailsSent: emails.map((e) => ({ ...e, headers: JSON.parse(e.headers) as unknown })),
        reviews: reviews.map(({ media: _rows, ...review }) => ({
          ...review,
          media: media.filter((item) => item.reviewId === review.id),
        })),
        loyalty: { accounts: loyaltyAccounts, entries: loyaltyEntries, redemptions },
        emailSuppressions: suppressions,
      },
      null,
      2,
    );

    const data = {
      shop,
      dataRequestId: request.data_request.id,
      customerShopifyId: subject.customerShopifyId,
      customerEmail: normaliseEmail(subject.email),
      content,
    };
    const existing = await tx.dataExport.findUnique({
      where: { shop_dataRequestId: { shop, dataRequestId: request.data_request.id } },
      select: { id: true },
    });
    if (existing) {
      await tx.dataExport.update({ where: { id: existing.id }, data: { content } });
      return { id: existing.id };
    }
    return tx.dataExport.create({ data, select: { id: true } });
  });
}

/** The merchant's list of exports, newest first, without their contents. */
export async function listDataExports(shop: string, db: Db = defaultDb, limit = 100): Promise<DataExportSummary[]> {
  const rows = await db.dataExport.findMany({
    where: { shop },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true,
      dataRequestId: true,
      customerShopifyId: true,
      customerEmail: true,
      createdAt: true,
      content: true,
    },
  });
  return rows.map(({ content, ...row }) => ({ ...row, bytes: Buffer.byteLength(content, "utf8") }));
}

/** One export of this shop with its content, or null (another shop's id is simply not found). */
export async function getDataExport(shop: string, id: string, db: Db = defaultDb) {
  return db.dataExport.findFirst({ where: { id, shop } });
}

export function dataExportFileName(exp: { dataRequestId: string | null; id: string; createdAt: Date }): string {
  const day = exp.createdAt.toISOString().slice(0, 10);
  return `kundrost-customer-data-${exp.dataRequestId ?? exp.id}-${day}.json`;
}
