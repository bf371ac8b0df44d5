// What Kundröst knows about an order, kept right whatever order Shopify's webhooks arrive in.
// Rules (issue 3):
// - Facts only ever fill in: fulfilledAt, cancelledAt and refundedAt are set once; deliveredAt only moves later
//   (the last parcel of a split shipment is when the order has arrived).
// - Descriptive fields (email, locale, totals, lines) are overwritten only by a strictly newer payload
//   (`updated_at` later than the one we stored), so Shopify's retry of an old payload cannot undo newer state
//   and a retry of the same payload cannot refill data a redaction removed.
// - A cancel, refund or delivery for an order we have not seen yet waits in PendingOrderEvent and is applied
//   when the order arrives. Refunds are recorded once per Shopify refund id, so none is counted twice.
// - Applying the same event again writes nothing and enqueues nothing.
// After any change the requests module is asked to recompute the order's review request.
import defaultDb, { type Db, type DbClient } from "../../db.server";
import { enqueueJob } from "../jobs";
import { SYNC_ORDER_JOB } from "../requests";
import { applyOrderBatch, lockOrders } from "./order-batch.server";
import { changedFields, customerFields, digestOrderState, mayRestorePersonalData } from "./order-facts";
import type {
  ShopifyCustomerPayload,
  ShopifyFulfillmentEventPayload,
  ShopifyOrderPayload,
  ShopifyRefundPayload,
} from "./payloads";

/**
 * Applies waiting events once the order exists; closes the gap when an event and its order are written at the same
 * moment.
 */
export const APPLY_PENDING_EVENTS_JOB_TYPE = "orders.apply-pending-events";
const PENDING_RECHECK_DELAY_MS = 60_000;

export type OrderChangeOutcome =
  | { status: "changed"; orderId: string }
  | { status: "unchanged"; orderId: string }
  | { status: "pending" }
  | { status: "ignored"; reason: string };

type Tx = DbClient;

// ------------------------------------------------------------------ customers

/** customers/create, and the customer embedded in an order payload. Returns the Customer row id. */
export async function upsertCustomerFromShopify(
  shop: string,
  customer: ShopifyCustomerPayload,
  client: DbClient = defaultDb,
): Promise<string> {
  const { personal, other } = customerFields(customer);
  const existing = await client.customer.findUnique({
    where: { shop_shopifyId: { shop, shopifyId: customer.id } },
    select: {
      id: true,
      email: true,
      firstName: true,
      lastName: true,
      phone: true,
      city: true,
      country: true,
      locale: true,
      acceptsMarketing: true,
      redactedAt: true,
    },
  });
  if (!existing) {
    const created = await client.customer.create({
      data: { shop, shopifyId: customer.id, ...personal, ...other },
      select: { id: true },
    });
    return created.id;
  }
  const changes = changedFields(
    existing,
    mayRestorePersonalData(existing.redactedAt, customer) ? { ...personal, ...other } : other,
  );
  if (Object.keys(changes).length > 0) {
    await client.customer.update({ where: { id: existing.id }, data: changes });
  }
  return existing.id;
}

// ------------------------------------------------------------------ orders

/**
 * orders/fulfilled and orders/cancelled (both carry the whole order): a batch of one (order-batch.server.ts
 * holds the rules for whole-order payloads; the order webhooks' jobs run them many at a time).
 */
export async function applyOrderPayload(
  shop: string,
  order: ShopifyOrderPayload,
  db: Db = defaultDb,
): Promise<OrderChangeOutcome> {
  const [outcome] = await db.$transaction((tx) => applyOrderBatch(tx, [{ shop, order }]));
  return outcome;
}

/** orders/cancelled: the order payload again, with cancelled_at set. */
export async function applyOrderCancelled(
  shop: string,
  order: ShopifyOrderPayload,
  db: Db = defaultDb,
): Promise<OrderChangeOutcome> {
  const known = await db.order.findUnique({
    where: { shop_shopifyId: { shop, shopifyId: order.id } },
    select: { id: true },
  });
  if (known) return applyOrderPayload(shop, order, db);
  if (!order.cancelled_at) return { status: "ignored", reason: "orders/cancelled without cancelled_at" };
  // Keep only what applying the cancel needs: no personal data waits in this table.
  return keepUntilOrderArrives(db, shop, order.id, {
    kind: "cancelled",
    eventKey: "cancelled",
    occurredAt: new Date(order.cancelled_at),
    payload: { cancelled_at: order.cancelled_at },
  });
}

/** refunds/create. */
export async function applyRefund(
  shop: string,
  refund: ShopifyRefundPayload,
  db: Db = defaultDb,
): Promise<OrderChangeOutcome> {
  const waiting = {
    id: refund.id,
    created_at: refund.created_at,
    processed_at: refund.processed_at ?? null,
    refund_line_items: refund.refund_line_items.map((line) => ({
      line_item_id: line.line_item_id,
      quantity: line.quantity,
    })),
  };
  const outcome = await db.$transaction(async (tx) => {
    await lockOrders(tx, [`order:${shop}:${refund.order_id}`]);
    const order = await tx.order.findUnique({
      where: { shop_shopifyId: { shop, shopifyId: refund.order_id } },
      select: { id: true },
    });
    if (!order) return null;
    const before = await orderFingerprint(tx, order.id);
    await recordRefund(tx, shop, order.id, waiting);
    return finishChange(tx, shop, order.id, before);
  });
  return (
    outcome ??
    keepUntilOrderArrives(db, shop, refund.order_id, {
      kind: "refund",
      eventKey: `refund:${refund.id}`,
      occurredAt: new Date(refund.processed_at ?? refund.created_at),
      payload: waiting,
    })
  );
}

/** fulfillment_events/create: only "delivered" matters to the review schedule. */
export async function applyFulfillmentEvent(
  shop: string,
  event: ShopifyFulfillmentEventPayload,
  db: Db = defaultDb,
): Promise<OrderChangeOutcome> {
  if (event.status !== "delivered") return { status: "ignored", reason: `fulfillment event status ${event.status}` };
  const deliveredAt = event.happened_at ?? event.created_at;
  const outcome = await db.$transaction(async (tx) => {
    await lockOrders(tx, [`order:${shop}:${event.order_id}`]);
    const order = await tx.order.findUnique({
      where: { shop_shopifyId: { shop, shopifyId: event.order_id } },
      select: { id: true },
    });
    if (!order) return null;
    const before = await orderFingerprint(tx, order.id);
    await recordDelivery(tx, order.id, new Date(deliveredAt));
    return finishChange(tx, shop, order.id, before);
  });
  return (
    outcome ??
    keepUntilOrderArrives(db, shop, event.order_id, {
      kind: "delivered",
      eventKey: `fulfillment_event:${event.id}`,
      occurredAt: new Date(deliveredAt),
      payload: { delivered_at: deliveredAt },
    })
  );
}

/** The job behind APPLY_PENDING_EVENTS_JOB_TYPE. */
export async function applyPendingEvents(
  shop: string,
  orderShopifyId: string,
  db: Db = defaultDb,
): Promise<OrderChangeOutcome> {
  return db.$transaction(async (tx) => {
    await lockOrders(tx, [`order:${shop}:${orderShopifyId}`]);
    const order = await tx.order.findUnique({
      where: { shop_shopifyId: { shop, shopifyId: orderShopifyId } },
      select: { id: true },
    });
    if (!order) return { status: "pending" } as const;
    const before = await orderFingerprint(tx, order.id);
    await applyWaitingEvents(tx, shop, orderShopifyId, order.id);
    return finishChange(tx, shop, order.id, before);
  });
}

// ------------------------------------------------------------------ internals

interface WaitingRefund {
  id: string;
  created_at: string;
  processed_at: string | null;
  refund_line_items: { line_item_id: string; quantity: number }[];
}

async function recordRefund(tx: Tx, shop: string, orderId: string, refund: WaitingRefund): Promise<void> {
  const known = await tx.orderRefund.findUnique({
    where: { shop_shopifyRefundId: { shop, shopifyRefundId: refund.id } },
    select: { id: true },
  });
  if (known) return;
  await tx.orderRefund.create({
    data: {
      shop,
      orderId,
      shopifyRefundId: refund.id,
      lines: JSON.stringify(
        refund.refund_line_items.map((line) => ({ lineItemId: line.line_item_id, quantity: line.quantity })),
      ),
      processedAt: new Date(refund.processed_at ?? refund.created_at),
    },
    select: { id: true },
  });
}

async function recordDelivery(tx: Tx, orderId: string, deliveredAt: Date): Promise<void> {
  // Only later: a split shipment has arrived when its last parcel has.
  await tx.order.updateMany({
    where: { id: orderId, OR: [{ deliveredAt: null }, { deliveredAt: { lt: deliveredAt } }] },
    data: { deliveredAt },
  });
}

async function applyWaitingEvents(tx: Tx, shop: string, orderShopifyId: string, orderId: string): Promise<void> {
  const waiting = await tx.pendingOrderEvent.findMany({
    where: { shop, orderShopifyId },
    orderBy: { occurredAt: "asc" },
  });
  for (const event of waiting) {
    const payload = JSON.parse(event.payload) as Record<string, unknown>;
    if (event.kind === "refund") await recordRefund(tx, shop, orderId, payload as unknown as WaitingRefund);
    if (event.kind === "delivered") await recordDelivery(tx, orderId, event.occurredAt);
    if (event.kind === "cancelled") {
      await tx.order.updateMany({ where: { id: orderId, cancelledAt: null }, data: { cancelledAt: event.occurredAt } });
    }
  }
  if (waiting.length > 0)
    await tx.pendingOrderEvent.deleteMany({ where: { shop, id: { in: waiting.map((e) => e.id) } } });
}

/** Refunded quantities are derived from the recorded refunds; refundedAt is set when nothing is left unrefunded. */
async function settleRefunds(tx: Tx, shop: string, orderId: string): Promise<void> {
  const [refunds, lines, order] = await Promise.all([
    tx.orderRefund.findMany({ where: { shop, orderId }, select: { lines: true, processedAt: true } }),
    tx.orderLine.findMany({
      where: { shop, orderId },
      select: { id: true, shopifyLineId: true, quantity: true, refundedQuantity: true },
    }),
    tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { refundedAt: true } }),
  ]);
  if (refunds.length === 0) return;
  const refunded = new Map<string, number>();
  for (const refund of refunds) {
    for (const line of JSON.parse(refund.lines) as { lineItemId: string; quantity: number }[]) {
      refunded.set(line.lineItemId, (refunded.get(line.lineItemId) ?? 0) + line.quantity);
    }
  }
  for (const line of lines) {
    const quantity = Math.min(line.quantity, refunded.get(line.shopifyLineId) ?? 0);
    if (quantity !== line.refundedQuantity)
      await tx.orderLine.update({ where: { id: line.id }, data: { refundedQuantity: quantity } });
  }
  const fullyRefunded =
    lines.length > 0 && lines.every((line) => (refunded.get(line.shopifyLineId) ?? 0) >= line.quantity);
  if (fullyRefunded && !order.refundedAt) {
    const last = refunds.reduce(
      (latest, r) => (r.processedAt > latest ? r.processedAt : latest),
      refunds[0].processedAt,
    );
    await tx.order.update({ where: { id: orderId }, data: { refundedAt: last } });
  }
}

async function finishChange(tx: Tx, shop: string, orderId: string, before: string | null): Promise<OrderChangeOutcome> {
  await settleRefunds(tx, shop, orderId);
  const after = await orderFingerprint(tx, orderId);
  if (after === before) return { status: "unchanged", orderId };
  // One sync per resulting state: a burst that ends in the same state coalesces into one job.
  await enqueueJob(
    {
      type: SYNC_ORDER_JOB,
      shop,
      payload: { shop, orderId },
      uniqueKey: `${SYNC_ORDER_JOB}:${orderId}:${after}`,
    },
    tx,
  );
  return { status: "changed", orderId };
}

/** A digest of everything about an order that can change its review request. */
async function orderFingerprint(tx: Tx, orderId: string): Promise<string> {
  const order = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      customerId: true,
      email: true,
      locale: true,
      fulfilledAt: true,
      deliveredAt: true,
      cancelledAt: true,
      refundedAt: true,
      shopifyUpdatedAt: true,
      lines: {
        select: {
          shopifyLineId: true,
          productShopifyId: true,
          quantity: true,
          refundedQuantity: true,
          priceCents: true,
          isGiftCard: true,
        },
      },
    },
  });
  return digestOrderState(order);
}

async function keepUntilOrderArrives(
  db: Db,
  shop: string,
  orderShopifyId: string,
  event: { kind: "cancelled" | "refund" | "delivered"; eventKey: string; occurredAt: Date; payload: unknown },
): Promise<OrderChangeOutcome> {
  await db.$transaction(async (tx) => {
    const known = await tx.pendingOrderEvent.findUnique({
      where: { shop_orderShopifyId_eventKey: { shop, orderShopifyId, eventKey: event.eventKey } },
      select: { id: true },
    });
    if (known) return;
    await tx.pendingOrderEvent.create({
      data: {
        shop,
        orderShopifyId,
        kind: event.kind,
        eventKey: event.eventKey,
        payload: JSON.stringify(event.payload),
        occurredAt: event.occurredAt,
      },
      select: { id: true },
    });
    await enqueueJob(
      {
        type: APPLY_PENDING_EVENTS_JOB_TYPE,
        shop,
        payload: { orderShopifyId },
        runAt: new Date(Date.now() + PENDING_RECHECK_DELAY_MS),
        uniqueKey: `${APPLY_PENDING_EVENTS_JOB_TYPE}:${shop}:${orderShopifyId}:${event.eventKey}`,
      },
      tx,
    );
  });
  return { status: "pending" };
}
