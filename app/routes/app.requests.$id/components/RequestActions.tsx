// The detail screen's action card: each merchant action the requests module offers for this request, what it
// does in the shop's own terms, and its button.
import { Form, useNavigation } from "@remix-run/react";
import { BlockStack, Button, Card, Text } from "@shopify/polaris";
import type { MerchantActions } from "~/modules/requests";

export function RequestActions(props: {
  actions: MerchantActions;
  status: string;
  sendNowRequested: string | null;
  sendWindow: string;
  frequencyCapDays: number;
}) {
  const { actions, status, sendNowRequested, sendWindow, frequencyCapDays } = props;
  const navigation = useNavigation();
  const busyIntent = navigation.state !== "idle" ? navigation.formData?.get("intent") : null;
  if (!actions.sendNow && !actions.cancel && !actions.resume) return null;
  const capText =
    frequencyCapDays > 0 ? ` and even if this customer got a review request in the last ${frequencyCapDays} days` : "";
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Actions
        </Text>
        {actions.sendNow ? (
          <ActionForm
            intent="send-now"
            busyIntent={busyIntent}
            label="Send now"
            variant="primary"
            disabled={actions.sendNowPending}
            note={
              actions.sendNowPending
                ? `Queued to send now (asked ${sendNowRequested}); it goes out with the next dispatch, within about a minute.`
                : null
            }
            explanation={`Send now sends this request within about a minute, even outside your send window (${sendWindow})${capText}. It is still never sent to a customer who unsubscribed, or for an order that was cancelled or refunded, and never twice.`}
          />
        ) : null}
        {actions.cancel ? (
          <ActionForm
            intent="cancel"
            busyIntent={busyIntent}
            label={actions.cancel === "request" ? "Cancel request" : "Cancel reminder"}
            tone="critical"
            explanation={
              actions.cancel === "request"
                ? "Cancel: nothing is sent for this order. You can resume it later while the order still qualifies."
                : "Cancel the reminder: no reminder is sent. The review link in the email already sent keeps working."
            }
          />
        ) : null}
        {actions.resume ? (
          <ActionForm
            intent="resume"
            busyIntent={busyIntent}
            label={status === "sent" ? "Resume reminder" : "Resume request"}
            explanation={
              status === "sent"
                ? "Resume the reminder: it is sent on the day your settings give, or in the next send window if that day has passed. Not if a review came back, the customer unsubscribed, or the order was cancelled or refunded."
                : "Resume: the request is scheduled again, its send date worked out from your current settings. Only while the order still qualifies: not cancelled or refunded, and the customer has not unsubscribed."
            }
          />
        ) : null}
      </BlockStack>
    </Card>
  );
}

/** One merchant action: what it does, then its button posting `intent`. */
function ActionForm(props: {
  intent: string;
  busyIntent: FormDataEntryValue | null | undefined;
  label: string;
  explanation: string;
  note?: string | null;
  variant?: "primary";
  tone?: "critical";
  disabled?: boolean;
}) {
  return (
    <BlockStack gap="200">
      {props.note ? <Text as="p">{props.note}</Text> : null}
      <Text as="p" tone="subdued">
        {props.explanation}
      </Text>
      <Form method="post">
        <input type="hidden" name="intent" value={props.intent} />
        <Button
          submit
          variant={props.variant}
          tone={props.tone}
          loading={props.busyIntent === props.intent}
          disabled={props.disabled}
        >
          {props.label}
        </Button>
      </Form>
    </BlockStack>
  );
}
