// What a merchant reads when the shop domain they typed cannot be used to log in.
import { LoginErrorType, type LoginError } from "@shopify/shopify-app-remix/server";

export interface LoginErrorMessages {
  shop?: string;
}

export function loginErrorMessages(result: LoginError | undefined): LoginErrorMessages {
  if (result?.shop === LoginErrorType.MissingShop) return { shop: "Enter your shop domain to log in." };
  if (result?.shop === LoginErrorType.InvalidShop) {
    return {
      shop: "That is not a Shopify shop domain. Use the one ending in .myshopify.com, e.g. my-shop.myshopify.com.",
    };
  }
  return {};
}
