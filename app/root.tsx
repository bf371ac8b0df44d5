import type { LinksFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteError,
} from "@remix-run/react";

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

// What anyone sees when a page without its own error boundary fails: a plain message, never the error, its
// stack or a file path (Remix's default boundary prints them, and logs the raw error, path and all, to the
// console). The server log has the details, with secrets redacted.
export function ErrorBoundary() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const title = notFound ? "This page does not exist" : "Something went wrong";
  const body = notFound ? "Check the address, or use the link from your email again." : "Please try again in a moment.";
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{title}</title>
      </head>
      <body
        style={{
          fontFamily: "system-ui, sans-serif",
          maxWidth: "32rem",
          margin: "4rem auto",
          padding: "0 1rem",
          color: "#1a1a1a",
        }}
      >
        <h1 style={{ fontSize: "1.5rem" }}>{title}</h1>
        <p>{body}</p>
        <Scripts />
      </body>
    </html>
  );
}
