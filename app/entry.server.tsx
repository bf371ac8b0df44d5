import type { ActionFunctionArgs, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { isDemoMode } from "./config.server";
import { addDocumentResponseHeaders } from "./shopify.server";
import { logger } from "./logger.server";
import { adminContentSecurityPolicy, isAdminPath } from "./security-headers.server";

// Remix calls this for errors thrown in loaders and actions. Requests for pages that do not exist and
// requests the client gave up on are routine, not errors worth a stack in the log.
// A 4xx (Remix's 405 for a method a route does not take, a 400 for a bad request) is the client's mistake:
// one line at info level, not an error with a stack.
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs): void {
  if (request.signal.aborted) return;
  if (error instanceof Response) return;
  const path = new URL(request.url).pathname;
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 404) return;
  if (typeof status === "number" && status >= 400 && status < 500) {
    logger.info({ method: request.method, path, status }, "request refused");
    return;
  }
  logger.error({ err: error, method: request.method, path }, "Unhandled error in a loader or action");
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  addDocumentResponseHeaders(request, responseHeaders);
  const { pathname, searchParams } = new URL(request.url);
  if (isAdminPath(pathname)) {
    // Also without ?shop= (Shopify's helper then sends none): the shop of the authenticated session.
    const frame = remixContext.staticHandlerContext.loaderData?.["routes/app"] as { shop?: unknown } | undefined;
    const shop = searchParams.get("shop") ?? (typeof frame?.shop === "string" ? frame.shop : null);
    responseHeaders.set("Content-Security-Policy", adminContentSecurityPolicy({ demo: isDemoMode(), shop }));
  }
  // No screen defers data, so a page is complete once rendered: it is rendered to one string and sent as one body.
  // renderToString skips the stream's work (React's 2 KB chunks, each encoded to bytes and written through Node's
  // and the web's streams), about a tenth of a Reviews page's cost. A render error is thrown to Remix, which
  // renders the error boundary instead, as a shell error did. A screen that defers data would need the streaming
  // renderer (renderToPipeableStream, sending from onShellReady) back.
  // The body is handed over as UTF-8 bytes: given the string, the web Response checks all of it for lone
  // surrogates in JavaScript before encoding it (about a millisecond for a Reviews page's 190 KB); Node's encoder
  // does both in one native pass (a lone surrogate becomes U+FFFD either way).
  const html = renderToString(<RemixServer context={remixContext} url={request.url} />);
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(Buffer.from(`<!DOCTYPE html>${html}`, "utf8"), {
    headers: responseHeaders,
    status: responseStatusCode,
  });
}
