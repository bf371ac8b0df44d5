// Small facts about orders that the one-at-a-time rules (order-state.server.ts) and the batch
// (order-batch.server.ts) share.
import { createHash } from "node:crypto";
import { normaliseEmail } from "../customers";
import type { ShopifyCustomerPayload, ShopifyOrderPayload } from "./payloads";

/** A digest of everything about an order that can change its review request (one sync job per digest). */
export function digestOrderState(state: {
  customerId: string | null;
  email: string | null;
  locale: string | null;
  fulfilledAt: Date | null;
  deliveredAt: Date | null;
  cancelledAt: Date | null;
  refundedAt: Date | null;
  shopifyUpdatedAt: Date | null;
  lines: {
    shopifyLineId: string;
    productShopifyId: string | null;
    quantity: number;
    refundedQuantity: number;
    priceCents: number;
    isGiftCard: boolean;
  }[];
}): string {
  // Key order matters (it is hashed as JSON): the fields as orderFingerprint selects them, lines by id.
  const canonical = {
    customerId: state.customerId,
    email: state.email,
    locale: state.locale,
    fulfilledAt: state.fulfilledAt,
    deliveredAt: state.deliveredAt,
    cancelledAt: state.cancelledAt,
    refundedAt: state.refundedAt,
    shopifyUpdatedAt: state.shopifyUpdatedAt,
    lines: [...state.lines]
      .sort((a, b) => (a.shopifyLineId < b.shopifyLineId ? -1 : a.shopifyLineId > b.shopifyLineId ? 1 : 0))
      .map((l) => ({
        shopifyLineId: l.shopifyLineId,
        productShopifyId: l.productShopifyId,
        quantity: l.quantity,
        refundedQuantity: l.refundedQuantity,
        priceCents: l.priceCents,
        isGiftCard: l.isGiftCard,
      })),
  };
  return createHash("sha256").update(JSON.stringify(canonical)).digest("base64url").slice(0, 22);
}

/** When the order became fulfilled: its last successful fulfillment (orders/fulfilled fires when the last one is). */
export function fulfilledAtOf(order: ShopifyOrderPayload): Date | null {
  if (order.fulfillment_status !== "fulfilled") return null;
  const times = order.fulfillments
    .filter((f) => f.status === "success" || f.status == null)
    .map((f) => Date.parse(f.created_at));
  return new Date(times.length > 0 ? Math.max(...times) : Date.parse(order.updated_at));
}

/** The fields of `next` whose value differs from `current` (dates by time). */
export function changedFields<T extends Record<string, unknown>>(
  current: Record<string, unknown>,
  next: T,
): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    const a = current[key as string];
    const b = next[key];
    const same = a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
    if (!same) changes[key] = b;
  }
  return changes;
}

/** A Shopify customer as our Customer columns: personal data (removed by customers/redact) and the rest. */
export function customerFields(customer: ShopifyCustomerPayload) {
  return {
    personal: {
      email: normaliseEmail(customer.email),
      firstName: customer.first_name ?? null,
      lastName: customer.last_name ?? null,
      phone: customer.phone ?? null,
      city: customer.default_address?.city ?? null,
      country: customer.default_address?.country_code ?? customer.default_address?.country ?? null,
    },
    other: {
      locale: customer.locale ?? null,
      acceptsMarketing: customer.email_marketing_consent?.state === "subscribed",
    },
  };
}

/** After customers/redact, only data Shopify produced later may come back (a new order by the same person). */
export function mayRestorePersonalData(redactedAt: Date | null, customer: ShopifyCustomerPayload): boolean {
  const updatedAt = customer.updated_at ? new Date(customer.updated_at) : null;
  return !redactedAt || (updatedAt !== null && updatedAt > redactedAt);
}
