// Who gets the digest: addresses the merchant invites, each confirmed by its owner from the invitation email
// (until then it gets nothing), removable here and unsubscribable from every digest.
import { useState } from "react";
import type { SerializeFrom } from "@remix-run/node";
import { useNavigation, useSubmit } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import type { loader } from "../route";

type Setup = SerializeFrom<typeof loader>["setup"];

const STATUS = {
  confirmed: { tone: "success", label: "Confirmed" },
  pending: { tone: "attention", label: "Waiting for confirmation" },
  unsubscribed: { tone: undefined, label: "Unsubscribed" },
} as const;

export function Recipients(props: { setup: Setup; maxRecipients: number; fieldErrors: Record<string, string> }) {
  const submit = useSubmit();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" ? navigation.formData?.get("intent") : null;
  const [email, setEmail] = useState("");
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Who gets it
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          {`Up to ${props.maxRecipients} addresses. Each gets an invitation and receives digests only after confirming it.`}
        </Text>
        {props.setup.recipients.map((recipient) => (
          <InlineStack key={recipient.email} align="space-between" blockAlign="center" wrap={false} gap="200">
            <BlockStack gap="050">
              <Text as="span" breakWord>
                {recipient.email}
              </Text>
              <InlineStack gap="100">
                <Badge tone={STATUS[recipient.status].tone}>{STATUS[recipient.status].label}</Badge>
              </InlineStack>
            </BlockStack>
            <Button
              variant="plain"
              tone="critical"
              accessibilityLabel={`Remove ${recipient.email}`}
              onClick={() => submit({ intent: "remove", email: recipient.email }, { method: "post" })}
            >
              Remove
            </Button>
          </InlineStack>
        ))}
        <TextField
          label="Add an address"
          type="email"
          autoComplete="email"
          value={email}
          onChange={setEmail}
          error={props.fieldErrors.email}
          connectedRight={
            <Button loading={busy === "invite"} onClick={() => submit({ intent: "invite", email }, { method: "post" })}>
              Invite
            </Button>
          }
        />
      </BlockStack>
    </Card>
  );
}
