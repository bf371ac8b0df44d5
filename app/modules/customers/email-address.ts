// How a customer's email address is compared: Shopify, the shopper and the merchant may write the same address
// with other capitals or stray spaces, and every rule (opt-out, frequency cap, data requests) must see one.
export function normaliseEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}
