import { z } from "zod";
import type { AdminOperation } from "../operation";

// A loyalty redemption: one code, usable once, only by the customer who redeemed the points.
// `context.customers` replaces the deprecated `customerSelection` in 2026-07.
// https://shopify.dev/docs/api/admin-graphql/latest/mutations/discountCodeBasicCreate
const document = /* GraphQL */ `
  mutation DiscountCodeBasicCreateMutation($basicCodeDiscount: DiscountCodeBasicInput!) {
    discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {
      codeDiscountNode {
        id
        codeDiscount {
          ... on DiscountCodeBasic {
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
  discountCodeBasicCreate: z
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

/** The subset of DiscountCodeBasicInput the app sends. */
export interface DiscountCodeBasicInput {
  title: string;
  code: string;
  startsAt: string;
  endsAt?: string | null;
  usageLimit: number;
  appliesOncePerCustomer: boolean;
  context: { customers: { add: string[] } };
  customerGets: {
    value: { percentage: number } | { discountAmount: { amount: string; appliesOnEachItem: boolean } };
    items: { all: true };
  };
  minimumRequirement?: { subtotal: { greaterThanOrEqualToSubtotal: string } } | null;
  combinesWith: { orderDiscounts: boolean; productDiscounts: boolean; shippingDiscounts: boolean };
}

export type DiscountCodeBasicCreateMutationVariables = { basicCodeDiscount: DiscountCodeBasicInput };
export type DiscountCodeBasicCreateMutationData = z.infer<typeof data>;

export const DiscountCodeBasicCreateMutation: AdminOperation<
  DiscountCodeBasicCreateMutationVariables,
  DiscountCodeBasicCreateMutationData
> = {
  name: "DiscountCodeBasicCreateMutation",
  document,
  data,
  estimatedCost: 10,
  // A lost answer may still have created the code: the caller (loyalty, inside a job effect) decides what to do.
  idempotent: false,
};
