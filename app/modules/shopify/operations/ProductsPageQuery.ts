import { z } from "zod";
import type { AdminOperation } from "../operation";
import { PRODUCT_FIELDS_FRAGMENT, ProductNodeSchema } from "../fragments/ProductFields";

// Cursor pagination for catalogue sync; `query` narrows it (e.g. "updated_at:>'2026-01-01T00:00:00Z'").
// https://shopify.dev/docs/api/usage/pagination-graphql
const document = /* GraphQL */ `
  query ProductsPageQuery($first: Int!, $after: String, $query: String) {
    products(first: $first, after: $after, query: $query, sortKey: ID) {
      nodes {
        ...ProductFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  ${PRODUCT_FIELDS_FRAGMENT}
`;

const data = z.object({
  products: z.object({
    nodes: z.array(ProductNodeSchema),
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
  }),
});

export type ProductsPageQueryVariables = { first: number; after?: string | null; query?: string | null };
export type ProductsPageQueryData = z.infer<typeof data>;

export const ProductsPageQuery: AdminOperation<ProductsPageQueryVariables, ProductsPageQueryData> = {
  name: "ProductsPageQuery",
  document,
  data,
  estimatedCost: 200,
  idempotent: true,
};
