// Order events the loyalty programme acts on, handed over as jobs. The loyalty module defines and runs them;
// their names are written here, not imported, so orders does not depend on loyalty (loyalty reads orders'
// helpers); tests/loyalty check the names agree.
import type { EnqueueJobInput } from "../jobs";
import type { ShopifyCustomerPayload, ShopifyRefundPayload } from "./payloads";

export const LOYALTY_REFUND_JOB = "loyalty.refund-created";
export const LOYALTY_SIGNUP_JOB = "loyalty.customer-created";

/** The refund's amounts, split so loyalty can count them the way the shop's programme counts an order. */
export function loyaltyRefundJob(shop: string, refund: ShopifyRefundPayload): EnqueueJobInput {
  const lineSubtotalCents = refund.refund_line_items.reduce((n, line) => n + Math.max(0, line.subtotal ?? 0), 0);
  const lineTaxCents = refund.refund_line_items.reduce((n, line) => n + Math.max(0, line.total_tax ?? 0), 0);
  const shippingLines = refund.refund_shipping_lines.reduce(
    (n, line) => n + Math.max(0, line.subtotal_amount_set?.shop_money.amount ?? 0),
    0,
  );
  const shippingAdjustments = refund.order_adjustments
    .filter((adjustment) => adjustment.kind === "shipping_refund")
    .reduce((n, adjustment) => n + Math.abs(adjustment.amount ?? 0), 0);
  return {
    type: LOYALTY_REFUND_JOB,
    shop,
    payload: {
      shop,
      refund: {
        orderShopifyId: refund.order_id,
        refundId: refund.id,
        lineSubtotalCents,
        lineTaxCents,
        shippingCents: shippingLines || shippingAdjustments,
      },
    },
    uniqueKey: `${LOYALTY_REFUND_JOB}:${shop}:${refund.id}`,
  };
}

export function loyaltySignupJob(shop: string, customer: ShopifyCustomerPayload): EnqueueJobInput {
  return {
    type: LOYALTY_SIGNUP_JOB,
    shop,
    payload: { shop, customerShopifyId: customer.id },
    uniqueKey: `${LOYALTY_SIGNUP_JOB}:${shop}:${customer.id}`,
  };
}
