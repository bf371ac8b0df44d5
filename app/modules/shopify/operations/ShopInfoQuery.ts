import { z } from "zod";
import type { AdminOperation } from "../operation";

// shopLocales needs the read_locales scope. https://shopify.dev/docs/api/admin-graphql/latest/queries/shopLocales
const document = /* GraphQL */ `
  query ShopInfoQuery {
    shop {
      id
      name
      email
      contactEmail
      currencyCode
      ianaTimezone
      myshopifyDomain
    }
    shopLocales(published: true) {
      locale
      primary
      published
    }
  }
`;

const data = z.object({
  shop: z.object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    contactEmail: z.string(),
    currencyCode: z.string(),
    ianaTimezone: z.string(),
    myshopifyDomain: z.string(),
  }),
  shopLocales: z.array(z.object({ locale: z.string(), primary: z.boolean(), published: z.boolean() })),
});

export type ShopInfoQueryVariables = Record<string, never>;
export type ShopInfoQueryData = z.infer<typeof data>;

export const ShopInfoQuery: AdminOperation<ShopInfoQueryVariables, ShopInfoQueryData> = {
  name: "ShopInfoQuery",
  document,
  data,
  estimatedCost: 3,
  idempotent: true,
};
