// Who the merchant is, for every admin route. In production: Shopify's embedded auth (session token ->
// offline session). In demo mode only: the local offline session of the demo shop and the Admin API
// stand-in. This and the GraphQL transport and mail transport are the only places demo mode is injected.
// Tests authenticate for real but, like the demo, talk to the stand-in: Shopify cannot be reached here.
import { DEMO_SHOP, isDemoMode, readEnv } from "./config.server";
import { authenticate, unauthenticated } from "./shopify.server";
import { createStandInGraphql } from "./modules/demo";
import type { AdminGraphql } from "./modules/shopify";

export interface AdminContext {
  shop: string;
  graphql: AdminGraphql;
  embedded: boolean;
}

export async function authenticateAdmin(request: Request): Promise<AdminContext> {
  if (isDemoMode()) {
    return { shop: DEMO_SHOP, graphql: createStandInGraphql(DEMO_SHOP), embedded: false };
  }
  const { session, admin } = await authenticate.admin(request);
  const graphql = usesStandIn() ? createStandInGraphql(session.shop) : (admin.graphql as AdminGraphql);
  return { shop: session.shop, graphql, embedded: true };
}

/** Admin API access for background work (jobs), with the shop's offline session. */
export async function adminGraphqlForShop(shop: string): Promise<AdminGraphql> {
  if (usesStandIn()) return createStandInGraphql(shop);
  const { admin } = await unauthenticated.admin(shop);
  return admin.graphql as AdminGraphql;
}

function usesStandIn(): boolean {
  return isDemoMode() || readEnv().NODE_ENV === "test";
}
