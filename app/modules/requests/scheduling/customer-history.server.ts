// What the rules need to know about a customer: opted out, already reviewed, last asked, next asked.
import db, { type DbClient } from "../../../db.server";
import { normaliseEmail } from "../../customers";

export interface CustomerHistory {
  optedOut: boolean;
  reviewedProductIds: string[];
  lastRequestEmailAt: Date | null;
  /** When the customer's other scheduled requests plan their first email, earliest first (the cap counts them). */
  plannedRequestEmailsAt: Date[];
}

/** A customer is matched by our Customer id and, for guest checkouts, by email address. */
function sameCustomer(customerId: string | null, email: string | null) {
  const who: Array<{ customerId: string } | { email: string }> = [];
  if (customerId) who.push({ customerId });
  if (email) who.push({ email });
  return who;
}

export async function loadCustomerHistory(
  args: { shop: string; customerId: string | null; email: string | null; excludeRequestId?: string | null },
  client: DbClient = db,
): Promise<CustomerHistory> {
  const { shop, customerId } = args;
  const email = normaliseEmail(args.email);
  const who = sameCustomer(customerId, email);
  if (who.length === 0)
    return { optedOut: false, reviewedProductIds: [], lastRequestEmailAt: null, plannedRequestEmailsAt: [] };
  const others = args.excludeRequestId ? { id: { not: args.excludeRequestId } } : {};
  const [customer, suppression, reviews, lastRequest, planned] = await Promise.all([
    customerId ? client.customer.findFirst({ where: { id: customerId, shop }, select: { optedOutAt: true } }) : null,
    email ? client.emailSuppression.findUnique({ where: { shop_email: { shop, email } } }) : null,
    client.review.findMany({
      where: { shop, OR: who },
      select: { productShopifyId: true },
      distinct: ["productShopifyId"],
    }),
    client.reviewRequest.findFirst({
      where: { shop, OR: who, sentAt: { not: null }, ...others },
      orderBy: { sentAt: "desc" },
      select: { sentAt: true },
    }),
    client.reviewRequest.findMany({
      where: { shop, OR: who, status: "scheduled", sentAt: null, ...others },
      orderBy: { sendAt: "asc" },
      select: { sendAt: true },
      take: 50,
    }),
  ]);
  return {
    optedOut: Boolean(customer?.optedOutAt || suppression),
    reviewedProductIds: reviews.map((r) => r.productShopifyId),
    lastRequestEmailAt: lastRequest?.sentAt ?? null,
    plannedRequestEmailsAt: planned.map((r) => r.sendAt),
  };
}
