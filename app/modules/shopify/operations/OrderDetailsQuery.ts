import { z } from "zod";
import type { AdminOperation } from "../operation";

// Shopify's own view of an order, used to repair what out-of-order or missed webhooks left behind.
// Customer names and emails are protected customer data: the app needs Shopify's approval for them.
// https://shopify.dev/docs/apps/launch/protected-customer-data
// Line items come in pages of 50 (an order rarely has more; `lineItemsAfter` fetches the rest), which
// keeps the requested cost far below the single-query limit.
const document = /* GraphQL */ `
  query OrderDetailsQuery($id: ID!, $lineItemsAfter: String) {
    order(id: $id) {
      id
      name
      email
      customerLocale
      currencyCode
      processedAt
      updatedAt
      cancelledAt
      displayFinancialStatus
      displayFulfillmentStatus
      customer {
        id
        firstName
        lastName
        locale
        defaultEmailAddress {
          emailAddress
        }
      }
      lineItems(first: 50, after: $lineItemsAfter) {
        nodes {
          id
          title
          variantTitle
          sku
          quantity
          currentQuantity
          refundableQuantity
          isGiftCard
          requiresShipping
          product {
            id
          }
          variant {
            id
          }
          originalUnitPriceSet {
            shopMoney {
              amount
              currencyCode
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
      fulfillments(first: 20) {
        id
        status
        displayStatus
        createdAt
        inTransitAt
        deliveredAt
      }
    }
  }
`;

const LineItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  variantTitle: z.string().nullable(),
  sku: z.string().nullable(),
  quantity: z.number().int(),
  currentQuantity: z.number().int(),
  refundableQuantity: z.number().int(),
  isGiftCard: z.boolean(),
  requiresShipping: z.boolean(),
  product: z.object({ id: z.string() }).nullable(),
  variant: z.object({ id: z.string() }).nullable(),
  originalUnitPriceSet: z.object({ shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }) }),
});

const data = z.object({
  order: z
    .object({
      id: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      customerLocale: z.string().nullable(),
      currencyCode: z.string(),
      processedAt: z.string(),
      updatedAt: z.string(),
      cancelledAt: z.string().nullable(),
      displayFinancialStatus: z.string().nullable(),
      displayFulfillmentStatus: z.string(),
      customer: z
        .object({
          id: z.string(),
          firstName: z.string().nullable(),
          lastName: z.string().nullable(),
          locale: z.string(),
          defaultEmailAddress: z.object({ emailAddress: z.string() }).nullable(),
        })
        .nullable(),
      lineItems: z.object({
        nodes: z.array(LineItemSchema),
        pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
      }),
      fulfillments: z.array(
        z.object({
          id: z.string(),
          status: z.string(),
          displayStatus: z.string().nullable(),
          createdAt: z.string(),
          inTransitAt: z.string().nullable(),
          deliveredAt: z.string().nullable(),
        }),
      ),
    })
    .nullable(),
});

export type OrderDetailsQueryVariables = { id: string; lineItemsAfter?: string | null };
export type OrderDetailsQueryData = z.infer<typeof data>;

export const OrderDetailsQuery: AdminOperation<OrderDetailsQueryVariables, OrderDetailsQueryData> = {
  name: "OrderDetailsQuery",
  document,
  data,
  estimatedCost: 120,
  idempotent: true,
};
