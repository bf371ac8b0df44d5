import { z } from "zod";
import type { AdminOperation } from "../operation";

// Does a discount code exist? Asked after an ambiguous answer to a create (a timeout, a 5xx) so a redemption
// is finished with the code Shopify did make, or refunded when it made none.
// https://shopify.dev/docs/api/admin-graphql/latest/queries/codeDiscountNodeByCode
const document = /* GraphQL */ `
  query CodeDiscountNodeByCodeQuery($code: String!) {
    codeDiscountNodeByCode(code: $code) {
      id
      codeDiscount {
        ... on DiscountCodeBasic {
          status
          endsAt
        }
        ... on DiscountCodeFreeShipping {
          status
          endsAt
        }
      }
    }
  }
`;

const data = z.object({
  codeDiscountNodeByCode: z
    .object({
      id: z.string(),
      codeDiscount: z.object({ status: z.string().optional(), endsAt: z.string().nullable().optional() }),
    })
    .nullable(),
});

export type CodeDiscountNodeByCodeQueryVariables = { code: string };
export type CodeDiscountNodeByCodeQueryData = z.infer<typeof data>;

export const CodeDiscountNodeByCodeQuery: AdminOperation<
  CodeDiscountNodeByCodeQueryVariables,
  CodeDiscountNodeByCodeQueryData
> = {
  name: "CodeDiscountNodeByCodeQuery",
  document,
  data,
  estimatedCost: 2,
  idempotent: true,
};
