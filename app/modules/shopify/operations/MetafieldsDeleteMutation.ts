import { z } from "zod";
import type { AdminOperation } from "../operation";

// Removes metafields by owner, namespace and key; deleting one that does not exist is not an error (it is
// left out of deletedMetafields), so retrying is safe. https://shopify.dev/docs/api/admin-graphql/latest/mutations/metafieldsDelete
const document = /* GraphQL */ `
  mutation MetafieldsDeleteMutation($metafields: [MetafieldIdentifierInput!]!) {
    metafieldsDelete(metafields: $metafields) {
      deletedMetafields {
        ownerId
        namespace
        key
      }
      userErrors {
        field
        message
      }
    }
  }
`;

const data = z.object({
  metafieldsDelete: z
    .object({
      deletedMetafields: z
        .array(z.object({ ownerId: z.string(), namespace: z.string(), key: z.string() }).nullable())
        .nullable(),
      userErrors: z.array(z.object({ field: z.array(z.string()).nullable(), message: z.string() })),
    })
    .nullable(),
});

export interface MetafieldIdentifierInput {
  ownerId: string;
  namespace: string;
  key: string;
}

export type MetafieldsDeleteMutationVariables = { metafields: MetafieldIdentifierInput[] };
export type MetafieldsDeleteMutationData = z.infer<typeof data>;

export const MetafieldsDeleteMutation: AdminOperation<MetafieldsDeleteMutationVariables, MetafieldsDeleteMutationData> =
  {
    name: "MetafieldsDeleteMutation",
    document,
    data,
    estimatedCost: 10,
    idempotent: true,
  };
