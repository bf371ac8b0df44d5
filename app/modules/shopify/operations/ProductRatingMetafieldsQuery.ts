import { z } from "zod";
import type { AdminOperation } from "../operation";

// What Shopify holds in the rating metafields of up to 50 products, for the daily reconciliation.
// `nodes` answers null for products that no longer exist. https://shopify.dev/docs/api/admin-graphql/latest/queries/nodes
const document = /* GraphQL */ `
  query ProductRatingMetafieldsQuery($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Product {
        id
        rating: metafield(namespace: "reviews", key: "rating") {
          value
        }
        ratingCount: metafield(namespace: "reviews", key: "rating_count") {
          value
        }
      }
    }
  }
`;

const MetafieldValue = z.object({ value: z.string() }).nullable();

const data = z.object({
  nodes: z.array(
    z.union([
      z.object({ id: z.string(), rating: MetafieldValue, ratingCount: MetafieldValue }),
      z.object({}).strict(),
      z.null(),
    ]),
  ),
});

export type ProductRatingMetafieldsQueryVariables = { ids: string[] };
export type ProductRatingMetafieldsQueryData = z.infer<typeof data>;

export const ProductRatingMetafieldsQuery: AdminOperation<
  ProductRatingMetafieldsQueryVariables,
  ProductRatingMetafieldsQueryData
> = {
  name: "ProductRatingMetafieldsQuery",
  document,
  data,
  estimatedCost: 52,
  idempotent: true,
};
