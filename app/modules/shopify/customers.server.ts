import { callAdminOperation, type AdminCallOptions } from "./admin-call.server";
import { CustomerQuery } from "./operations/CustomerQuery";
import { legacyIdOf, toShopifyGid } from "./shopify-ids";
import type { AdminGraphql } from "./types";

export interface ShopifyCustomer {
  id: string;
  legacyId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  displayName: string;
  locale: string;
  /** SUBSCRIBED, NOT_SUBSCRIBED, UNSUBSCRIBED, PENDING, INVALID; null without an email address. */
  emailMarketingState: string | null;
  acceptsEmailMarketing: boolean;
}

/** One customer (numeric id or GID), or null when Shopify has none (deleted or redacted). */
export async function fetchCustomer(
  graphql: AdminGraphql,
  shop: string,
  customerId: string,
  options?: AdminCallOptions,
): Promise<ShopifyCustomer | null> {
  const data = await callAdminOperation(
    graphql,
    shop,
    CustomerQuery,
    { id: toShopifyGid("Customer", customerId) },
    options,
  );
  const customer = data.customer;
  if (!customer) return null;
  const address = customer.defaultEmailAddress;
  return {
    id: customer.id,
    legacyId: legacyIdOf(customer.id),
    email: address?.emailAddress ?? null,
    firstName: customer.firstName,
    lastName: customer.lastName,
    displayName: customer.displayName,
    locale: customer.locale,
    emailMarketingState: address?.marketingState ?? null,
    acceptsEmailMarketing: address?.marketingState === "SUBSCRIBED",
  };
}
