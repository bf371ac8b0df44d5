// Finds every row that belongs to one person in one shop. A privacy request names the person by Shopify
// customer id, email and the orders involved; guest checkouts have no customer id, so the email and the
// order ids matter as much as the id.
import type { DbClient } from "../../db.server";
import type { DataSubject } from "./payloads";
import { normaliseEmail } from "../customers";

export interface DataSubjectRecords {
  customerIds: string[];
  /** The ids a loyalty account may use for its customer: our Customer ids and Shopify's. */
  customerKeys: string[];
  emails: string[];
  orderIds: string[];
  requestIds: string[];
  reviewIds: string[];
  loyaltyAccountIds: string[];
}

export async function findDataSubjectRecords(
  tx: DbClient,
  shop: string,
  subject: DataSubject,
): Promise<DataSubjectRecords> {
  const subjectEmail = normaliseEmail(subject.email);
  const customers = await tx.customer.findMany({
    where: {
      shop,
      OR: [
        ...(subject.customerShopifyId ? [{ shopifyId: subject.customerShopifyId }] : []),
        ...(subjectEmail ? [{ email: subjectEmail }] : []),
      ],
    },
    select: { id: true, shopifyId: true, email: true },
  });
  if (!subject.customerShopifyId && !subjectEmail) customers.length = 0;
  const customerIds = customers.map((c) => c.id);
  const emails = unique([subjectEmail, ...customers.map((c) => c.email)]);

  const orders = await tx.order.findMany({
    where: {
      shop,
      OR: [
        { customerId: { in: customerIds } },
        { shopifyId: { in: subject.orderShopifyIds } },
        ...(emails.length > 0 ? [{ email: { in: emails } }] : []),
      ],
    },
    select: { id: true },
  });
  const orderIds = orders.map((o) => o.id);

  const requests = await tx.reviewRequest.findMany({
    where: {
      shop,
      OR: [
        { orderId: { in: orderIds } },
        { customerId: { in: customerIds } },
        ...(emails.length > 0 ? [{ email: { in: emails } }] : []),
      ],
    },
    select: { id: true },
  });
  const requestIds = requests.map((r) => r.id);

  const reviews = await tx.review.findMany({
    where: {
      shop,
      OR: [
        { customerId: { in: customerIds } },
        { orderId: { in: orderIds } },
        { requestId: { in: requestIds } },
        ...(emails.length > 0 ? [{ email: { in: emails } }] : []),
      ],
    },
    select: { id: true },
  });

  const customerKeys = unique([...customerIds, ...customers.map((c) => c.shopifyId), subject.customerShopifyId]);
  const accounts = await tx.loyaltyAccount.findMany({
    where: { shop, customerId: { in: customerKeys } },
    select: { id: true },
  });

  return {
    customerIds,
    customerKeys,
    emails,
    orderIds,
    requestIds,
    reviewIds: reviews.map((r) => r.id),
    loyaltyAccountIds: accounts.map((a) => a.id),
  };
}

function unique(values: (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === "string" && v !== ""))];
}
