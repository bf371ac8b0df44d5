// What a merchant sees when an admin screen breaks: what happened, what to try, and a reference id that
// matches the server log line (app/admin-route.server.ts). Never a stack trace.
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { BlockStack, Box, Card, Page, Text } from "@shopify/polaris";
import type { MerchantErrorBody } from "../admin-route.server";

function isMerchantErrorBody(data: unknown): data is MerchantErrorBody {
  return typeof data === "object" && data !== null && (data as { merchantError?: unknown }).merchantError === true;
}

export function AdminErrorPage({
  title,
  whatToTry,
  reference,
}: {
  title: string;
  whatToTry: string;
  reference?: string;
}) {
  return (
    <Page title={title}>
      <Card>
        <BlockStack gap="300">
          <Text as="p">{whatToTry}</Text>
          {reference ? (
            <Box>
              <Text as="p" tone="subdued">
                Reference:{" "}
                <Text as="span" fontWeight="semibold">
                  {reference}
                </Text>
              </Text>
            </Box>
          ) : null}
        </BlockStack>
      </Card>
    </Page>
  );
}

/**
 * The error boundary of the admin routes. Shopify's auth responses (the session-token bounce page, the
 * exit-iframe page) reach here as error responses and must be rendered as Shopify wrote them.
 */
export function AdminRouteErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    if (isMerchantErrorBody(error.data)) return <AdminErrorPage {...error.data} />;
    if (error.status === 404) {
      return (
        <AdminErrorPage
          title="Page not found"
          whatToTry="Check the address, or go back to the Kundröst home page from the menu."
        />
      );
    }
    return boundary.error(error);
  }
  // A rendering error in the browser: nothing was logged on the server, so no reference to give.
  return (
    <AdminErrorPage
      title="Something went wrong on this page"
      whatToTry="Reload the page. If it keeps happening, contact Kundröst support and tell them which page and what you clicked."
    />
  );
}
