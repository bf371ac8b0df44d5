// What the shopper pages behind the email links (/r/<token>/unsubscribe, /r/<token>/not-arrived) need to
// say, in the shopper's language, without the routes knowing any rule.
import type { EmailLocale } from "../../settings";
import { fillPlaceholders } from "../../shopper-language";
import { shopperStrings } from "../email/strings";
import type { RequestLinkProblem } from "./request-links.server";

export const SHOPPER_PAGE_HEADERS = {
  // The token is a bearer credential: keep it out of caches, search engines and Referer headers.
  "Cache-Control": "private, no-store",
  "Referrer-Policy": "same-origin",
  "X-Robots-Tag": "noindex, nofollow",
} as const;

export function statusForProblem(problem: RequestLinkProblem): number {
  return problem === "expired" || problem === "cancelled" ? 410 : problem === "not_found" ? 404 : 400;
}

/** With no request to go by, the browser's Accept-Language decides. */
export function pageStrings(locale: EmailLocale, shopName: string) {
  const pages = shopperStrings(locale).pages;
  return Object.fromEntries(
    Object.entries(pages).map(([key, value]) => [key, fillPlaceholders(value, { shop: shopName })]),
  ) as typeof pages;
}

export function formatAskAgainDate(at: Date, locale: EmailLocale, timezone: string): string {
  return new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", { dateStyle: "long", timeZone: timezone }).format(
    at,
  );
}
