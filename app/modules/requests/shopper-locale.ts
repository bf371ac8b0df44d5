// The email and shopper pages speak the customer's language when the app speaks it; a customer whose language
// it does not speak (German, Norwegian...) or whose language is unknown gets the shop's chosen default language.
import { EMAIL_LOCALES, type EmailLocale } from "../settings";

function spoken(candidate: string | null | undefined): EmailLocale | null {
  const language = candidate?.trim().toLowerCase().split(/[-_]/)[0];
  return language && (EMAIL_LOCALES as readonly string[]).includes(language) ? (language as EmailLocale) : null;
}

/** The first candidate the app speaks, else English (for pages that know nothing but a browser's languages). */
export function pickEmailLocale(...candidates: Array<string | null | undefined>): EmailLocale {
  for (const candidate of candidates) {
    const found = spoken(candidate);
    if (found) return found;
  }
  return "en";
}

/**
 * The language of a customer's emails: the customer's own (their account's, else the order's) when the app
 * speaks it, otherwise the merchant's "Default language" setting. The shop's own language does not decide:
 * a German customer of a Swedish shop reads the default language, as the Settings screen promises.
 */
export function emailLocaleFor(
  customerLanguages: Array<string | null | undefined>,
  defaultLocale: EmailLocale,
): EmailLocale {
  const known = customerLanguages.find((candidate) => candidate && candidate.trim());
  return (known && spoken(known)) || defaultLocale;
}
