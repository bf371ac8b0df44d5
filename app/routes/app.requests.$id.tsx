// One review request: who was asked about which products, where it stands, and everything that happened
// to it (its events and the emails sent), oldest first, in the shop's time zone.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Card, Divider, InlineGrid, InlineStack, Layout, Page, Text, Thumbnail } from "@shopify/polaris";
import { ImageIcon } from "@shopify/polaris-icons";
import { DateTime } from "luxon";
import { z } from "zod";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute, merchantNotFound } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { RequestStatusBadge } from "~/components/RequestStatusBadge";
import { loadReviewRequestDetail, shopTimeZone } from "~/modules/requests";

const RequestId = z.string().min(1).max(64);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export async function loader({ request, params }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const id = RequestId.safeParse(params.id);
    const detail = id.success ? await loadReviewRequestDetail(shop, id.data) : null;
    if (!detail) {
      throw merchantNotFound(
        "Review request not found",
        "It may belong to another shop or have been removed with the customer's data. Open it again from the Requests list.",
      );
    }
    const zone = await shopTimeZone(shop);
    const shown = (date: Date | null | undefined) =>
      date ? DateTime.fromJSDate(date, { zone }).toFormat("d LLL yyyy, HH:mm") : null;
    const shownValue = (value: string) => {
      if (!ISO_INSTANT.test(value)) return value;
      const parsed = DateTime.fromISO(value, { zone });
      return parsed.isValid ? parsed.toFormat("d LLL yyyy, HH:mm") : value;
    };
    return json({
      zone,
      request: {
        id: detail.id,
        status: detail.status,
        basis: detail.basis,
        locale: detail.locale,
        email: detail.email,
        postponeCount: detail.postponeCount,
        cancelReason: detail.cancelReason,
        lastError: detail.lastError,
        dates: {
          created: shown(detail.createdAt),
          sendAt: shown(detail.sendAt),
          sent: shown(detail.sentAt),
          reminderAt: shown(detail.reminderAt),
          reminded: shown(detail.remindedAt),
          reviewed: shown(detail.reviewedAt),
        },
      },
      order: detail.order
        ? {
            name: detail.order.name,
            placed: shown(detail.order.placedAt),
            fulfilled: shown(detail.order.fulfilledAt),
            delivered: shown(detail.order.deliveredAt),
            cancelled: shown(detail.order.cancelledAt),
          }
        : null,
      customer: detail.customer,
      items: detail.items.map((item) => ({ ...item, reviewedAt: shown(item.reviewedAt) })),
      timeline: detail.timeline.map((entry) => ({
        at: shown(entry.at),
        kind: entry.kind,
        type: entry.type,
        details: Object.entries(entry.details).map(([key, value]) => ({
          key,
          value: shownValue(value),
          // Codes like "past_due" read better with spaces; addresses and subjects are shown as written.
          kind: /^[a-z_, ]+$/.test(value) ? ("text" as const) : ("verbatim" as const),
        })),
      })),
    });
  });
}

const EVENT_LABELS: Record<string, string> = {
  scheduled: "Request scheduled",
  rescheduled: "Send date moved",
  items_changed: "Products in the request changed",
  deferred: "Held back (frequency cap or send window)",
  skipped: "Skipped",
  cancelled: "Cancelled",
  sent: "Request email sent",
  reminded: "Reminder sent",
  reminder_dropped: "Reminder dropped",
  send_failed: "Sending failed, will retry",
  send_unconfirmed: "Sent, but the mail server did not confirm",
  failed: "Failed",
  postponed: "Customer said the order has not arrived yet",
  stopped_after_postpones: "Stopped: postponed too many times",
  unsubscribed: "Customer unsubscribed",
  item_reviewed: "Product reviewed",
  reviewed: "Every product reviewed",
  made_due_now: "Made due now (demo control)",
};

const EMAIL_LABELS: Record<string, string> = {
  request: "Request email",
  reminder: "Reminder email",
  test: "Test email",
};

// EmailMessage.status: what the mail server said about the message itself.
const EMAIL_STATUS_LABELS: Record<string, string> = {
  sent: "accepted by the mail server",
  failed: "rejected by the mail server",
  pending: "waiting to be sent",
  sending: "being sent",
  unconfirmed: "sent, not confirmed by the mail server",
};

function timelineLabel(kind: string, type: string): string {
  if (kind === "event") return EVENT_LABELS[type] ?? humanize(type);
  const [emailKind, status = ""] = type.split("_");
  return `${EMAIL_LABELS[emailKind] ?? "Email"} ${EMAIL_STATUS_LABELS[status] ?? status}`.trim();
}

/** "sendAt" -> "Send at", "adjusted_by" -> "Adjusted by". */
function humanize(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/_/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

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

export default function RequestDetail() {
  const { request, order, customer, items, timeline, zone } = useLoaderData<typeof loader>();
  return (
    <Page
      backAction={{ content: "Requests", url: "/app/requests" }}
      title={order ? `Review request for ${order.name}` : "Review request"}
      titleMetadata={<RequestStatusBadge status={request.status} />}
      subtitle={`Times in ${zone}`}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Products asked about
                </Text>
                {items.length === 0 ? (
                  <Text as="p" tone="subdued">
                    No products: every product of the order was excluded, a gift card or free, or already reviewed.
                  </Text>
                ) : (
                  items.map((item) => (
                    <InlineStack key={item.productShopifyId} align="space-between" blockAlign="center" gap="300">
                      <InlineStack gap="300" blockAlign="center">
                        <Thumbnail source={item.imageUrl ?? ImageIcon} alt={item.title} size="small" />
                        <Text as="p" fontWeight="semibold">
                          {item.title}
                        </Text>
                      </InlineStack>
                      {item.reviewedAt ? <Badge tone="success">{`Reviewed ${item.reviewedAt}`}</Badge> : <Badge>Not reviewed</Badge>}
                    </InlineStack>
                  ))
                )}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Timeline
                </Text>
                {timeline.length === 0 ? (
                  <Text as="p" tone="subdued">
                    Nothing has happened to this request yet.
                  </Text>
                ) : (
                  timeline.map((entry, index) => (
                    <BlockStack key={`${entry.at}-${index}`} gap="100">
                      {index > 0 ? <Divider /> : null}
                      <InlineGrid columns={["oneThird", "twoThirds"]} gap="300">
                        <Text as="span" tone="subdued">
                          {entry.at}
                        </Text>
                        <BlockStack gap="050">
                          <Text as="span" fontWeight="semibold">
                            {timelineLabel(entry.kind, entry.type)}
                          </Text>
                          {entry.details.map((detail) => (
                            <Text as="span" variant="bodySm" tone="subdued" key={detail.key}>
                              {`${humanize(detail.key)}: ${detail.kind === "text" ? detail.value.replace(/_/g, " ") : detail.value}`}
                            </Text>
                          ))}
                        </BlockStack>
                      </InlineGrid>
                    </BlockStack>
                  ))
                )}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Customer
                </Text>
                <Text as="p">{customer?.name ?? "Name not known"}</Text>
                <Text as="p" tone="subdued">
                  {request.email ?? "No email address"}
                </Text>
                <Text as="p" tone="subdued">{`Email language: ${request.locale}`}</Text>
                {customer?.optedOut ? <Badge tone="warning">Unsubscribed from review emails</Badge> : null}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Dates
                </Text>
                <DateLine label="Order placed" value={order?.placed ?? null} />
                <DateLine label="Fulfilled" value={order?.fulfilled ?? null} />
                <DateLine label="Delivered" value={order?.delivered ?? null} />
                <DateLine label="Order cancelled" value={order?.cancelled ?? null} />
                <DateLine label={request.dates.sent ? "Planned send" : "Sends"} value={request.dates.sendAt} />
                <DateLine label="Sent" value={request.dates.sent} />
                <DateLine label="Reminder due" value={request.dates.reminded ? null : request.dates.reminderAt} />
                <DateLine label="Reminded" value={request.dates.reminded} />
                <DateLine label="Reviewed" value={request.dates.reviewed} />
                <Text as="p" variant="bodySm" tone="subdued">
                  {`Timed from the ${request.basis}${request.postponeCount > 0 ? `; postponed ${request.postponeCount}×` : ""}.`}
                </Text>
              </BlockStack>
            </Card>
            {request.cancelReason || request.lastError ? (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    Why it stopped
                  </Text>
                  {request.cancelReason ? <Text as="p">{request.cancelReason.replace(/_/g, " ")}</Text> : null}
                  {request.lastError ? (
                    <Text as="p" tone="critical">
                      {request.lastError}
                    </Text>
                  ) : null}
                </BlockStack>
              </Card>
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = AdminRouteErrorBoundary;
