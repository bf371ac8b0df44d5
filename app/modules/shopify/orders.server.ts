import { callAdminOperation, type AdminCallOptions } from "./admin-call.server";
import { OrderDetailsQuery, type OrderDetailsQueryData } from "./operations/OrderDetailsQuery";
import { legacyIdOf, toShopifyGid } from "./shopify-ids";
import type { AdminGraphql } from "./types";

type OrderNode = NonNullable<OrderDetailsQueryData["order"]>;

export interface ShopifyOrderLine {
  id: string;
  legacyId: string;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  productId: string | null;
  productLegacyId: string | null;
  variantId: string | null;
  variantLegacyId: string | null;
  quantity: number;
  /** Quantity after removals (refunds with restock, edits). */
  currentQuantity: number;
  /** What can still be refunded; 0 means the line has been refunded in full. */
  refundableQuantity: number;
  isGiftCard: boolean;
  requiresShipping: boolean;
  unitPrice: { amount: string; currencyCode: string };
}

export interface ShopifyFulfillment {
  id: string;
  status: string;
  /** DELIVERED, IN_TRANSIT, OUT_FOR_DELIVERY, FULFILLED, ... as the carrier last reported. */
  displayStatus: string | null;
  createdAt: Date;
  inTransitAt: Date | null;
  deliveredAt: Date | null;
}

export interface ShopifyOrderDetails {
  id: string;
  legacyId: string;
  name: string;
  email: string | null;
  /** The language the customer checked out in. */
  locale: string | null;
  currencyCode: string;
  processedAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
  financialStatus: string | null;
  fulfillmentStatus: string;
  customer: {
    id: string;
    legacyId: string;
    email: string | null;
    firstName: string | null;
    lastName: string | null;
    locale: string;
  } | null;
  lines: ShopifyOrderLine[];
  fulfillments: ShopifyFulfillment[];
}

const date = (value: string | null): Date | null => (value ? new Date(value) : null);

/** Shopify's current view of one order (numeric id or GID), or null when it does not exist. */
export async function fetchOrderDetails(
  graphql: AdminGraphql,
  shop: string,
  orderId: string,
  options?: AdminCallOptions,
): Promise<ShopifyOrderDetails | null> {
  const id = toShopifyGid("Order", orderId);
  const first = await callAdminOperation(graphql, shop, OrderDetailsQuery, { id }, options);
  if (!first.order) return null;
  const order: OrderNode = first.order;
  const lineNodes = [...order.lineItems.nodes];
  let pageInfo = order.lineItems.pageInfo;
  while (pageInfo.hasNextPage && pageInfo.endCursor) {
    const next = await callAdminOperation(
      graphql,
      shop,
      OrderDetailsQuery,
      { id, lineItemsAfter: pageInfo.endCursor },
      options,
    );
    if (!next.order) break;
    lineNodes.push(...next.order.lineItems.nodes);
    pageInfo = next.order.lineItems.pageInfo;
  }
  return {
    id: order.id,
    legacyId: legacyIdOf(order.id),
    name: order.name,
    email: order.email,
    locale: order.customerLocale,
    currencyCode: order.currencyCode,
    processedAt: new Date(order.processedAt),
    updatedAt: new Date(order.updatedAt),
    cancelledAt: date(order.cancelledAt),
    financialStatus: order.displayFinancialStatus,
    fulfillmentStatus: order.displayFulfillmentStatus,
    customer: order.customer && {
      id: order.customer.id,
      legacyId: legacyIdOf(order.customer.id),
      email: order.customer.defaultEmailAddress?.emailAddress ?? null,
      firstName: order.customer.firstName,
      lastName: order.customer.lastName,
      locale: order.customer.locale,
    },
    lines: lineNodes.map((line) => ({
      id: line.id,
      legacyId: legacyIdOf(line.id),
      title: line.title,
      variantTitle: line.variantTitle,
      sku: line.sku,
      productId: line.product?.id ?? null,
      productLegacyId: line.product ? legacyIdOf(line.product.id) : null,
      variantId: line.variant?.id ?? null,
      variantLegacyId: line.variant ? legacyIdOf(line.variant.id) : null,
      quantity: line.quantity,
      currentQuantity: line.currentQuantity,
      refundableQuantity: line.refundableQuantity,
      isGiftCard: line.isGiftCard,
      requiresShipping: line.requiresShipping,
      unitPrice: line.originalUnitPriceSet.shopMoney,
    })),
    fulfillments: order.fulfillments.map((f) => ({
      id: f.id,
      status: f.status,
      displayStatus: f.displayStatus,
      createdAt: new Date(f.createdAt),
      inTransitAt: date(f.inTransitAt),
      deliveredAt: date(f.deliveredAt),
    })),
  };
}
