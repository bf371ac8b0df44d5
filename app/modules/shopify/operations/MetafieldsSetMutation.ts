import { z } from "zod";
import type { AdminOperation } from "../operation";

// Up to 25 metafields per call, all or nothing; setting the same value again is harmless, so it is safe to retry.
// https://shopify.dev/docs/api/admin-graphql/latest/mutations/metafieldsSet
const document = /* GraphQL */ `
  mutation MetafieldsSetMutation($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields {
        id
        namespace
        key
        type
        value
      }
      userErrors {
        field
        message
        code
        elementIndex
      }
    }
  }
`;

const data = z.object({
  metafieldsSet: z
    .object({
      metafields: z
        .array(
          z.object({ id: z.string(), namespace: z.string(), key: z.string(), type: z.string(), value: z.string() }),
        )
        .nullable(),
      userErrors: z.array(
        z.object({
          field: z.array(z.string()).nullable(),
          message: z.string(),
          code: z.string().nullable(),
          elementIndex: z.number().int().nullable(),
        }),
      ),
    })
    .nullable(),
});

export interface MetafieldsSetInput {
  ownerId: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
}

export type MetafieldsSetMutationVariables = { metafields: MetafieldsSetInput[] };
export type MetafieldsSetMutationData = z.infer<typeof data>;

export const MetafieldsSetMutation: AdminOperation<MetafieldsSetMutationVariables, MetafieldsSetMutationData> = {
  name: "MetafieldsSetMutation",
  document,
  data,
  estimatedCost: 10,
  idempotent: true,
};
