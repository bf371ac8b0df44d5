// Shopify's auth endpoints under /auth (the session-token bounce page, exit-iframe, and OAuth callbacks for
// non-embedded installs). authenticate.admin answers them itself by throwing the right response.
// https://shopify.dev/docs/api/shopify-app-remix/latest/authenticate/admin
import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { boundary } from "@shopify/shopify-app-remix/server";
import { authenticate } from "~/shopify.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.admin(request);
  return null;
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
