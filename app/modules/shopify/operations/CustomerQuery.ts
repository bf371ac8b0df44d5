import { z } from "zod";
import type { AdminOperation } from "../operation";

// Customer.email and Customer.emailMarketingConsent are deprecated in 2026-07: both live on
// defaultEmailAddress now. https://shopify.dev/docs/api/admin-graphql/latest/objects/CustomerEmailAddress
const document = /* GraphQL */ `
  query CustomerQuery($id: ID!) {
    customer(id: $id) {
      id
      firstName
      lastName
      displayName
      locale
      defaultEmailAddress {
        emailAddress
        marketingState
        marketingOptInLevel
        marketingUpdatedAt
      }
    }
  }
`;

const data = z.object({
  customer: z
    .object({
      id: z.string(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
      displayName: z.string(),
      locale: z.string(),
      defaultEmailAddress: z
        .object({
          emailAddress: z.string(),
          marketingState: z.string(),
          marketingOptInLevel: z.string().nullable(),
          marketingUpdatedAt: z.string().nullable(),
        })
        .nullable(),
    })
    .nullable(),
});

export type CustomerQueryVariables = { id: string };
export type CustomerQueryData = z.infer<typeof data>;

export const CustomerQuery: AdminOperation<CustomerQueryVariables, CustomerQueryData> = {
  name: "CustomerQuery",
  document,
  data,
  estimatedCost: 2,
  idempotent: true,
};
