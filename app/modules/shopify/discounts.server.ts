// Discount codes for loyalty redemptions: single use, bound to the redeeming customer.
import { z } from "zod";
import { callAdminOperation, type AdminCallOptions } from "./admin-call.server";
import {
  DiscountCodeBasicCreateMutation,
  type DiscountCodeBasicInput,
} from "./operations/DiscountCodeBasicCreateMutation";
import { DiscountCodeDeleteMutation } from "./operations/DiscountCodeDeleteMutation";
import { ShopifyAdminError } from "./errors";
import { toShopifyGid } from "./shopify-ids";
import { requirePayload, throwOnUserErrors } from "./user-errors";
import type { AdminGraphql } from "./types";

const Decimal = z.string().regex(/^\d+(\.\d{1,2})?$/, "a decimal amount such as 5.00");

/** What every loyalty code has, whatever it gives: its text, its owner, its dates, its minimum order. */
export const CustomerBoundCodeSchema = z.object({
  /** What the shopper types at checkout; unique in the shop (Shopify answers TAKEN otherwise). */
  code: z.string().trim().min(1).max(255).regex(/^\S+$/, "no spaces"),
  /** What the merchant sees in the Discounts list. */
  title: z.string().trim().min(1).max(255),
  customerId: z.string().min(1),
  startsAt: z.date().optional(),
  endsAt: z.date().nullable().optional(),
  minimumSubtotal: Decimal.nullable().optional(),
});

const CustomerDiscountCodeSchema = CustomerBoundCodeSchema.extend({
  value: z.union([z.object({ percentage: z.number().gt(0).max(1) }), z.object({ amount: Decimal })]),
  combinesWith: z
    .object({ orderDiscounts: z.boolean(), productDiscounts: z.boolean(), shippingDiscounts: z.boolean() })
    .default({ orderDiscounts: false, productDiscounts: false, shippingDiscounts: true }),
});

/**
 * The input fields both create mutations share: one use, once per customer, only for `customerId`. The one
 * place that decides what "bound to the redeeming customer" means to Shopify.
 */
export function customerBoundCodeFields(parsed: z.output<typeof CustomerBoundCodeSchema>) {
  return {
    title: parsed.title,
    code: parsed.code,
    startsAt: (parsed.startsAt ?? new Date()).toISOString(),
    endsAt: parsed.endsAt ? parsed.endsAt.toISOString() : null,
    usageLimit: 1,
    appliesOncePerCustomer: true,
    context: { customers: { add: [toShopifyGid("Customer", parsed.customerId)] } },
    minimumRequirement: parsed.minimumSubtotal
      ? { subtotal: { greaterThanOrEqualToSubtotal: parsed.minimumSubtotal } }
      : null,
  };
}

export type CustomerDiscountCodeInput = z.input<typeof CustomerDiscountCodeSchema>;

export interface CreatedDiscountCode {
  /** The DiscountCodeNode GID: keep it, deleteDiscountCode needs it. */
  id: string;
  code: string;
  status: string;
  endsAt: Date | null;
}

/**
 * Creates a code only `customerId` can use, once. Not retried after a lost answer (a retry could make a
 * second discount): the caller runs it inside a job effect and reconciles on the next attempt.
 * https://shopify.dev/docs/api/admin-graphql/latest/mutations/discountCodeBasicCreate
 */
export async function createCustomerDiscountCode(
  graphql: AdminGraphql,
  shop: string,
  input: CustomerDiscountCodeInput,
  options?: AdminCallOptions,
): Promise<CreatedDiscountCode> {
  const parsed = CustomerDiscountCodeSchema.parse(input);
  const basicCodeDiscount: DiscountCodeBasicInput = {
    ...customerBoundCodeFields(parsed),
    customerGets: {
      value:
        "percentage" in parsed.value
          ? { percentage: parsed.value.percentage }
          : { discountAmount: { amount: parsed.value.amount, appliesOnEachItem: false } },
      items: { all: true },
    },
    combinesWith: parsed.combinesWith,
  };
  const data = await callAdminOperation(graphql, shop, DiscountCodeBasicCreateMutation, { basicCodeDiscount }, options);
  const payload = requirePayload(DiscountCodeBasicCreateMutation.name, shop, data.discountCodeBasicCreate);
  throwOnUserErrors(DiscountCodeBasicCreateMutation.name, shop, payload.userErrors);
  return createdDiscountFrom(payload.codeDiscountNode, parsed.code, DiscountCodeBasicCreateMutation.name, shop);
}

/** A create mutation's node as the caller keeps it; no node and no userErrors is Shopify failing silently. */
export function createdDiscountFrom(
  node: {
    id: string;
    codeDiscount: { status: string; endsAt: string | null; codes: { nodes: { code: string }[] } };
  } | null,
  code: string,
  operation: string,
  shop: string,
): CreatedDiscountCode {
  if (!node)
    throw new ShopifyAdminError({
      message: "Shopify created no discount and gave no reason.",
      operation,
      shop,
      status: 200,
      terminal: true,
    });
  return {
    id: node.id,
    code: node.codeDiscount.codes.nodes[0]?.code ?? code,
    status: node.codeDiscount.status,
    endsAt: node.codeDiscount.endsAt ? new Date(node.codeDiscount.endsAt) : null,
  };
}

/**
 * Deletes a code made by createCustomerDiscountCode (compensation). A code that no longer exists is a ShopifyUserError.
 */
export async function deleteDiscountCode(
  graphql: AdminGraphql,
  shop: string,
  discountId: string,
  options?: AdminCallOptions,
): Promise<{ deletedId: string }> {
  const data = await callAdminOperation(
    graphql,
    shop,
    DiscountCodeDeleteMutation,
    { id: toShopifyGid("DiscountCodeNode", discountId) },
    options,
  );
  const payload = requirePayload(DiscountCodeDeleteMutation.name, shop, data.discountCodeDelete);
  throwOnUserErrors(DiscountCodeDeleteMutation.name, shop, payload.userErrors);
  if (!payload.deletedCodeDiscountId) {
    throw new ShopifyAdminError({
      message: "Shopify deleted no discount and gave no reason.",
      operation: DiscountCodeDeleteMutation.name,
      shop,
      status: 200,
      terminal: true,
    });
  }
  return { deletedId: payload.deletedCodeDiscountId };
}
