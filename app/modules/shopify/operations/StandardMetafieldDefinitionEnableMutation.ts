import { z } from "zod";
import type { AdminOperation } from "../operation";

// Enabling Shopify's standard definition gives reviews.rating / reviews.rating_count their standard type,
// so themes and Search & Discovery understand them, readable by the Storefront API. Enabling twice
// answers a TAKEN user error.
// https://shopify.dev/docs/apps/build/custom-data/metafields/list-of-standard-definitions
const document = /* GraphQL */ `
  mutation StandardMetafieldDefinitionEnableMutation(
    $ownerType: MetafieldOwnerType!
    $namespace: String!
    $key: String!
  ) {
    standardMetafieldDefinitionEnable(
      ownerType: $ownerType
      namespace: $namespace
      key: $key
      pin: false
      access: { storefront: PUBLIC_READ }
    ) {
      createdDefinition {
        id
        namespace
        key
        type {
          name
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const data = z.object({
  standardMetafieldDefinitionEnable: z
    .object({
      createdDefinition: z
        .object({ id: z.string(), namespace: z.string(), key: z.string(), type: z.object({ name: z.string() }) })
        .nullable(),
      userErrors: z.array(
        z.object({ field: z.array(z.string()).nullable(), message: z.string(), code: z.string().nullable() }),
      ),
    })
    .nullable(),
});

export type StandardMetafieldDefinitionEnableMutationVariables = {
  ownerType: "PRODUCT";
  namespace: string;
  key: string;
};
export type StandardMetafieldDefinitionEnableMutationData = z.infer<typeof data>;

export const StandardMetafieldDefinitionEnableMutation: AdminOperation<
  StandardMetafieldDefinitionEnableMutationVariables,
  StandardMetafieldDefinitionEnableMutationData
> = {
  name: "StandardMetafieldDefinitionEnableMutation",
  document,
  data,
  estimatedCost: 10,
  idempotent: true,
};
