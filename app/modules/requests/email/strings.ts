// Shopper-facing text per language, from the JSON files beside this one (translators edit only those).
import en from "./locales/en.json";
import sv from "./locales/sv.json";
import type { EmailLocale } from "../../settings";

export type ShopperStrings = typeof en;

// Swedish must have every key English has: the type check fails on a missing translation.
const catalogues: Record<EmailLocale, ShopperStrings> = { en, sv: sv satisfies ShopperStrings };

export function shopperStrings(locale: EmailLocale): ShopperStrings {
  return catalogues[locale] ?? catalogues.en;
}
