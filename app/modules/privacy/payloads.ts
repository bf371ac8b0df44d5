// Payloads of the mandatory compliance webhooks and the app lifecycle topics, as shopify.dev documents them:
// https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance
// Ids arrive as JSON numbers; they are compared as strings from here on.
import { z } from "zod";

const ShopifyIdSchema = z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).transform(String);

const DataSubjectSchema = z
  .object({
    id: ShopifyIdSchema.nullish(),
    email: z.string().nullish(),
    phone: z.string().nullish(),
  })
  .passthrough();

export const CustomerDataRequestPayloadSchema = z
  .object({
    shop_id: ShopifyIdSchema,
    shop_domain: z.string().min(1),
    orders_requested: z.array(ShopifyIdSchema).default([]),
    customer: DataSubjectSchema,
    data_request: z.object({ id: ShopifyIdSchema }).passthrough(),
  })
  .passthrough();
export type CustomerDataRequestPayload = z.infer<typeof CustomerDataRequestPayloadSchema>;

export const CustomerRedactPayloadSchema = z
  .object({
    shop_id: ShopifyIdSchema,
    shop_domain: z.string().min(1),
    customer: DataSubjectSchema,
    orders_to_redact: z.array(ShopifyIdSchema).default([]),
  })
  .passthrough();
export type CustomerRedactPayload = z.infer<typeof CustomerRedactPayloadSchema>;

export const ShopRedactPayloadSchema = z
  .object({ shop_id: ShopifyIdSchema, shop_domain: z.string().min(1) })
  .passthrough();
export type ShopRedactPayload = z.infer<typeof ShopRedactPayloadSchema>;

// app/uninstalled carries the shop resource; nothing in it is needed beyond the shop the headers named.
export const AppUninstalledPayloadSchema = z.object({ id: ShopifyIdSchema }).passthrough();

// https://shopify.dev/docs/api/webhooks?reference=toml#list-app-scopes_update
export const AppScopesUpdatePayloadSchema = z
  .object({
    id: ShopifyIdSchema.optional(),
    previous: z.array(z.string()),
    current: z.array(z.string()),
    updated_at: z.string().optional(),
  })
  .passthrough();
export type AppScopesUpdatePayload = z.infer<typeof AppScopesUpdatePayloadSchema>;

/** Who a privacy request is about: Shopify's customer id and/or email, and the orders it names. */
export interface DataSubject {
  customerShopifyId: string | null;
  email: string | null;
  orderShopifyIds: string[];
}
