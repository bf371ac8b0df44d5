// /demo/outbox: every email the local SMTP capture received, newest first; the selected one opens beside it.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Outlet, useLoaderData, useParams } from "@remix-run/react";
import { Badge, BlockStack, Card, EmptyState, Layout, Page, ResourceItem, ResourceList, Text } from "@shopify/polaris";
import { requireDemoMode } from "~/modules/demo";
import { listCapturedEmails } from "~/modules/mail";

export async function loader(_args: LoaderFunctionArgs) {
  requireDemoMode();
  return json({ emails: await listCapturedEmails({ limit: 200 }) });
}

const received = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Europe/Stockholm",
});

export default function Outbox() {
  const { emails } = useLoaderData<typeof loader>();
  const { id: selectedId } = useParams();
  return (
    <Page
      fullWidth
      title="Outbox"
      subtitle="Mail the app sent in demo mode, captured by the local SMTP server. Nothing left this machine."
      backAction={{ content: "Demo controls", url: "/demo" }}
    >
      <Layout>
        <Layout.Section variant="oneThird">
          <Card padding="0">
            {emails.length === 0 ? (
              <EmptyState heading="No mail yet" image="" action={{ content: "Demo controls", url: "/demo" }}>
                <p>Make scheduled requests due now on the demo controls page to send review-request emails.</p>
              </EmptyState>
            ) : (
              <ResourceList
                resourceName={{ singular: "email", plural: "emails" }}
                items={emails}
                renderItem={(email) => (
                  <ResourceItem
                    id={email.id}
                    url={`/demo/outbox/${email.id}`}
                    accessibilityLabel={`Open ${email.subject}`}
                  >
                    <BlockStack gap="100">
                      <Text
                        as="h3"
                        variant="bodyMd"
                        fontWeight={email.id === selectedId ? "bold" : "semibold"}
                        truncate
                      >
                        {email.subject || "(no subject)"}
                      </Text>
                      <Text as="p" tone="subdued" truncate>
                        {email.to}
                      </Text>
                      <Text as="p" tone="subdued" variant="bodySm">
                        {received.format(new Date(email.receivedAt))}
                        {email.id === selectedId ? " · open" : ""}
                      </Text>
                    </BlockStack>
                  </ResourceItem>
                )}
              />
            )}
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Outlet />
          {selectedId ? null : emails.length > 0 ? (
            <Card>
              <Text as="p" tone="subdued">
                Select an email to see it as the customer would, with its text part and headers.{" "}
                <Badge>{`${emails.length} captured`}</Badge>
              </Text>
            </Card>
          ) : null}
        </Layout.Section>
      </Layout>
    </Page>
  );
}
