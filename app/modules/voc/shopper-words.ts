// The voice-of-the-customer words shoppers read on the review page (the store question, Smart Prompts), in the
// shopper's language. Strings live in locales/*.json. Safe to use in the browser.
import { fillPlaceholders, type ShopperLanguage } from "../shopper-language";
import en from "./locales/en.json";
import sv from "./locales/sv.json";

export type VocShopperWords = typeof en;
export type VocShopperWordKey = keyof VocShopperWords;

// `satisfies` makes a missing Swedish key a type error instead of an English word on a Swedish page.
const catalogues = { en, sv } satisfies Record<ShopperLanguage, VocShopperWords>;

/** Every word of the catalogue in `locale`, with {shop} (and any other value given) filled in. */
export function vocShopperWords(locale: ShopperLanguage, values: Record<string, string> = {}): VocShopperWords {
  const words = catalogues[locale];
  return Object.fromEntries(
    Object.entries(words).map(([key, text]) => [key, fillPlaceholders(text, values)]),
  ) as VocShopperWords;
}
