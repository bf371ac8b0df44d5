// The fields of Shopify's REST webhook payloads that Kundröst uses, validated at the edge. Unknown fields are
// accepted (Shopify adds fields in new API versions) and left out of the parsed value: nothing reads them, and
// copying an order's other ~100 fields was a tenth of a sale's drain (decision 009). Ids are JSON numbers in
// these payloads; they are kept as strings from here on because they outgrow 2^53 in principle and are only
// ever compared.
// Order: https://shopify.dev/docs/api/admin-rest/latest/resources/order
// Refund: https://shopify.dev/docs/api/admin-rest/latest/resources/refund
// Fulfillment event: https://shopify.dev/docs/api/admin-rest/latest/resources/fulfillmentevent
// Customer: https://shopify.dev/docs/api/admin-rest/latest/resources/customer
import { z } from "zod";

export const ShopifyIdSchema = z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).transform(String);
const TimestampSchema = z.string().refine((value) => !Number.isNaN(Date.parse(value)), "must be an ISO 8601 timestamp");
const MoneySchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const cents = Math.round(Number(value) * 100);
  if (!Number.isFinite(cents)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "must be a decimal amount" });
    return z.NEVER;
  }
  return cents;
});

export const ShopifyAddressSchema = z.object({
  city: z.string().nullish(),
  country: z.string().nullish(),
  country_code: z.string().nullish(),
});

export const ShopifyCustomerPayloadSchema = z.object({
  id: ShopifyIdSchema,
  email: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  phone: z.string().nullish(),
  locale: z.string().nullish(),
  updated_at: TimestampSchema.nullish(),
  default_address: ShopifyAddressSchema.nullish(),
  email_marketing_consent: z.object({ state: z.string().nullish() }).nullish(),
});
export type ShopifyCustomerPayload = z.infer<typeof ShopifyCustomerPayloadSchema>;

export const ShopifyLineItemSchema = z.object({
  id: ShopifyIdSchema,
  product_id: ShopifyIdSchema.nullish(),
  variant_id: ShopifyIdSchema.nullish(),
  title: z.string(),
  variant_title: z.string().nullish(),
  sku: z.string().nullish(),
  quantity: z.number().int().nonnegative(),
  price: MoneySchema,
  gift_card: z.boolean().default(false),
  requires_shipping: z.boolean().default(true),
});

export const ShopifyFulfillmentSchema = z.object({
  id: ShopifyIdSchema,
  status: z.string().nullish(),
  created_at: TimestampSchema,
  updated_at: TimestampSchema.nullish(),
});

export const ShopifyRefundLineItemSchema = z.object({
  id: ShopifyIdSchema.optional(),
  line_item_id: ShopifyIdSchema,
  quantity: z.number().int().nonnegative(),
  // What the refunded quantity was sold for after discounts, and its tax (loyalty takes points back by these).
  subtotal: MoneySchema.optional(),
  total_tax: MoneySchema.optional(),
});

const ShopMoneySetSchema = z.object({ shop_money: z.object({ amount: MoneySchema }) });

export const ShopifyRefundPayloadSchema = z.object({
  id: ShopifyIdSchema,
  order_id: ShopifyIdSchema,
  created_at: TimestampSchema,
  processed_at: TimestampSchema.nullish(),
  refund_line_items: z.array(ShopifyRefundLineItemSchema).default([]),
  // Shipping refunded: refund_shipping_lines in current versions, a "shipping_refund" adjustment in older ones.
  refund_shipping_lines: z.array(z.object({ subtotal_amount_set: ShopMoneySetSchema.nullish() })).default([]),
  order_adjustments: z.array(z.object({ kind: z.string().nullish(), amount: MoneySchema.nullish() })).default([]),
});
export type ShopifyRefundPayload = z.infer<typeof ShopifyRefundPayloadSchema>;

export const ShopifyOrderPayloadSchema = z.object({
  id: ShopifyIdSchema,
  admin_graphql_api_id: z.string(),
  name: z.string(),
  email: z.string().nullish(),
  contact_email: z.string().nullish(),
  customer_locale: z.string().nullish(),
  currency: z.string().length(3),
  total_price: MoneySchema,
  financial_status: z.string().nullish(),
  fulfillment_status: z.string().nullish(),
  created_at: TimestampSchema,
  processed_at: TimestampSchema.nullish(),
  updated_at: TimestampSchema,
  cancelled_at: TimestampSchema.nullish(),
  customer: ShopifyCustomerPayloadSchema.nullish(),
  line_items: z.array(ShopifyLineItemSchema),
  fulfillments: z.array(ShopifyFulfillmentSchema).default([]),
  refunds: z.array(ShopifyRefundPayloadSchema.omit({ order_id: true })).default([]),
});
export type ShopifyOrderPayload = z.infer<typeof ShopifyOrderPayloadSchema>;

export const ShopifyFulfillmentEventPayloadSchema = z.object({
  id: ShopifyIdSchema,
  fulfillment_id: ShopifyIdSchema,
  order_id: ShopifyIdSchema,
  status: z.string(),
  happened_at: TimestampSchema.nullish(),
  created_at: TimestampSchema,
});
export type ShopifyFulfillmentEventPayload = z.infer<typeof ShopifyFulfillmentEventPayloadSchema>;
