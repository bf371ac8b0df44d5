// The detail screen's side cards: the customer, the dates that timed the request, and why it stopped.
import { Badge, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";

interface RequestView {
  status: string;
  basis: string;
  locale: string;
  email: string | null;
  postponeCount: number;
  cancelReason: string | null;
  cancelledByMerchant: boolean;
  lastError: string | null;
  dates: Record<"sendAt" | "sent" | "reminderAt" | "reminded" | "reviewed", string | null>;
}

interface OrderView {
  placed: string | null;
  fulfilled: string | null;
  delivered: string | null;
  cancelled: string | null;
}

const LANGUAGE_NAMES: Record<string, string> = { en: "English", sv: "Swedish" };

const BASIS_WORDS: Record<string, string> = {
  fulfillment: "fulfilment",
  delivery: "delivery",
  fallback: "fulfilment (no delivery date arrived)",
};

function DateLine({ label, value }: { label: string; value: string | null }) {
  if (!value) return null;
  return (
    <InlineStack align="space-between" gap="200" wrap={false}>
      <Text as="span" tone="subdued">
        {label}
      </Text>
      <Text as="span">{value}</Text>
    </InlineStack>
  );
}

export function CustomerCard(props: {
  request: RequestView;
  customer: { name: string | null; optedOut: boolean } | null;
}) {
  const { request, customer } = props;
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Customer
        </Text>
        <Text as="p">{customer?.name ?? "Name not known"}</Text>
        <Text as="p" tone="subdued">
          {request.email ?? "No email address"}
        </Text>
        <Text as="p" tone="subdued">{`Email language: ${LANGUAGE_NAMES[request.locale] ?? request.locale}`}</Text>
        {customer?.optedOut ? <Badge tone="warning">Unsubscribed from review emails</Badge> : null}
      </BlockStack>
    </Card>
  );
}

export function DatesCard({ request, order }: { request: RequestView; order: OrderView | null }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Dates
        </Text>
        <DateLine label="Order placed" value={order?.placed ?? null} />
        <DateLine label="Fulfilled" value={order?.fulfilled ?? null} />
        <DateLine label="Delivered" value={order?.delivered ?? null} />
        <DateLine label="Order cancelled" value={order?.cancelled ?? null} />
        {/* Once the email went out, its sent date is the truth; a plan is shown only while there is one. */}
        {request.dates.sent ? null : (
          <DateLine label={request.status === "scheduled" ? "Sends" : "Was due"} value={request.dates.sendAt} />
        )}
        <DateLine label="Sent" value={request.dates.sent} />
        <DateLine label="Reminder due" value={request.dates.reminded ? null : request.dates.reminderAt} />
        <DateLine label="Reminded" value={request.dates.reminded} />
        <DateLine label="Reviewed" value={request.dates.reviewed} />
        <Text as="p" variant="bodySm" tone="subdued">
          {`Timed from the ${BASIS_WORDS[request.basis] ?? request.basis}${request.postponeCount > 0 ? `; postponed ${request.postponeCount}×` : ""}.`}
        </Text>
      </BlockStack>
    </Card>
  );
}

export function WhyItStoppedCard({ request }: { request: RequestView }) {
  if (!request.cancelReason && !request.lastError) return null;
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Why it stopped
        </Text>
        {request.cancelledByMerchant ? (
          <Text as="p">
            {request.status === "cancelled" ? "Cancelled by the merchant" : "Reminder cancelled by the merchant"}
          </Text>
        ) : request.cancelReason ? (
          <Text as="p">{request.cancelReason.replace(/_/g, " ")}</Text>
        ) : null}
        {request.lastError ? (
          <Text as="p" tone="critical">
            {request.lastError}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}
