// requests.sync-order: (re)computes the one ReviewRequest of an order from everything known about it now.
// The orders module enqueues it after every change to an order, in whatever order Shopify's events arrive;
// running it twice for the same state writes nothing the second time.
import type { Customer, Product, ReviewRequest, ReviewRequestItem } from ".prisma/client-sqlite";
import db, { bulkInsert, inList, orderedId, rawSql, selectRows, type DbClient } from "../../../db.server";
import { loggerFor } from "../../../logger.server";
import { getSettings } from "../../settings";
import { normaliseEmail } from "../../customers";
import { loadCustomerHistories, loadCustomerHistory, type CustomerHistory } from "./customer-history.server";
import { appendRequestEvent, timelineEventId, type RequestEventType } from "../request-events.server";
import { loadShopBrand, type ShopBrand } from "../../shops";
import { planReviewRequest, type PlannedItem, type RequestPlan } from "./schedule";
import { customerLanguageOr } from "../../shopper-language";

export type SyncOutcome =
  | { status: "order_not_found" }
  | { status: "unchanged"; plan: RequestPlan["kind"]; requestId: string | null }
  | { status: "created" | "updated" | "cancelled" | "skipped"; requestId: string; plan: RequestPlan };

export function sameItems(
  a: PlannedItem[],
  b: { productShopifyId: string; position: number; title: string }[],
): boolean {
  if (a.length !== b.length) return false;
  const sorted = [...b].sort((x, y) => x.position - y.position);
  return a.every((item, i) => item.productShopifyId === sorted[i].productShopifyId && item.title === sorted[i].title);
}

export type OrderWithLines = NonNullable<Awaited<ReturnType<typeof loadOrder>>>;

export function loadOrder(shop: string, orderId: string, client: DbClient = db) {
  return client.order.findFirst({ where: { id: orderId, shop }, include: { lines: true } });
}

/** What the schedule reads besides the order: the shop's settings and brand, the customer, products, history. */
export interface PlanFacts {
  settings: Awaited<ReturnType<typeof getSettings>>;
  shopBrand: Pick<ShopBrand, "timezone" | "primaryLocale">;
  customer: { email: string | null; locale: string | null } | null;
  products: { shopifyId: string; imageUrl: string | null; isGiftCard: boolean; title: string }[];
  history: CustomerHistory;
}

/**
 * Everything the schedule needs about an order, read now, and the plan it gives. Shared by the sync-order job
 * and the merchant's "resume" (merchant-actions.server.ts), so both plan a request the same way.
 */
export async function planRequestForOrder(input: {
  shop: string;
  order: OrderWithLines;
  /** The order's request, if it has one: its own first email does not count against the frequency cap. */
  requestId: string | null;
  /** What the plan should take as already done (null: plan as if the request were new). */
  existing: { status: string; sentAt: Date | null } | null;
  now: Date;
}) {
  const { shop, order, requestId } = input;
  const [settings, shopBrand, customer, products] = await Promise.all([
    getSettings(shop),
    loadShopBrand(shop),
    order.customerId ? db.customer.findFirst({ where: { id: order.customerId, shop } }) : null,
    db.product.findMany({
      where: { shop, shopifyId: { in: order.lines.flatMap((l) => (l.productShopifyId ? [l.productShopifyId] : [])) } },
      select: { shopifyId: true, imageUrl: true, isGiftCard: true, title: true },
    }),
  ]);
  const email = normaliseEmail(order.email ?? customer?.email);
  const history = await loadCustomerHistory({ shop, customerId: order.customerId, email, excludeRequestId: requestId });
  return planFromFacts({ ...input, facts: { settings, shopBrand, customer, products, history } });
}

/** The plan for an order from facts already read (one order, or every order of a batch read together). */
export function planFromFacts(input: {
  order: OrderWithLines;
  existing: { status: string; sentAt: Date | null } | null;
  now: Date;
  facts: PlanFacts;
}) {
  const { order, existing, now } = input;
  const { settings, shopBrand, customer, products, history } = input.facts;
  const email = normaliseEmail(order.email ?? customer?.email);
  const productById = new Map(products.map((p) => [p.shopifyId, p]));
  const plan = planReviewRequest({
    order: {
      fulfilledAt: order.fulfilledAt,
      deliveredAt: order.deliveredAt,
      cancelledAt: order.cancelledAt,
      financialStatus: order.financialStatus,
      lines: order.lines.map((line) => {
        const product = line.productShopifyId ? productById.get(line.productShopifyId) : undefined;
        return {
          orderLineId: line.id,
          productShopifyId: line.productShopifyId,
          title: product?.title || line.title,
          quantity: line.quantity,
          refundedQuantity: line.refundedQuantity,
          priceCents: line.priceCents,
          isGiftCard: line.isGiftCard || Boolean(product?.isGiftCard),
          imageUrl: product?.imageUrl ?? null,
        };
      }),
    },
    customer: { email, ...history },
    settings,
    zone: shopBrand.timezone,
    existing: existing ? { status: existing.status, sentAt: existing.sentAt } : null,
    now,
  });
  const locale = customerLanguageOr([customer?.locale, order.locale], settings.defaultLocale);
  return { plan, email, locale };
}

/** Replaces a request's products with the planned ones (inside the caller's transaction). */
export async function replaceRequestItems(
  client: DbClient,
  shop: string,
  requestId: string,
  items: PlannedItem[],
): Promise<void> {
  await client.reviewRequestItem.deleteMany({ where: { requestId, shop } });
  await client.reviewRequestItem.createMany({
    data: items.map((item) => ({
      shop,
      requestId,
      productShopifyId: item.productShopifyId,
      orderLineId: item.orderLineId,
      title: item.title,
      imageUrl: item.imageUrl,
      position: item.position,
    })),
  });
}

export async function syncReviewRequestForOrder(
  input: { shop: string; orderId: string },
  options: { now?: Date } = {},
): Promise<SyncOutcome> {
  const now = options.now ?? new Date();
  const { shop, orderId } = input;
  const log = loggerFor({ shop, module: "requests" });
  const [order, existing] = await Promise.all([
    loadOrder(shop, orderId),
    db.reviewRequest.findUnique({ where: { orderId }, include: { items: true } }),
  ]);
  if (!order) {
    log.warn({ orderId }, "sync-order: order not found (deleted or redacted); nothing to schedule");
    return { status: "order_not_found" };
  }
  if (existing && existing.shop !== shop) throw new Error(`ReviewRequest ${existing.id} belongs to another shop`);
  const planned = await planRequestForOrder({ shop, order, requestId: existing?.id ?? null, existing, now });
  const step = decideSync({ shop, order, existing, planned, now });
  if (step.create) await db.$transaction((tx) => createRequests(tx, [step.create!], now));
  if (step.write) await db.$transaction(step.write);
  if (step.outcome.status !== "unchanged") logSync(log, step.outcome);
  return step.outcome;
}

type ExistingRequest = ReviewRequest & { items: ReviewRequestItem[] };

/** A request to create, with its products and first timeline entry: created in bulk by the batch sync. */
export interface NewRequest {
  request: {
    id: string;
    shop: string;
    orderId: string;
    orderName: string;
    customerId: string | null;
    email: string | null;
    locale: string;
    status: string;
    basis: string;
    sendAt: Date;
    cancelReason: string | null;
  };
  items: PlannedItem[];
  event: { type: RequestEventType; detail: Record<string, unknown> };
}

interface SyncStep {
  outcome: SyncOutcome;
  create?: NewRequest;
  /** The writes for an existing request (one transaction). */
  write?: (tx: DbClient) => Promise<void>;
}

/** What a sync does with an order's request, given the plan: nothing, create it, or change the one there is. */
function decideSync(input: {
  shop: string;
  order: OrderWithLines;
  existing: ExistingRequest | null;
  planned: ReturnType<typeof planFromFacts>;
  now: Date;
}): SyncStep {
  const { shop, order, existing, now } = input;
  const { email, locale } = input.planned;
  let plan = input.planned.plan;
  // A merchant's "Send now" (or the demo's "make due now") stands: a later order event does not push it back.
  if (
    plan.kind === "schedule" &&
    existing?.status === "scheduled" &&
    existing.sendNowRequestedAt &&
    existing.sendAt < plan.sendAt
  ) {
    plan = { ...plan, sendAt: existing.sendAt };
  }
  const base = { shop, customerId: order.customerId, email, locale, orderName: order.name };

  if (plan.kind === "wait" || plan.kind === "keep") {
    return { outcome: { status: "unchanged", plan: plan.kind, requestId: existing?.id ?? null } };
  }

  if (plan.kind === "cancel") {
    if (!existing) return { outcome: { status: "unchanged", plan: plan.kind, requestId: null } };
    const requestId = existing.id;
    return {
      outcome: { status: "cancelled", requestId, plan },
      write: async (tx) => {
        const changed = await tx.reviewRequest.updateMany({
          where: { id: requestId, shop, status: { notIn: ["cancelled", "reviewed"] } },
          data: { status: "cancelled", cancelReason: plan.reason, reminderAt: null, claimedUntil: null },
        });
        if (changed.count === 1) {
          await appendRequestEvent(tx, {
            shop,
            requestId,
            type: "cancelled",
            at: now,
            detail: { reason: plan.reason },
          });
        }
      },
    };
  }

  const status = plan.kind === "skip" ? "skipped" : "scheduled";
  const cancelReason = plan.kind === "skip" ? plan.reason : null;
  if (
    existing &&
    existing.status === status &&
    existing.sendAt.getTime() === plan.sendAt.getTime() &&
    existing.basis === plan.basis &&
    existing.cancelReason === cancelReason &&
    sameItems(plan.items, existing.items)
  ) {
    return { outcome: { status: "unchanged", plan: plan.kind, requestId: existing.id } };
  }

  const data = { ...base, status, basis: plan.basis, sendAt: plan.sendAt, cancelReason };
  const detail =
    plan.kind === "skip"
      ? { reason: plan.reason }
      : {
          sendAt: plan.sendAt.toISOString(),
          basis: plan.basis,
          adjustedBy: plan.adjustedBy,
          products: plan.items.map((i) => i.title),
        };
  const type = plan.kind === "skip" ? "skipped" : existing?.status === "scheduled" ? "rescheduled" : "scheduled";
  if (!existing) {
    const id = orderedId();
    return {
      outcome: { status: plan.kind === "skip" ? "skipped" : "created", requestId: id, plan },
      create: { request: { ...data, id, orderId: order.id }, items: plan.items, event: { type, detail } },
    };
  }
  return {
    outcome: { status: plan.kind === "skip" ? "skipped" : "updated", requestId: existing.id, plan },
    write: async (tx) => {
      await tx.reviewRequest.update({ where: { id: existing.id }, data });
      if (!sameItems(plan.items, existing.items)) {
        await replaceRequestItems(tx, shop, existing.id, plan.items);
        await appendRequestEvent(tx, {
          shop,
          requestId: existing.id,
          type: "items_changed",
          at: now,
          detail: { products: plan.items.map((i) => i.title) },
        });
      }
      const moved =
        existing.status !== status ||
        existing.sendAt.getTime() !== plan.sendAt.getTime() ||
        existing.cancelReason !== cancelReason;
      if (moved) await appendRequestEvent(tx, { shop, requestId: existing.id, type, at: now, detail });
    },
  };
}

/** New requests with their products and first timeline entries: three statements however many there are. */
async function createRequests(tx: DbClient, created: NewRequest[], now: Date): Promise<void> {
  await bulkInsert(
    tx,
    "ReviewRequest",
    created.map((c) => ({ ...c.request, createdAt: now, updatedAt: now })),
  );
  await bulkInsert(
    tx,
    "ReviewRequestItem",
    created.flatMap((c) =>
      c.items.map((item) => ({
        id: orderedId(),
        shop: c.request.shop,
        requestId: c.request.id,
        productShopifyId: item.productShopifyId,
        orderLineId: item.orderLineId,
        title: item.title,
        imageUrl: item.imageUrl,
        position: item.position,
      })),
    ),
  );
  await bulkInsert(
    tx,
    "RequestEvent",
    created.map((c) => ({
      id: timelineEventId(),
      shop: c.request.shop,
      requestId: c.request.id,
      type: c.event.type,
      at: now,
      detail: JSON.stringify(c.event.detail),
    })),
  );
}

function logSync(log: ReturnType<typeof loggerFor>, outcome: SyncOutcome): void {
  if (outcome.status === "cancelled")
    log.info(
      { requestId: outcome.requestId, reason: (outcome.plan as { reason?: string }).reason },
      "review request cancelled",
    );
  else if ("plan" in outcome && typeof outcome.plan === "object") {
    log.info({ requestId: outcome.requestId, plan: outcome.plan.kind }, "review request synced");
  }
}

/**
 * requests.sync-order for many orders at once, inside the caller's transaction (the orders module's batch of
 * order webhooks, which passes the orders with their lines as it wrote them): every fact the schedule reads is
 * read once for the lot (requests, settings and brand per shop, customers, opt-outs, reviews, sent requests,
 * products), each order is planned exactly as syncReviewRequestForOrder plans it, new requests are created in
 * bulk and the rare change to an existing request is written as the single sync writes it.
 */
export async function syncReviewRequestsForOrders(
  tx: DbClient,
  rows: OrderWithLines[],
  now: Date = new Date(),
): Promise<SyncOutcome[]> {
  if (rows.length === 0) return [];
  const orders = rows.map((o) => ({ shop: o.shop, orderId: o.id }));
  // The caller wrote these orders in this transaction and hands them over as written: no read back.
  // Raw SQL through selectRows: Prisma's model calls cost ~3 ms each with a batch's `in` lists (docs/decisions/009).
  const { sql } = rawSql();
  const requestRows = await selectRows<ReviewRequest>(
    tx,
    "ReviewRequest",
    sql`"orderId" IN ${inList(rows.map((o) => o.id))}`,
  );
  const itemRows =
    requestRows.length > 0
      ? await selectRows<ReviewRequestItem>(
          tx,
          "ReviewRequestItem",
          sql`"requestId" IN ${inList(requestRows.map((r) => r.id))}`,
        )
      : [];
  const requests: ExistingRequest[] = requestRows.map((r) => ({
    ...r,
    items: itemRows.filter((item) => item.requestId === r.id),
  }));
  const orderById = new Map(rows.map((o) => [o.id, o]));
  const requestByOrder = new Map(requests.map((r) => [r.orderId, r]));
  const shops = [...new Set(orders.map((o) => o.shop))];
  const perShop = new Map<string, { settings: PlanFacts["settings"]; brand: ShopBrand }>();
  for (const shop of shops)
    perShop.set(shop, { settings: await getSettings(shop, tx), brand: await loadShopBrand(shop, tx) });
  const customerIds = [...new Set(rows.flatMap((o) => (o.customerId ? [o.customerId] : [])))];
  const customers =
    customerIds.length > 0 ? await selectRows<Customer>(tx, "Customer", sql`"id" IN ${inList(customerIds)}`) : [];
  const customerById = new Map(customers.map((c) => [c.id, c]));
  const emailOf = (order: OrderWithLines) =>
    normaliseEmail(order.email ?? (order.customerId ? customerById.get(order.customerId)?.email : null));
  const histories = await loadCustomerHistories(
    rows.map((o) => ({ shop: o.shop, customerId: o.customerId, email: emailOf(o) })),
    tx,
  );
  const productIds = (shop: string) => [
    ...new Set(
      rows
        .filter((o) => o.shop === shop)
        .flatMap((o) => o.lines.flatMap((l) => (l.productShopifyId ? [l.productShopifyId] : []))),
    ),
  ];
  const products = (
    await Promise.all(
      shops.map((shop) =>
        selectRows<Product>(tx, "Product", sql`"shop" = ${shop} AND "shopifyId" IN ${inList(productIds(shop))}`),
      ),
    )
  ).flat();

  const productsByShop = new Map<string, typeof products>();
  const productsOf = (shop: string) => {
    let own = productsByShop.get(shop);
    if (!own) productsByShop.set(shop, (own = products.filter((p) => p.shop === shop)));
    return own;
  };
  const outcomes: SyncOutcome[] = [];
  const created: NewRequest[] = [];
  const writes: SyncStep["write"][] = [];
  for (const { shop, orderId } of orders) {
    const order = orderById.get(orderId);
    if (!order || order.shop !== shop) {
      outcomes.push({ status: "order_not_found" });
      continue;
    }
    const existing = requestByOrder.get(orderId) ?? null;
    if (existing && existing.shop !== shop) throw new Error(`ReviewRequest ${existing.id} belongs to another shop`);
    const { settings, brand } = perShop.get(shop)!;
    const customer = order.customerId ? (customerById.get(order.customerId) ?? null) : null;
    const history = histories.forOrder({
      shop,
      customerId: order.customerId,
      email: emailOf(order),
      excludeRequestId: existing?.id ?? null,
    });
    const planned = planFromFacts({
      order,
      existing,
      now,
      facts: { settings, shopBrand: brand, customer, products: productsOf(shop), history },
    });
    const step = decideSync({ shop, order, existing, planned, now });
    if (step.create) {
      created.push(step.create);
      histories.noteScheduled(step.create.request);
    }
    if (step.write) writes.push(step.write);
    outcomes.push(step.outcome);
  }
  await createRequests(tx, created, now);
  for (const write of writes) await write!(tx);
  return outcomes;
}
