// /demo/outbox/:id: one captured email: the HTML as the customer sees it (in a sandboxed frame: no scripts,
// no access to this page), the plain-text part and the headers as sent.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Box, Card, DescriptionList, Tabs, Text } from "@shopify/polaris";
import { useState } from "react";
import { requireDemoMode } from "~/modules/demo";
import { getCapturedEmail } from "~/modules/mail";

export async function loader({ params }: LoaderFunctionArgs) {
  requireDemoMode();
  const email = params.id ? await getCapturedEmail(params.id) : null;
  if (!email) throw new Response("Not Found", { status: 404 });
  return json({ email });
}

const TABS = [
  { id: "html", content: "HTML" },
  { id: "text", content: "Text part" },
  { id: "headers", content: "Headers" },
];

export default function CapturedEmailView() {
  const { email } = useLoaderData<typeof loader>();
  const [tab, setTab] = useState(email.html ? 0 : 1);
  return (
    <Card>
      <BlockStack gap="300">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {email.subject || "(no subject)"}
          </Text>
          <Text as="p" tone="subdued">
            From {email.from} to {email.to}
          </Text>
        </BlockStack>
        <Tabs tabs={TABS} selected={tab} onSelect={setTab} />
        {tab === 0 ? (
          email.html ? (
            <iframe
              title={`Email: ${email.subject}`}
              src={`/demo/outbox/${email.id}/html`}
              sandbox="allow-popups allow-popups-to-escape-sandbox"
              style={{
                width: "100%",
                height: "70vh",
                border: "1px solid #e3e3e3",
                borderRadius: 8,
                background: "#fff",
              }}
            />
          ) : (
            <Text as="p" tone="subdued">
              This email has no HTML part.
            </Text>
          )
        ) : null}
        {tab === 1 ? (
          <Box padding="300" background="bg-surface-secondary" borderRadius="200">
            <pre style={{ whiteSpace: "pre-wrap", margin: 0, fontFamily: "ui-monospace, monospace", fontSize: 13 }}>
              {email.text ?? "(no text part)"}
            </pre>
          </Box>
        ) : null}
        {tab === 2 ? (
          <DescriptionList
            items={Object.entries(email.headers).map(([name, value]) => ({ term: name, description: value }))}
          />
        ) : null}
      </BlockStack>
    </Card>
  );
}
