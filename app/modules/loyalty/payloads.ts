// The fields of orders/paid that loyalty uses, validated at the edge, and the refund facts the orders module
// hands over (it owns refunds/create). Amounts arrive as decimal strings in the shop's currency; they are kept in
// minor units from here on.
// https://shopify.dev/docs/api/admin-rest/latest/resources/order
import { z } from "zod";

const Id = z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).transform(String);
const Money = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const cents = Math.round(Number(value) * 100);
  if (!Number.isFinite(cents)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "must be a decimal amount" });
    return z.NEVER;
  }
  return cents;
});

export const OrderPaidPayloadSchema = z
  .object({
    id: Id,
    created_at: z.string(),
    processed_at: z.string().nullish(),
    customer: z.object({ id: Id }).passthrough().nullish(),
    /** After line and order discounts, before shipping and tax. */
    current_subtotal_price: Money,
    current_total_tax: Money.nullish(),
    total_tax: Money.nullish(),
    total_shipping_price_set: z
      .object({ shop_money: z.object({ amount: Money }).passthrough() })
      .passthrough()
      .nullish(),
  })
  .passthrough();
export type OrderPaidPayload = z.infer<typeof OrderPaidPayloadSchema>;

/** What a refund took back, split the way the programme's settings count an order. */
export const RefundForLoyaltySchema = z.object({
  orderShopifyId: z.string().regex(/^\d+$/),
  refundId: z.string().regex(/^\d+$/),
  lineSubtotalCents: z.number().int().min(0),
  lineTaxCents: z.number().int().min(0),
  shippingCents: z.number().int().min(0),
});
export type RefundForLoyalty = z.infer<typeof RefundForLoyaltySchema>;

export function refundedEligibleCents(
  refund: RefundForLoyalty,
  program: { includeShipping: boolean; includeTax: boolean },
): number {
  return (
    refund.lineSubtotalCents +
    (program.includeTax ? refund.lineTaxCents : 0) +
    (program.includeShipping ? refund.shippingCents : 0)
  );
}
