// What every admin loader and action runs inside: Shopify's own responses (redirects to auth, the session
// token bounce, 401 retry headers) pass through untouched; anything else that breaks is logged with a
// reference id and turned into a 500 the error boundary can show a merchant without a stack trace.
import { randomBytes } from "node:crypto";
import { json } from "@remix-run/node";
import { loggerFor } from "./logger.server";

/** The body of an error response written for a merchant (see app/components/AdminErrorPage.tsx). */
export interface MerchantErrorBody {
  merchantError: true;
  title: string;
  whatToTry: string;
  reference?: string;
}

export function merchantNotFound(title: string, whatToTry: string): Response {
  const body: MerchantErrorBody = { merchantError: true, title, whatToTry };
  return json(body, { status: 404 });
}

/** A review id the shop has no review for (another shop's, deleted, made up): the same 404 on every review route. */
export function reviewNotFound(): Response {
  return merchantNotFound(
    "Review not found",
    "It may belong to another shop or have been removed with the customer's data. Open it again from the Reviews list.",
  );
}

export async function adminRoute<T>(request: Request, handler: () => Promise<T>): Promise<T> {
  try {
    return await handler();
  } catch (error) {
    if (error instanceof Response) throw error;
    const reference = randomBytes(5).toString("hex");
    const url = new URL(request.url);
    loggerFor({ requestId: reference, module: "admin" }).error(
      { err: error, method: request.method, path: url.pathname },
      "admin route failed",
    );
    const body: MerchantErrorBody = {
      merchantError: true,
      title: "This page could not be loaded",
      whatToTry: "Reload the page. If it keeps happening, contact Kundröst support and quote the reference below.",
      reference,
    };
    throw json(body, { status: 500 });
  }
}
