import { z } from "zod";
import type { AdminOperation } from "../operation";
import { PRODUCT_FIELDS_FRAGMENT, ProductNodeSchema } from "../fragments/ProductFields";

// `nodes` answers null for ids that no longer exist, and an empty object for ids of another type.
// https://shopify.dev/docs/api/admin-graphql/latest/queries/nodes
const document = /* GraphQL */ `
  query ProductsByIdsQuery($ids: [ID!]!) {
    nodes(ids: $ids) {
      ...ProductFields
    }
  }
  ${PRODUCT_FIELDS_FRAGMENT}
`;

const data = z.object({
  nodes: z.array(z.union([ProductNodeSchema, z.object({}).strict(), z.null()])),
});

export type ProductsByIdsQueryVariables = { ids: string[] };
export type ProductsByIdsQueryData = z.infer<typeof data>;

export const ProductsByIdsQuery: AdminOperation<ProductsByIdsQueryVariables, ProductsByIdsQueryData> = {
  name: "ProductsByIdsQuery",
  document,
  data,
  estimatedCost: 200,
  idempotent: true,
};
