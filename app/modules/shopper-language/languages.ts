// Which language a shopper is addressed in (emails, the review page, the pages behind the email links): the
// first supported language among what we know (the customer's locale, the order's, the shop's, the browser's),
// else English. Safe to use in the browser.
export const SHOPPER_LANGUAGES = ["en", "sv"] as const;
export type ShopperLanguage = (typeof SHOPPER_LANGUAGES)[number];
const FALLBACK: ShopperLanguage = "en";

function supported(candidate: string | null | undefined): ShopperLanguage | null {
  // Shopify and browsers send "sv", "sv-SE", "en_GB"; our words are per language.
  const language = candidate?.trim().toLowerCase().split(/[-_]/)[0];
  return language && (SHOPPER_LANGUAGES as readonly string[]).includes(language) ? (language as ShopperLanguage) : null;
}

/** The first supported language among the candidates, best first; English when none is. */
export function pickShopperLanguage(...candidates: Array<string | null | undefined>): ShopperLanguage {
  for (const candidate of candidates) {
    const found = supported(candidate);
    if (found) return found;
  }
  return FALLBACK;
}

/**
 * The language of a customer's emails: the customer's own (their account's, else the order's) when the app
 * speaks it, otherwise the merchant's "Default language" setting. The shop's own language does not decide:
 * a German customer of a Swedish shop reads the default language, as the Settings screen promises.
 */
export function customerLanguageOr(
  customerLanguages: Array<string | null | undefined>,
  defaultLanguage: ShopperLanguage,
): ShopperLanguage {
  const known = customerLanguages.find((candidate) => candidate && candidate.trim());
  return (known && supported(known)) || defaultLanguage;
}

/**
 * The languages of an Accept-Language header, most preferred first: by q-value (default 1), then by their order
 * in the header; a language with q=0 is one the reader refuses. https://www.rfc-editor.org/rfc/rfc9110#name-accept-language
 */
export function languagesFromAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, position) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), position };
    })
    .filter((entry) => entry.tag !== "" && entry.tag !== "*" && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.position - b.position)
    .map((entry) => entry.tag);
}

/** The language for a page that knows nothing about the shopper but what their browser asks for. */
export function shopperLanguageFromAcceptLanguage(header: string | null | undefined): ShopperLanguage {
  return pickShopperLanguage(...languagesFromAcceptLanguage(header));
}

/** Fills {placeholders} in a translated text; the result is plain text (escape it where it goes into HTML). */
export function fillPlaceholders(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
