// The email and shopper pages speak the customer's language when we have it: the customer's locale, then the
// order's, then the shop's primary locale, then the shop's chosen default, then English.
import { EMAIL_LOCALES, type EmailLocale } from "../settings";

export function pickEmailLocale(...candidates: Array<string | null | undefined>): EmailLocale {
  for (const candidate of candidates) {
    const language = candidate?.trim().toLowerCase().split(/[-_]/)[0];
    if (language && (EMAIL_LOCALES as readonly string[]).includes(language)) return language as EmailLocale;
  }
  return "en";
}
