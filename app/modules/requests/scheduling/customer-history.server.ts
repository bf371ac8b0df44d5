// What the rules need to know about a customer: opted out, already reviewed, last asked.
import db, { type DbClient } from "../../../db.server";
import { normaliseEmail } from "../../customers";

export interface CustomerHistory {
  optedOut: boolean;
  reviewedProductIds: string[];
  lastRequestEmailAt: Date | null;
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
  if (who.length === 0) return { optedOut: false, reviewedProductIds: [], lastRequestEmailAt: null };
  const [customer, suppression, reviews, lastRequest] = await Promise.all([
    customerId ? client.customer.findFirst({ where: { id: customerId, shop }, select: { optedOutAt: true } }) : null,
    email ? client.emailSuppression.findUnique({ where: { shop_email: { shop, email } } }) : null,
    client.review.findMany({
      where: { shop, OR: who },
      select: { productShopifyId: true },
      distinct: ["productShopifyId"],
    }),
    client.reviewRequest.findFirst({
      where: {
        shop,
        OR: who,
        sentAt: { not: null },
        ...(args.excludeRequestId ? { id: { not: args.excludeRequestId } } : {}),
      },
      orderBy: { sentAt: "desc" },
      select: { sentAt: true },
    }),
  ]);
  return {
    optedOut: Boolean(customer?.optedOutAt || suppression),
    reviewedProductIds: reviews.map((r) => r.productShopifyId),
    lastRequestEmailAt: lastRequest?.sentAt ?? null,
  };
}

/**
 * loadCustomerHistory for many customers at once (a batch of orders): three reads for the lot, then the same
 * answer per order as loadCustomerHistory gives (`forOrder`).
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
  const [customers, suppressions, reviews, sent] =
    who.length === 0
      ? [[], [], [], []]
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
        ]);
  const optedOut = new Set(customers.filter((c) => c.optedOutAt).map((c) => c.id));
  const suppressed = new Set(suppressions.map((s) => `${s.shop}\n${s.email}`));
  return {
    forOrder(args) {
      const email = normaliseEmail(args.email);
      const { shop, customerId } = args;
      if (!customerId && !email) return { optedOut: false, reviewedProductIds: [], lastRequestEmailAt: null };
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
      };
    },
  };
}
