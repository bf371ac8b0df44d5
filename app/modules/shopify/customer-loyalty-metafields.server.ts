// A member's balance and tier mirrored onto the customer for themes (`customer.metafields["$app:loyalty"]`).
// App-owned namespace: only Kundröst writes it, no definition is needed, and the ledger stays the source of truth.
// https://shopify.dev/docs/apps/build/custom-data/ownership
import { z } from "zod";
import { callAdminOperation, type AdminCallOptions } from "./admin-call.server";
import { MetafieldsSetMutation } from "./operations/MetafieldsSetMutation";
import { toShopifyGid } from "./shopify-ids";
import { requirePayload, throwOnUserErrors } from "./user-errors";
import type { AdminGraphql } from "./types";

export const LOYALTY_METAFIELD_NAMESPACE = "$app:loyalty";

const MirrorSchema = z.object({
  customerId: z.string().min(1),
  points: z.number().int().min(0),
  pendingPoints: z.number().int().min(0),
  tier: z.string().min(1).max(40),
});
export type CustomerLoyaltyMirror = z.input<typeof MirrorSchema>;

/** Sets points, pending_points and tier in one call; the same values again are harmless, so it may be retried. */
export async function setCustomerLoyaltyMetafields(
  graphql: AdminGraphql,
  shop: string,
  mirror: CustomerLoyaltyMirror,
  options?: AdminCallOptions,
): Promise<void> {
  const { customerId, points, pendingPoints, tier } = MirrorSchema.parse(mirror);
  const ownerId = toShopifyGid("Customer", customerId);
  const namespace = LOYALTY_METAFIELD_NAMESPACE;
  const metafields = [
    { ownerId, namespace, key: "points", type: "number_integer", value: String(points) },
    { ownerId, namespace, key: "pending_points", type: "number_integer", value: String(pendingPoints) },
    { ownerId, namespace, key: "tier", type: "single_line_text_field", value: tier },
  ];
  const data = await callAdminOperation(graphql, shop, MetafieldsSetMutation, { metafields }, options);
  const payload = requirePayload(MetafieldsSetMutation.name, shop, data.metafieldsSet);
  throwOnUserErrors(MetafieldsSetMutation.name, shop, payload.userErrors);
}
