import type { LinksFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches } from "@remix-run/react";

export const links: LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

// A page in the shopper's language (the review page) says so with `htmlLang` in its loader data, so screen
// readers and browsers (hyphenation, translation offers) treat Swedish as Swedish.
function useDocumentLanguage(): string {
  const matches = useMatches();
  for (let i = matches.length - 1; i >= 0; i -= 1) {
    const lang = (matches[i].data as { htmlLang?: unknown } | null | undefined)?.htmlLang;
    if (typeof lang === "string" && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang)) return lang;
  }
  return "en";
}

export default function App() {
  const lang = useDocumentLanguage();
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}
