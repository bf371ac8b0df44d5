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

/**
 * loadCustomerHistory for many customers at once (a batch of orders): five reads for the lot, then the same
 * answer per order as loadCustomerHistory gives (`forOrder`). A request the batch schedules is told back
 * (`noteScheduled`), so the customer's next order in the same batch counts it as the single path would.
 */
export async function loadCustomerHistories(
  who: { shop: string; customerId: string | null; email: string | null }[],
  client: DbClient = db,
): Promise<{
  forOrder(args: {
    shop: string;
    customerId: string | null;
    email: string | null;
    excludeRequestId?: string | null;
  }): CustomerHistory;
  noteScheduled(request: {
    id: string;
    shop: string;
    customerId: string | null;
    email: string | null;
    status: string;
    sendAt: Date;
  }): void;
}> {
  const shops = [...new Set(who.map((w) => w.shop))];
  const idsOf = (shop: string) => [
    ...new Set(who.flatMap((w) => (w.shop === shop && w.customerId ? [w.customerId] : []))),
  ];
  const emailsOf = (shop: string) => [
    ...new Set(who.flatMap((w) => (w.shop === shop && w.email ? [normaliseEmail(w.email)!] : []))),
  ];
  const anyone = shops.flatMap((shop) => [
    { shop, customerId: { in: idsOf(shop) } },
    { shop, email: { in: emailsOf(shop) } },
  ]);
  const [customers, suppressions, reviews, sent, scheduled] =
    who.length === 0
      ? [[], [], [], [], []]
      : await Promise.all([
          client.customer.findMany({
            where: { id: { in: shops.flatMap(idsOf) } },
            select: { id: true, shop: true, optedOutAt: true },
          }),
          client.emailSuppression.findMany({
            where: { OR: shops.map((shop) => ({ shop, email: { in: emailsOf(shop) } })) },
            select: { shop: true, email: true },
          }),
          client.review.findMany({
            where: { OR: anyone },
            select: { shop: true, customerId: true, email: true, productShopifyId: true },
          }),
          client.reviewRequest.findMany({
            where: { OR: anyone, sentAt: { not: null } },
            select: { id: true, shop: true, customerId: true, email: true, sentAt: true },
          }),
          client.reviewRequest.findMany({
            where: { OR: anyone, status: "scheduled", sentAt: null },
            select: { id: true, shop: true, customerId: true, email: true, sendAt: true },
          }),
        ]);
  const optedOut = new Set(customers.filter((c) => c.optedOutAt).map((c) => c.id));
  const suppressed = new Set(suppressions.map((s) => `${s.shop}\n${s.email}`));
  return {
    forOrder(args) {
      const email = normaliseEmail(args.email);
      const { shop, customerId } = args;
      if (!customerId && !email)
        return { optedOut: false, reviewedProductIds: [], lastRequestEmailAt: null, plannedRequestEmailsAt: [] };
      const isTheirs = (row: { shop: string; customerId: string | null; email: string | null }) =>
        row.shop === shop &&
        ((customerId !== null && row.customerId === customerId) || (email !== null && row.email === email));
      let lastRequestEmailAt: Date | null = null;
      for (const request of sent) {
        if (!isTheirs(request) || request.id === args.excludeRequestId || !request.sentAt) continue;
        if (!lastRequestEmailAt || request.sentAt > lastRequestEmailAt) lastRequestEmailAt = request.sentAt;
      }
      return {
        optedOut: Boolean((customerId && optedOut.has(customerId)) || (email && suppressed.has(`${shop}\n${email}`))),
        reviewedProductIds: [...new Set(reviews.filter(isTheirs).map((r) => r.productShopifyId))],
        lastRequestEmailAt,
        plannedRequestEmailsAt: scheduled
          .filter((request) => isTheirs(request) && request.id !== args.excludeRequestId)
          .map((request) => request.sendAt)
          .sort((a, b) => a.getTime() - b.getTime())
          .slice(0, 50),
      };
    },
    noteScheduled(request) {
      if (request.status !== "scheduled") return;
      const index = scheduled.findIndex((row) => row.id === request.id);
      const row = { ...request, email: normaliseEmail(request.email) };
      if (index >= 0) scheduled[index] = row;
      else scheduled.push(row);
    },
  };
}
