// The shopper-facing words of the review page, in the shopper's language. Strings live in locales/*.json;
// this file only picks the catalogue and fills in {placeholders}. Safe to use in the browser.
import en from "./locales/en.json";
import sv from "./locales/sv.json";

export type ShopperMessages = typeof en;
export type ShopperMessageKey = keyof ShopperMessages;

// `satisfies` makes a missing Swedish key a type error instead of an English word on a Swedish page.
const catalogues = { en, sv } satisfies Record<string, ShopperMessages>;

export type ShopperLocale = keyof typeof catalogues;
export const SHOPPER_LOCALES = Object.keys(catalogues) as ShopperLocale[];
export const FALLBACK_SHOPPER_LOCALE: ShopperLocale = "en";

function supported(candidate: string | null | undefined): ShopperLocale | null {
  if (!candidate) return null;
  // Shopify sends "sv", "sv-SE" or "en-GB"; the catalogue is per language.
  const language = candidate.trim().toLowerCase().split(/[-_]/)[0];
  return (SHOPPER_LOCALES as string[]).includes(language) ? (language as ShopperLocale) : null;
}

/** The first supported language among the candidates (request, shop, browser...), else English. */
export function resolveShopperLocale(...candidates: Array<string | null | undefined>): ShopperLocale {
  for (const candidate of candidates) {
    const found = supported(candidate);
    if (found) return found;
  }
  return FALLBACK_SHOPPER_LOCALE;
}

/** Languages from an Accept-Language header, best first (for pages that know nothing about the shopper). */
export function languagesFromAcceptHeader(header: string | null): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { tag, q: q ? Number(q) : 1 };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((entry) => entry.tag);
}

export function shopperMessages(locale: ShopperLocale): ShopperMessages {
  return catalogues[locale];
}

export function formatMessage(
  messages: ShopperMessages,
  key: ShopperMessageKey,
  values: Record<string, string | number> = {},
): string {
  return messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
