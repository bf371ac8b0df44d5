import { Writable } from "node:stream";
import type { ActionFunctionArgs, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
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

const ABORT_DELAY = 5_000;

export default async function handleRequest(
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
  return new Promise((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />,
      {
        // No screen defers data, so the whole page is ready as soon as its shell is: it is sent as one body.
        // Streaming it in React's 2 KB pieces through Node's and the web's streams cost more than rendering
        // (a Reviews page is some hundred pieces). A screen that defers data would stream from onShellReady.
        onAllReady: () => {
          const chunks: Buffer[] = [];
          const body = new Writable({
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk);
              done();
            },
            final(done) {
              responseHeaders.set("Content-Type", "text/html; charset=utf-8");
              resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
              done();
            },
          });
          pipe(body);
        },
        onShellError(error) {
          reject(error);
        },
        onError(error) {
          responseStatusCode = 500;
          logger.error({ err: error, path: pathname }, "page failed to render");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
