import { z } from "zod";
import type { AdminOperation } from "../operation";

// A loyalty "free shipping" reward: one code, usable once, only by the customer who redeemed the points.
// Eligibility is `context.customers` in the pinned version (customerSelection is deprecated).
// https://shopify.dev/docs/api/admin-graphql/latest/mutations/discountCodeFreeShippingCreate
const document = /* GraphQL */ `
  mutation DiscountCodeFreeShippingCreateMutation($freeShippingCodeDiscount: DiscountCodeFreeShippingInput!) {
    discountCodeFreeShippingCreate(freeShippingCodeDiscount: $freeShippingCodeDiscount) {
      codeDiscountNode {
        id
        codeDiscount {
          ... on DiscountCodeFreeShipping {
            title
            status
            startsAt
            endsAt
            usageLimit
            appliesOncePerCustomer
            codes(first: 1) {
              nodes {
                code
              }
            }
          }
        }
      }
      userErrors {
        field
        message
        code
        extraInfo
      }
    }
  }
`;

const data = z.object({
  discountCodeFreeShippingCreate: z
    .object({
      codeDiscountNode: z
        .object({
          id: z.string(),
          codeDiscount: z.object({
            title: z.string(),
            status: z.string(),
            startsAt: z.string(),
            endsAt: z.string().nullable(),
            usageLimit: z.number().int().nullable(),
            appliesOncePerCustomer: z.boolean(),
            codes: z.object({ nodes: z.array(z.object({ code: z.string() })) }),
          }),
        })
        .nullable(),
      userErrors: z.array(
        z.object({
          field: z.array(z.string()).nullable(),
          message: z.string(),
          code: z.string().nullable(),
          extraInfo: z.string().nullable(),
        }),
      ),
    })
    .nullable(),
});

/** The subset of DiscountCodeFreeShippingInput the app sends. */
export interface DiscountCodeFreeShippingInput {
  title: string;
  code: string;
  startsAt: string;
  endsAt?: string | null;
  usageLimit: number;
  appliesOncePerCustomer: boolean;
  context: { customers: { add: string[] } };
  destination: { all: true };
  minimumRequirement?: { subtotal: { greaterThanOrEqualToSubtotal: string } } | null;
  combinesWith: { orderDiscounts: boolean; productDiscounts: boolean; shippingDiscounts: boolean };
}

export type DiscountCodeFreeShippingCreateMutationVariables = {
  freeShippingCodeDiscount: DiscountCodeFreeShippingInput;
};
export type DiscountCodeFreeShippingCreateMutationData = z.infer<typeof data>;

export const DiscountCodeFreeShippingCreateMutation: AdminOperation<
  DiscountCodeFreeShippingCreateMutationVariables,
  DiscountCodeFreeShippingCreateMutationData
> = {
  name: "DiscountCodeFreeShippingCreateMutation",
  document,
  data,
  estimatedCost: 10,
  // A lost answer may still have created the code: loyalty looks the code up (CodeDiscountNodeByCodeQuery) instead.
  idempotent: false,
};
