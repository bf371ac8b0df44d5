// Shopper language: one answer to "which language do we speak to this shopper", one Accept-Language parser
// (q-values honoured) and one way to fill the {placeholders} of translated text. Each feature keeps its own
// words (requests/email/locales, reviews/locales); this module decides which of them a shopper reads.
export {
  SHOPPER_LANGUAGES,
  pickShopperLanguage,
  customerLanguageOr,
  languagesFromAcceptLanguage,
  shopperLanguageFromAcceptLanguage,
  fillPlaceholders,
  type ShopperLanguage,
} from "./languages";
