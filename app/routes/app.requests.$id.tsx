// One review request: who was asked about which products, where it stands, and everything that happened
// to it (its events and the emails sent), oldest first, in the shop's time zone. The merchant can send it
// now, cancel it (or its pending reminder) and resume what they cancelled; the requests module decides what
// each action may do (merchant-actions.server.ts), this route explains the answer.
import { useEffect, useRef } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, InlineStack, Layout, Page, Text, Thumbnail } from "@shopify/polaris";
import { ImageIcon } from "@shopify/polaris-icons";
import { DateTime } from "luxon";
import { z } from "zod";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute, merchantNotFound } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { useAdminToast } from "~/components/AdminToast";
import { RequestStatusBadge, requestStatusLabel } from "~/components/RequestStatusBadge";
import { ProductLink } from "~/components/ProductLink";
import { RequestTimeline } from "~/components/requests/RequestTimeline";
import {
  loadReviewRequestDetail,
  MERCHANT_CANCEL_REASON,
  requestStory,
  runMerchantAction,
  shopTimeZone,
  STALE_AFTER_DAYS,
  type MerchantAction,
  type MerchantActionResult,
} from "~/modules/requests";
import { getSettings } from "~/modules/settings";

const RequestId = z.string().min(1).max(64);

function requestNotFound(): Response {
  return merchantNotFound(
    "Review request not found",
    "It may belong to another shop or have been removed with the customer's data. Open it again from the Requests list.",
  );
}

function formatHour(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const id = RequestId.safeParse(params.id);
    const detail = id.success ? await loadReviewRequestDetail(shop, id.data) : null;
    if (!detail) throw requestNotFound();
    const [zone, settings] = await Promise.all([shopTimeZone(shop), getSettings(shop)]);
    const shown = (date: Date | null | undefined) =>
      date ? DateTime.fromJSDate(date, { zone }).toFormat("d LLL yyyy, HH:mm") : null;
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
        cancelledByMerchant: detail.cancelReason === MERCHANT_CANCEL_REASON,
        lastError: detail.lastError,
        dates: {
          created: shown(detail.createdAt),
          sendAt: shown(detail.sendAt),
          sent: shown(detail.sentAt),
          reminderAt: shown(detail.reminderAt),
          reminded: shown(detail.remindedAt),
          reviewed: shown(detail.reviewedAt),
          sendNowRequested: shown(detail.sendNowRequestedAt),
        },
      },
      actions: detail.actions,
      // What "Send now" does not wait for, in the shop's own terms (Settings).
      sendWindow: `${formatHour(settings.sendWindowStartHour)}–${formatHour(settings.sendWindowEndHour)}`,
      frequencyCapDays: settings.frequencyCapDays,
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
      timeline: requestStory({ events: detail.events, emails: detail.emails, formatDate: (at) => shown(at) ?? "" }).map(
        (entry) => ({
          ...entry,
          at: shown(entry.at) ?? "",
        }),
      ),
    });
  });
}

const ActionInput = z.object({ intent: z.enum(["send-now", "cancel", "resume"]) });

const INTENT_ACTIONS: Record<z.infer<typeof ActionInput>["intent"], MerchantAction> = {
  "send-now": "send_now",
  cancel: "cancel",
  resume: "resume",
};

type ActionResult = { ok: true; message: string } | { ok: false; message: string };

/** Why nothing was changed, for the merchant (a Polaris banner shows it). */
const REFUSALS: Record<
  Exclude<Extract<MerchantActionResult, { ok: false }>["reason"], "not_found" | "wrong_status">,
  string
> = {
  in_progress:
    "Kundröst is sending or re-checking this request right now. Reload the page in a minute to see what happened.",
  order_removed:
    "The order is no longer in Kundröst (it was deleted or its data removed), so nothing can be sent for it.",
  order_cancelled: "The order was cancelled, so it no longer qualifies for a review request.",
  order_refunded: "The order was refunded in full, so it no longer qualifies for a review request.",
  reviewed: "Every product in this request has already been reviewed.",
  review_received: "A review already came back for this request, so no reminder is sent.",
  no_email: "There is no email address for this customer.",
  opted_out:
    "This customer unsubscribed from review requests. Kundröst never emails a customer who opted out, not even when you ask.",
  not_fulfilled: "The order has not been fulfilled yet, so there is nothing to ask about.",
  nothing_to_review:
    "None of the order's products can be reviewed any more (excluded, refunded, free, a gift card, or already reviewed).",
  too_late: `The moment to ask passed more than ${STALE_AFTER_DAYS} days ago; a request this late would do more harm than good.`,
  reminders_off: "Reminders are turned off in Settings, so there is no reminder to resume.",
};

function wrongStatusMessage(action: MerchantAction, status: string, cancelReason: string | null): string {
  const label = requestStatusLabel(status).toLowerCase();
  if (action === "send_now") {
    return `Only a scheduled request can be sent now. This one is ${label}.`;
  }
  if (action === "cancel") {
    if (status === "cancelled") return "This request is already cancelled.";
    if (status === "sent" && cancelReason === MERCHANT_CANCEL_REASON)
      return "The reminder of this request is already cancelled.";
    return `Nothing is waiting to be sent for this request (it is ${label}), so there is nothing to cancel.`;
  }
  if (status === "scheduled") return "This request is already scheduled.";
  return status === "cancelled"
    ? `Only a request you cancelled here can be resumed. This one stopped because: ${(cancelReason ?? "unknown").replace(/_/g, " ")}.`
    : `Only a request you cancelled here can be resumed. This one is ${label}.`;
}

export async function action({ request, params }: ActionFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const id = RequestId.safeParse(params.id);
    if (!id.success) throw requestNotFound();
    const parsed = ActionInput.safeParse(Object.fromEntries(await request.formData()));
    if (!parsed.success) {
      return json<ActionResult>(
        { ok: false, message: "That action is not available here. Reload the page and try again." },
        { status: 400 },
      );
    }
    const merchantAction = INTENT_ACTIONS[parsed.data.intent];
    const result = await runMerchantAction(merchantAction, { shop, requestId: id.data });
    if (!result.ok) {
      if (result.reason === "not_found") throw requestNotFound();
      const message =
        result.reason === "wrong_status"
          ? wrongStatusMessage(merchantAction, result.status, result.cancelReason)
          : REFUSALS[result.reason];
      return json<ActionResult>({ ok: false, message }, { status: 409 });
    }
    if (result.action === "send_now") {
      return json<ActionResult>({
        ok: true,
        message: result.alreadyRequested ? "Already queued to send now" : "Queued to send now",
      });
    }
    if (result.action === "cancel") {
      return json<ActionResult>({
        ok: true,
        message: result.stopped === "request" ? "Request cancelled" : "Reminder cancelled",
      });
    }
    const when = DateTime.fromJSDate(result.at, { zone: await shopTimeZone(shop) }).toFormat("d LLL yyyy, HH:mm");
    return json<ActionResult>({
      ok: true,
      message: `${result.email === "request" ? "Request" : "Reminder"} resumed: sends ${when}`,
    });
  });
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

function RequestActions() {
  const { request, actions, sendWindow, frequencyCapDays } = useLoaderData<typeof loader>();
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
                ? `Queued to send now (asked ${request.dates.sendNowRequested}); it goes out with the next dispatch, within about a minute.`
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
            label={request.status === "sent" ? "Resume reminder" : "Resume request"}
            explanation={
              request.status === "sent"
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

export default function RequestDetail() {
  const { request, order, customer, items, timeline, zone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const showToast = useAdminToast();
  // Each answer of the action is announced once: a toast when it worked, a banner when nothing changed.
  const announced = useRef<unknown>(null);
  useEffect(() => {
    if (!result || announced.current === result) return;
    announced.current = result;
    if (result.ok) showToast(result.message);
  }, [result, showToast]);
  const refusal = result && !result.ok ? result.message : null;
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
            {refusal ? (
              <Banner tone="critical" title="Nothing was changed">
                <Text as="p">{refusal}</Text>
              </Banner>
            ) : null}
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
                          <ProductLink productShopifyId={item.productShopifyId}>{item.title}</ProductLink>
                        </Text>
                      </InlineStack>
                      {item.reviewedAt ? (
                        <Badge tone="success">{`Reviewed ${item.reviewedAt}`}</Badge>
                      ) : (
                        <Badge>Not reviewed</Badge>
                      )}
                    </InlineStack>
                  ))
                )}
              </BlockStack>
            </Card>
            <RequestTimeline entries={timeline} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <RequestActions />
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Customer
                </Text>
                <Text as="p">{customer?.name ?? "Name not known"}</Text>
                <Text as="p" tone="subdued">
                  {request.email ?? "No email address"}
                </Text>
                <Text
                  as="p"
                  tone="subdued"
                >{`Email language: ${request.locale === "sv" ? "Swedish" : "English"}`}</Text>
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
                {/* Once the email went out, its sent date is the truth; a plan is shown only while there is one. */}
                {request.dates.sent ? null : (
                  <DateLine label={request.status === "scheduled" ? "Sends" : "Was due"} value={request.dates.sendAt} />
                )}
                <DateLine label="Sent" value={request.dates.sent} />
                <DateLine label="Reminder due" value={request.dates.reminded ? null : request.dates.reminderAt} />
                <DateLine label="Reminded" value={request.dates.reminded} />
                <DateLine label="Reviewed" value={request.dates.reviewed} />
                <Text as="p" variant="bodySm" tone="subdued">
                  {`Timed from the ${request.basis === "fallback" ? "fulfilment (no delivery date arrived)" : request.basis === "delivery" ? "delivery" : "fulfilment"}${request.postponeCount > 0 ? `; postponed ${request.postponeCount}×` : ""}.`}
                </Text>
              </BlockStack>
            </Card>
            {request.cancelReason || request.lastError ? (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    Why it stopped
                  </Text>
                  {request.cancelledByMerchant ? (
                    <Text as="p">
                      {request.status === "cancelled"
                        ? "Cancelled by the merchant"
                        : "Reminder cancelled by the merchant"}
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
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = AdminRouteErrorBoundary;
