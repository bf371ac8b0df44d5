// Privacy exports: what Kundröst holds about a customer, gathered when Shopify sends customers/data_request,
// for the merchant to download and hand to the customer.
// https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance#customers-data_request
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Banner, Card, EmptyState, IndexTable, Layout, Page, Text } from "@shopify/polaris";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute } from "~/admin-route.server";
import { listDataExports } from "~/modules/privacy";
import { FetchDownloadButton } from "~/components/FetchDownloadButton";

export async function loader({ request }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const exports = await listDataExports(shop);
    return json({
      exports: exports.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
    });
  });
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}

function DownloadButton({ id }: { id: string }) {
  return (
    <FetchDownloadButton
      href={`/app/privacy/${id}/download`}
      label="Download"
      fallbackName={`${id}.json`}
      accessibilityLabel="Download this export as JSON"
    />
  );
}

export default function PrivacyExports() {
  const { exports } = useLoaderData<typeof loader>();
  return (
    <Page title="Privacy exports" subtitle="Customer data requests received from Shopify">
      <Layout>
        <Layout.Section>
          <Banner tone="info">
            When a customer asks your store for their data, Shopify tells Kundröst and an export appears here within
            minutes: their orders, review requests, emails, reviews, photos and loyalty points. Send the file to the
            customer; Shopify expects a reply within 30 days.
          </Banner>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            {exports.length === 0 ? (
              <EmptyState heading="No data requests yet" image="">
                <p>
                  Exports appear here when a customer requests their data through your Shopify admin (Customers →
                  Request customer data).
                </p>
              </EmptyState>
            ) : (
              <IndexTable
                resourceName={{ singular: "export", plural: "exports" }}
                itemCount={exports.length}
                selectable={false}
                headings={[
                  { title: "Received" },
                  { title: "Customer" },
                  { title: "Shopify request" },
                  { title: "Size" },
                  { title: "" },
                ]}
              >
                {exports.map((e, index) => (
                  <IndexTable.Row id={e.id} key={e.id} position={index}>
                    <IndexTable.Cell>{new Date(e.createdAt).toLocaleString()}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span">
                        {e.customerEmail ??
                          (e.customerShopifyId ? `Customer ${e.customerShopifyId}` : "Unknown customer")}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{e.dataRequestId ?? "—"}</IndexTable.Cell>
                    <IndexTable.Cell>{formatBytes(e.bytes)}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <DownloadButton id={e.id} />
                    </IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            )}
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
