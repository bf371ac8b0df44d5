// The shopper-facing words of the review page, in the shopper's language (which language: the shopper-language
// module). Strings live in locales/*.json; this file only picks the catalogue. Safe to use in the browser.
import { fillPlaceholders, type ShopperLanguage } from "../shopper-language";
import en from "./locales/en.json";
import sv from "./locales/sv.json";

export type ShopperMessages = typeof en;
export type ShopperMessageKey = keyof ShopperMessages;

// `satisfies` makes a missing Swedish key a type error instead of an English word on a Swedish page.
const catalogues = { en, sv } satisfies Record<ShopperLanguage, ShopperMessages>;

export function shopperMessages(locale: ShopperLanguage): ShopperMessages {
  return catalogues[locale];
}

export function formatMessage(
  messages: ShopperMessages,
  key: ShopperMessageKey,
  values: Record<string, string | number> = {},
): string {
  return fillPlaceholders(messages[key], values);
}
