import { ShopifyAdminError, ShopifyUserError, type UserErrorDetail } from "./errors";

/** Mutations answer `userErrors` instead of failing; none of them may pass unnoticed. */
export function throwOnUserErrors(
  operation: string,
  shop: string,
  userErrors: readonly { field: string[] | null; message: string; code: string | null }[],
): void {
  if (userErrors.length === 0) return;
  const details: UserErrorDetail[] = userErrors.map((e) => ({ field: e.field, message: e.message, code: e.code }));
  throw new ShopifyUserError({ operation, shop, userErrors: details });
}

/** A mutation payload is null only alongside top-level errors, which are thrown before this point. */
export function requirePayload<T>(operation: string, shop: string, payload: T | null): T {
  if (payload === null) {
    throw new ShopifyAdminError({
      message: `Shopify answered ${operation} without a result.`,
      operation,
      shop,
      status: 200,
      terminal: true,
    });
  }
  return payload;
}
