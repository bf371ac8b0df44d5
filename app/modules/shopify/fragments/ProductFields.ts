// The product fields both product queries select, in one place so a product parsed from either looks
// the same. Not an operation itself: a fragment spliced into the documents that use it.
import { z } from "zod";

// featuredImage is deprecated in favour of featuredMedia; a media's preview image covers photos, videos and 3D models
// alike.
export const PRODUCT_FIELDS_FRAGMENT = /* GraphQL */ `
  fragment ProductFields on Product {
    id
    title
    handle
    productType
    vendor
    isGiftCard
    status
    updatedAt
    featuredMedia {
      preview {
        image {
          url
        }
      }
    }
  }
`;

export const ProductNodeSchema = z.object({
  id: z.string(),
  title: z.string(),
  handle: z.string(),
  productType: z.string(),
  vendor: z.string(),
  isGiftCard: z.boolean(),
  status: z.string(),
  updatedAt: z.string(),
  featuredMedia: z
    .object({ preview: z.object({ image: z.object({ url: z.string() }).nullable() }).nullable() })
    .nullable(),
});
export type ProductNode = z.infer<typeof ProductNodeSchema>;
