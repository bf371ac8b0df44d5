// requests.sync-order: (re)computes the one ReviewRequest of an order from everything known about it now.
// The orders module enqueues it after every change to an order, in whatever order Shopify's events arrive;
// running it twice for the same state writes nothing the second time.
import db, { type DbClient } from "../../../db.server";
import { loggerFor } from "../../../logger.server";
import { getSettings } from "../../settings";
import { normaliseEmail } from "../../customers";
import { loadCustomerHistory } from "./customer-history.server";
import { appendRequestEvent } from "../request-events.server";
import { loadShopBrand } from "../../shops";
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
  const { shop, order, requestId, existing, now } = input;
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
  const { email, locale } = planned;
  let plan = planned.plan;
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
    return { status: "unchanged", plan: plan.kind, requestId: existing?.id ?? null };
  }

  if (plan.kind === "cancel") {
    if (!existing) return { status: "unchanged", plan: plan.kind, requestId: null };
    const requestId = existing.id;
    await db.$transaction(async (tx) => {
      const changed = await tx.reviewRequest.updateMany({
        where: { id: requestId, shop, status: { notIn: ["cancelled", "reviewed"] } },
        data: { status: "cancelled", cancelReason: plan.reason, reminderAt: null, claimedUntil: null },
      });
      if (changed.count === 1) {
        await appendRequestEvent(tx, { shop, requestId, type: "cancelled", at: now, detail: { reason: plan.reason } });
      }
    });
    log.info({ requestId, reason: plan.reason }, "review request cancelled");
    return { status: "cancelled", requestId, plan };
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
    return { status: "unchanged", plan: plan.kind, requestId: existing.id };
  }

  const requestId = await db.$transaction(async (tx) => {
    const data = { ...base, status, basis: plan.basis, sendAt: plan.sendAt, cancelReason };
    const row = existing
      ? await tx.reviewRequest.update({ where: { id: existing.id }, data })
      : await tx.reviewRequest.create({ data: { ...data, orderId } });
    if (!existing || !sameItems(plan.items, existing.items)) {
      await replaceRequestItems(tx, shop, row.id, plan.items);
      if (existing) {
        await appendRequestEvent(tx, {
          shop,
          requestId: row.id,
          type: "items_changed",
          at: now,
          detail: { products: plan.items.map((i) => i.title) },
        });
      }
    }
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
    const moved =
      !existing ||
      existing.status !== status ||
      existing.sendAt.getTime() !== plan.sendAt.getTime() ||
      existing.cancelReason !== cancelReason;
    if (moved) await appendRequestEvent(tx, { shop, requestId: row.id, type, at: now, detail });
    return row.id;
  });
  log.info({ requestId, plan: plan.kind, sendAt: plan.sendAt, basis: plan.basis }, "review request synced");
  return {
    status: existing ? (plan.kind === "skip" ? "skipped" : "updated") : plan.kind === "skip" ? "skipped" : "created",
    requestId,
    plan,
  };
}
