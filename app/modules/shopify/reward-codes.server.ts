// The other half of loyalty's discount codes (discounts.server.ts makes amount and percentage codes): free
// shipping codes, and looking a code up by its text after an ambiguous answer to a create.
import type { z } from "zod";
import { callAdminOperation, type AdminCallOptions } from "./admin-call.server";
import {
  DiscountCodeFreeShippingCreateMutation,
  type DiscountCodeFreeShippingInput,
} from "./operations/DiscountCodeFreeShippingCreateMutation";
import { CodeDiscountNodeByCodeQuery } from "./operations/CodeDiscountNodeByCodeQuery";
import { requirePayload, throwOnUserErrors } from "./user-errors";
import type { AdminGraphql } from "./types";
import {
  createdDiscountFrom,
  customerBoundCodeFields,
  CustomerBoundCodeSchema,
  type CreatedDiscountCode,
} from "./discounts.server";

export type FreeShippingCodeInput = z.input<typeof CustomerBoundCodeSchema>;

/** A free-shipping code only `customerId` can use, once, to any destination. Not retried after a lost answer. */
export async function createCustomerFreeShippingCode(
  graphql: AdminGraphql,
  shop: string,
  input: FreeShippingCodeInput,
  options?: AdminCallOptions,
): Promise<CreatedDiscountCode> {
  const parsed = CustomerBoundCodeSchema.parse(input);
  const freeShippingCodeDiscount: DiscountCodeFreeShippingInput = {
    ...customerBoundCodeFields(parsed),
    destination: { all: true },
    combinesWith: { orderDiscounts: true, productDiscounts: true, shippingDiscounts: false },
  };
  const name = DiscountCodeFreeShippingCreateMutation.name;
  const data = await callAdminOperation(
    graphql,
    shop,
    DiscountCodeFreeShippingCreateMutation,
    { freeShippingCodeDiscount },
    options,
  );
  const payload = requirePayload(name, shop, data.discountCodeFreeShippingCreate);
  throwOnUserErrors(name, shop, payload.userErrors);
  return createdDiscountFrom(payload.codeDiscountNode, parsed.code, name, shop);
}

export interface FoundDiscountCode {
  id: string;
  status: string | null;
  endsAt: Date | null;
}

/** The discount that owns `code` in the shop, or null when there is none. */
export async function findDiscountByCode(
  graphql: AdminGraphql,
  shop: string,
  code: string,
  options?: AdminCallOptions,
): Promise<FoundDiscountCode | null> {
  const data = await callAdminOperation(graphql, shop, CodeDiscountNodeByCodeQuery, { code }, options);
  const node = data.codeDiscountNodeByCode;
  if (!node) return null;
  return {
    id: node.id,
    status: node.codeDiscount.status ?? null,
    endsAt: node.codeDiscount.endsAt ? new Date(node.codeDiscount.endsAt) : null,
  };
}
