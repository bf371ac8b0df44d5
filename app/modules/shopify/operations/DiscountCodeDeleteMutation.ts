import { z } from "zod";
import type { AdminOperation } from "../operation";

// Compensation when a redemption cannot complete. https://shopify.dev/docs/api/admin-graphql/latest/mutations/discountCodeDelete
const document = /* GraphQL */ `
  mutation DiscountCodeDeleteMutation($id: ID!) {
    discountCodeDelete(id: $id) {
      deletedCodeDiscountId
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
  discountCodeDelete: z
    .object({
      deletedCodeDiscountId: z.string().nullable(),
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

export type DiscountCodeDeleteMutationVariables = { id: string };
export type DiscountCodeDeleteMutationData = z.infer<typeof data>;

export const DiscountCodeDeleteMutation: AdminOperation<
  DiscountCodeDeleteMutationVariables,
  DiscountCodeDeleteMutationData
> = {
  name: "DiscountCodeDeleteMutation",
  document,
  data,
  estimatedCost: 10,
  // Deleting twice answers a user error rather than doing harm, so a retry after a lost answer is safe.
  idempotent: true,
};
