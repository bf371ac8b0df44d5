// Order payloads (orders/fulfilled, orders/cancelled for a known order) applied many at a time, in the caller's
// transaction, with set-based statements: everything the rules of order-state.server.ts read is read once for
// the whole batch (orders, lines, refunds, waiting events, customers), every payload is applied in memory in
// the order it was claimed, by those same rules, and only what changed is written (new rows in bulk; a changed
// row by its id). An order whose state changed gets its review request planned in the same transaction
// (requests.sync-order run inline: the hand-off to a second job bought nothing but a claim and a re-read), and
// that sync is recorded as a finished requests.sync-order job under the same one-per-state uniqueKey the
// queued path uses, so a later event that ends in the same state does not sync it again.
import type { Customer, Order, OrderLine, OrderRefund, PendingOrderEvent } from ".prisma/client-sqlite";
import { bulkInsert, dbProvider, orderedId, inList, rawSql, runSql, selectRows, type DbClient } from "../../db.server";
import { startRequestDispatch, syncReviewRequestsForOrders, SYNC_ORDER_JOB } from "../requests";
import { changedFields, customerFields, digestOrderState, fulfilledAtOf, mayRestorePersonalData } from "./order-facts";
import { normaliseEmail } from "../customers";
import type { ShopifyCustomerPayload, ShopifyOrderPayload } from "./payloads";

export interface OrderBatchItem {
  shop: string;
  order: ShopifyOrderPayload;
}

export type OrderBatchOutcome = { status: "changed" | "unchanged"; orderId: string };

interface OrderState {
  row: Order;
  isNew: boolean;
  /** The row as read (null when new), to write only what changed. */
  stored: Order | null;
  lines: Map<string, OrderLine>;
  storedLines: Map<string, OrderLine>;
  before: string | null;
  waitingApplied: boolean;
}

/** Applies the payloads in order; returns one outcome per item. Run it inside a transaction. */
export async function applyOrderBatch(
  tx: DbClient,
  items: OrderBatchItem[],
  now: Date = new Date(),
): Promise<OrderBatchOutcome[]> {
  if (items.length === 0) return [];
  const shops = [...new Set(items.map((i) => i.shop))];
  const orderIdsOf = (shop: string) => [...new Set(items.filter((i) => i.shop === shop).map((i) => i.order.id))];
  const customerIdsOf = (shop: string) => [
    ...new Set(items.filter((i) => i.shop === shop && i.order.customer).map((i) => i.order.customer!.id)),
  ];
  // Orders and their customers: two workers' batches with one shopper's orders would both find the customer
  // missing and both insert it (a unique violation, and the batch split in halves down to the clash).
  await lockOrders(tx, [
    ...items.map((i) => `order:${i.shop}:${i.order.id}`),
    ...items.flatMap((i) => (i.order.customer ? [`customer:${i.shop}:${i.order.customer.id}`] : [])),
  ]);

  // Raw SQL through selectRows: Prisma's model calls cost ~3 ms each with a batch's `in` lists (docs/decisions/009).
  const { sql, join } = rawSql();
  const anyShop = (where: (shop: string) => ReturnType<typeof sql>) => join(shops.map(where), " OR ");
  const [orders, customers, waiting] = await Promise.all([
    selectRows<Order>(
      tx,
      "Order",
      anyShop((shop) => sql`("shop" = ${shop} AND "shopifyId" IN ${inList(orderIdsOf(shop))})`),
    ),
    selectRows<Customer>(
      tx,
      "Customer",
      anyShop((shop) => sql`("shop" = ${shop} AND "shopifyId" IN ${inList(customerIdsOf(shop))})`),
    ),
    selectRows<PendingOrderEvent>(
      tx,
      "PendingOrderEvent",
      anyShop((shop) => sql`("shop" = ${shop} AND "orderShopifyId" IN ${inList(orderIdsOf(shop))})`),
      `"occurredAt" ASC`,
    ),
  ]);
  const knownIds = orders.map((o) => o.id);
  const refundIdsOf = (shop: string) => [
    ...new Set(items.filter((i) => i.shop === shop).flatMap((i) => i.order.refunds.map((r) => r.id))),
    ...waiting
      .filter((w) => w.shop === shop && w.kind === "refund")
      .map((w) => (JSON.parse(w.payload) as WaitingRefund).id),
  ];
  const [lines, refunds] = await Promise.all([
    knownIds.length > 0 ? selectRows<OrderLine>(tx, "OrderLine", sql`"orderId" IN ${inList(knownIds)}`) : [],
    selectRows<OrderRefund>(
      tx,
      "OrderRefund",
      sql`"orderId" IN ${inList(knownIds)} OR ${anyShop(
        (shop) => sql`("shop" = ${shop} AND "shopifyRefundId" IN ${inList(refundIdsOf(shop))})`,
      )}`,
    ),
  ]);

  const key = (shop: string, id: string) => `${shop}\n${id}`;
  const customerByKey = new Map(customers.map((c) => [key(c.shop, c.shopifyId ?? ""), c]));
  const storedCustomers = new Map(customers.map((c) => [c.id, { ...c }]));
  const newCustomers = new Set<string>();
  const refundByKey = new Map(refunds.map((r) => [key(r.shop, r.shopifyRefundId), r]));
  const newRefunds: OrderRefund[] = [];
  const states = new Map<string, OrderState>();
  const linesByOrder = new Map<string, OrderLine[]>();
  for (const line of lines) {
    const own = linesByOrder.get(line.orderId);
    if (own) own.push(line);
    else linesByOrder.set(line.orderId, [line]);
  }
  for (const order of orders) {
    const own = new Map((linesByOrder.get(order.id) ?? []).map((l) => [l.shopifyLineId, l]));
    states.set(key(order.shop, order.shopifyId), {
      row: { ...order },
      isNew: false,
      stored: order,
      lines: new Map([...own].map(([id, l]) => [id, { ...l }])),
      storedLines: own,
      before: null,
      waitingApplied: false,
    });
  }
  for (const state of states.values()) state.before = fingerprint(state);
  function refundsOf(orderId: string): OrderRefund[] {
    return [...refundByKey.values()].filter((r) => r.orderId === orderId);
  }
  const doneWaiting: string[] = [];

  const outcomes: OrderBatchOutcome[] = [];
  for (const { shop, order } of items) {
    const customerId = order.customer
      ? upsertCustomer(shop, { updated_at: order.updated_at, ...order.customer })
      : null;
    const state = applyPayload(shop, order, customerId);
    for (const refund of order.refunds)
      recordRefund(shop, state.row.id, { ...refund, processed_at: refund.processed_at ?? null });
    if (!state.waitingApplied) {
      state.waitingApplied = true;
      for (const event of waiting.filter((w) => w.shop === shop && w.orderShopifyId === order.id)) {
        applyWaiting(state, event);
        doneWaiting.push(event.id);
      }
    }
    settleRefunds(state);
    outcomes.push({ status: "unchanged", orderId: state.row.id });
  }

  // ---------------------------------------------------------------- writes
  const changedCustomers = [...customerByKey.values()].filter(
    (c) => !newCustomers.has(c.id) && rowChanged(storedCustomers.get(c.id)!, c),
  );
  if (newCustomers.size > 0) {
    await bulkInsert(
      tx,
      "Customer",
      [...customerByKey.values()].filter((c) => newCustomers.has(c.id)),
    );
  }
  for (const c of changedCustomers)
    await tx.customer.update({ where: { id: c.id }, data: changes(storedCustomers.get(c.id)!, c) });

  const all = [...states.values()];
  const created = all.filter((s) => s.isNew);
  await bulkInsert(
    tx,
    "Order",
    created.map((s) => s.row),
  );
  for (const s of all)
    if (!s.isNew && rowChanged(s.stored!, s.row))
      await tx.order.update({ where: { id: s.row.id }, data: changes(s.stored!, s.row) });
  const newLines = all.flatMap((s) => [...s.lines.values()].filter((l) => !s.storedLines.has(l.shopifyLineId)));
  await bulkInsert(tx, "OrderLine", newLines);
  for (const s of all) {
    for (const line of s.lines.values()) {
      const stored = s.storedLines.get(line.shopifyLineId);
      if (stored && rowChanged(stored, line))
        await tx.orderLine.update({ where: { id: line.id }, data: changes(stored, line) });
    }
  }
  await bulkInsert(tx, "OrderRefund", newRefunds);
  if (doneWaiting.length > 0)
    await runSql(tx, sql`DELETE FROM "PendingOrderEvent" WHERE "id" IN ${inList(doneWaiting)}`);

  // ---------------------------------------------------------------- review requests, for the orders that changed
  const changed = all.flatMap((s) => {
    const after = fingerprint(s);
    return after === s.before ? [] : [{ state: s, after }];
  });
  const changedIds = new Set(changed.map(({ state }) => state.row.id));
  for (const outcome of outcomes) if (changedIds.has(outcome.orderId)) outcome.status = "changed";
  if (changed.length > 0) {
    const synced = await syncReviewRequestsForOrders(
      tx,
      changed.map(({ state }) => ({ ...state.row, lines: [...state.lines.values()] })),
      now,
    );
    await recordInlineSyncs(
      tx,
      changed.map(({ state, after }) => ({ shop: state.row.shop, orderId: state.row.id, fingerprint: after })),
      now,
    );
    if (synced.some((s) => s.status === "created" || s.status === "updated")) await startRequestDispatch(now, tx);
  }
  return outcomes;

  // ---------------------------------------------------------------- the rules, in memory (order-state.server.ts)
  function upsertCustomer(shop: string, customer: ShopifyCustomerPayload): string {
    const { personal, other } = customerFields(customer);
    const existing = customerByKey.get(key(shop, customer.id));
    if (!existing) {
      const row: Customer = {
        id: orderedId(),
        shop,
        shopifyId: customer.id,
        ...personal,
        ...other,
        optedOutAt: null,
        lastRequestSentAt: null,
        redactedAt: null,
        createdAt: now,
        updatedAt: now,
      };
      customerByKey.set(key(shop, customer.id), row);
      newCustomers.add(row.id);
      return row.id;
    }
    Object.assign(existing, mayRestorePersonalData(existing.redactedAt, customer) ? { ...personal, ...other } : other);
    return existing.id;
  }

  function applyPayload(shop: string, order: ShopifyOrderPayload, customerId: string | null): OrderState {
    const updatedAt = new Date(order.updated_at);
    const descriptive = {
      name: order.name,
      customerId,
      email: normaliseEmail(order.email ?? order.contact_email),
      locale: order.customer_locale ?? null,
      currency: order.currency,
      totalPriceCents: order.total_price,
      financialStatus: order.financial_status ?? null,
      fulfillmentStatus: order.fulfillment_status ?? null,
      placedAt: new Date(order.processed_at ?? order.created_at),
      shopifyUpdatedAt: updatedAt,
    };
    const fulfilledAt = fulfilledAtOf(order);
    const cancelledAt = order.cancelled_at ? new Date(order.cancelled_at) : null;
    let state = states.get(key(shop, order.id));
    let isNewer: boolean;
    if (!state) {
      const row: Order = {
        id: orderedId(),
        shop,
        shopifyId: order.id,
        ...descriptive,
        fulfilledAt,
        cancelledAt,
        deliveredAt: null,
        refundedAt: null,
        createdAt: now,
        updatedAt: now,
      };
      state = {
        row,
        isNew: true,
        stored: null,
        lines: new Map(),
        storedLines: new Map(),
        before: null,
        waitingApplied: false,
      };
      states.set(key(shop, order.id), state);
      isNewer = true;
    } else {
      const row = state.row;
      isNewer = !row.shopifyUpdatedAt || updatedAt > row.shopifyUpdatedAt;
      if (isNewer) Object.assign(row, descriptive);
      if (row.fulfilledAt === null && fulfilledAt) row.fulfilledAt = fulfilledAt;
      if (row.cancelledAt === null && cancelledAt) row.cancelledAt = cancelledAt;
    }
    if (isNewer) {
      for (const item of order.line_items) {
        const data = {
          productShopifyId: item.product_id ?? null,
          variantShopifyId: item.variant_id ?? null,
          title: item.title,
          variantTitle: item.variant_title ?? null,
          sku: item.sku ?? null,
          quantity: item.quantity,
          priceCents: item.price,
          isGiftCard: item.gift_card,
          requiresShipping: item.requires_shipping,
        };
        const line = state.lines.get(item.id);
        if (line) Object.assign(line, data);
        else
          state.lines.set(item.id, {
            id: orderedId(),
            shop,
            orderId: state.row.id,
            shopifyLineId: item.id,
            refundedQuantity: 0,
            ...data,
          });
      }
    }
    return state;
  }

  function recordRefund(shop: string, orderId: string, refund: WaitingRefund): void {
    if (refundByKey.has(key(shop, refund.id))) return;
    const row: OrderRefund = {
      id: orderedId(),
      shop,
      orderId,
      shopifyRefundId: refund.id,
      lines: JSON.stringify(
        refund.refund_line_items.map((line) => ({ lineItemId: line.line_item_id, quantity: line.quantity })),
      ),
      processedAt: new Date(refund.processed_at ?? refund.created_at),
      createdAt: now,
    };
    refundByKey.set(key(shop, refund.id), row);
    newRefunds.push(row);
  }

  function applyWaiting(state: OrderState, event: PendingOrderEvent): void {
    if (event.kind === "refund") recordRefund(state.row.shop, state.row.id, JSON.parse(event.payload) as WaitingRefund);
    // Only later: a split shipment has arrived when its last parcel has.
    if (event.kind === "delivered" && (!state.row.deliveredAt || state.row.deliveredAt < event.occurredAt))
      state.row.deliveredAt = event.occurredAt;
    if (event.kind === "cancelled" && !state.row.cancelledAt) state.row.cancelledAt = event.occurredAt;
  }

  /** Refunded quantities are derived from the recorded refunds; refundedAt is set when nothing is left unrefunded. */
  function settleRefunds(state: OrderState): void {
    const own = refundsOf(state.row.id);
    if (own.length === 0) return;
    const refunded = new Map<string, number>();
    for (const refund of own) {
      for (const line of JSON.parse(refund.lines) as { lineItemId: string; quantity: number }[]) {
        refunded.set(line.lineItemId, (refunded.get(line.lineItemId) ?? 0) + line.quantity);
      }
    }
    const lines = [...state.lines.values()];
    for (const line of lines) line.refundedQuantity = Math.min(line.quantity, refunded.get(line.shopifyLineId) ?? 0);
    const fullyRefunded =
      lines.length > 0 && lines.every((line) => (refunded.get(line.shopifyLineId) ?? 0) >= line.quantity);
    if (fullyRefunded && !state.row.refundedAt) {
      state.row.refundedAt = own.reduce(
        (latest, r) => (r.processedAt > latest ? r.processedAt : latest),
        own[0].processedAt,
      );
    }
  }
}

interface WaitingRefund {
  id: string;
  created_at: string;
  processed_at: string | null;
  refund_line_items: { line_item_id: string; quantity: number }[];
}

/**
 * On PostgreSQL several workers run batches at once: a transaction-scoped advisory lock per order (and per
 * customer), taken in a fixed order, keeps two of them (or a batch and a single refund or delivery) from
 * applying one order's events, or creating one customer, from the same stale read. SQLite has one writer at a
 * time and needs none.
 */
export async function lockOrders(tx: DbClient, keys: string[]): Promise<void> {
  if (dbProvider() !== "postgresql" || keys.length === 0) return;
  const sorted = [...new Set(keys)].sort();
  const { sql } = rawSql();
  await tx.$executeRaw(
    sql`SELECT pg_advisory_xact_lock(k) FROM (SELECT hashtextextended(x, 0) AS k FROM unnest(${sorted}::text[]) AS x ORDER BY 1) AS keys`,
  );
}

/** The sync each changed order got inline, as a finished requests.sync-order job (one per order state). */
async function recordInlineSyncs(
  tx: DbClient,
  synced: { shop: string; orderId: string; fingerprint: string }[],
  now: Date,
): Promise<void> {
  const { sql, join } = rawSql();
  await runSql(
    tx,
    sql`
    INSERT INTO "Job" ("id", "shop", "type", "payload", "status", "priority", "runAt", "attempts", "maxAttempts", "uniqueKey", "createdAt", "updatedAt", "startedAt", "finishedAt")
    VALUES ${join(
      synced.map(
        (s) =>
          sql`(${orderedId()}, ${s.shop}, ${SYNC_ORDER_JOB}, ${JSON.stringify({
            shop: s.shop,
            orderId: s.orderId,
          })}, 'succeeded', 0, ${now}, 1, 1, ${`${SYNC_ORDER_JOB}:${s.orderId}:${s.fingerprint}`}, ${now}, ${now}, ${now}, ${now})`,
      ),
    )}
    ON CONFLICT ("uniqueKey") DO NOTHING`,
  );
}

function fingerprint(state: OrderState): string {
  return digestOrderState({ ...state.row, lines: [...state.lines.values()] });
}

function rowChanged(stored: Record<string, unknown>, next: Record<string, unknown>): boolean {
  return Object.keys(changes(stored, next)).length > 0;
}

/** What to write for a row read earlier: the changed fields, never the timestamps Prisma keeps. */
function changes<T extends Record<string, unknown>>(stored: Record<string, unknown>, next: T): Partial<T> {
  const { createdAt: _c, updatedAt: _u, ...fields } = next;
  return changedFields(stored, fields) as Partial<T>;
}
