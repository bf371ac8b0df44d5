// What the rules need to know about a customer: opted out, already reviewed, last asked, next asked.
import type { Customer, EmailSuppression, Review, ReviewRequest } from ".prisma/client-sqlite";
import db, { inList, rawSql, selectRows, type DbClient } from "../../../db.server";
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
  // Raw SQL: Prisma's model calls cost ~3 ms each with a batch's `in` lists (docs/decisions/009). Per shop, the
  // rows of the batch's customers: by our Customer id, or by email for guest checkouts.
  const { sql, join } = rawSql();
  const anyone = join(
    shops.map(
      (shop) =>
        sql`("shop" = ${shop} AND ("customerId" IN ${inList(idsOf(shop))} OR "email" IN ${inList(emailsOf(shop))}))`,
    ),
    " OR ",
  );
  const [customers, suppressions, reviews, sent, scheduled] =
    who.length === 0
      ? [[], [], [], [], []]
      : await Promise.all([
          selectRows<Customer>(client, "Customer", sql`"id" IN ${inList(shops.flatMap(idsOf))}`),
          selectRows<EmailSuppression>(
            client,
            "EmailSuppression",
            join(
              shops.map((shop) => sql`("shop" = ${shop} AND "email" IN ${inList(emailsOf(shop))})`),
              " OR ",
            ),
          ),
          selectRows<Review>(client, "Review", anyone),
          selectRows<ReviewRequest>(client, "ReviewRequest", sql`(${anyone}) AND "sentAt" IS NOT NULL`),
          selectRows<ReviewRequest>(
            client,
            "ReviewRequest",
            sql`(${anyone}) AND "status" = 'scheduled' AND "sentAt" IS NULL`,
          ),
        ]);
  const optedOut = new Set(customers.filter((c) => c.optedOutAt).map((c) => c.id));
  const suppressed = new Set(suppressions.map((s) => `${s.shop}\n${s.email}`));
  // Each row under the shop + customer id and the shop + email it belongs to, so an order looks up its own.
  type Owned = { shop: string; customerId: string | null; email: string | null };
  const index = <T extends Owned>(rows: T[]) => {
    const byOwner = new Map<string, T[]>();
    const add = (key: string, row: T) => {
      const own = byOwner.get(key);
      if (own) own.push(row);
      else byOwner.set(key, [row]);
    };
    for (const row of rows) {
      if (row.customerId) add(`${row.shop}\nid\n${row.customerId}`, row);
      if (row.email) add(`${row.shop}\nemail\n${row.email}`, row);
    }
    return {
      of(shop: string, customerId: string | null, email: string | null): T[] {
        const byId = customerId ? (byOwner.get(`${shop}\nid\n${customerId}`) ?? []) : [];
        const byEmail = email ? (byOwner.get(`${shop}\nemail\n${email}`) ?? []) : [];
        return byEmail.length === 0 ? byId : [...new Set([...byId, ...byEmail])];
      },
      add(row: T) {
        if (row.customerId) add(`${row.shop}\nid\n${row.customerId}`, row);
        if (row.email) add(`${row.shop}\nemail\n${row.email}`, row);
      },
      remove(row: T) {
        for (const [key, list] of byOwner)
          if (list.includes(row))
            byOwner.set(
              key,
              list.filter((r) => r !== row),
            );
      },
    };
  };
  const reviewsOf = index(reviews);
  const sentOf = index(sent);
  const scheduledRows: Pick<ReviewRequest, "id" | "shop" | "customerId" | "email" | "sendAt">[] = scheduled;
  const scheduledOf = index(scheduledRows);
  const scheduledById = new Map(scheduledRows.map((row) => [row.id, row]));
  return {
    forOrder(args) {
      const email = normaliseEmail(args.email);
      const { shop, customerId } = args;
      if (!customerId && !email)
        return { optedOut: false, reviewedProductIds: [], lastRequestEmailAt: null, plannedRequestEmailsAt: [] };
      let lastRequestEmailAt: Date | null = null;
      for (const request of sentOf.of(shop, customerId, email)) {
        if (request.id === args.excludeRequestId || !request.sentAt) continue;
        if (!lastRequestEmailAt || request.sentAt > lastRequestEmailAt) lastRequestEmailAt = request.sentAt;
      }
      return {
        optedOut: Boolean((customerId && optedOut.has(customerId)) || (email && suppressed.has(`${shop}\n${email}`))),
        reviewedProductIds: [...new Set(reviewsOf.of(shop, customerId, email).map((r) => r.productShopifyId))],
        lastRequestEmailAt,
        plannedRequestEmailsAt: scheduledOf
          .of(shop, customerId, email)
          .filter((request) => request.id !== args.excludeRequestId)
          .map((request) => request.sendAt)
          .sort((a, b) => a.getTime() - b.getTime())
          .slice(0, 50),
      };
    },
    noteScheduled(request) {
      if (request.status !== "scheduled") return;
      const row = { ...request, email: normaliseEmail(request.email) };
      const earlier = scheduledById.get(request.id);
      if (earlier) scheduledOf.remove(earlier);
      scheduledById.set(request.id, row);
      scheduledOf.add(row);
    },
  };
}
