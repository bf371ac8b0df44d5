// One review request: who was asked about which products, where it stands, and everything that happened
// to it (its events and the emails sent), oldest first, in the shop's time zone. The merchant can send it
// now, cancel it (or its pending reminder) and resume what they cancelled; the requests module decides what
// each action may do and answers with a code (merchant-actions.server.ts), which copy.ts puts into words.
import { useEffect, useRef } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Card, InlineStack, Page, Text, Thumbnail } from "@shopify/polaris";
import { MainAndSide } from "~/components/MainAndSide";
import { ImageIcon } from "@shopify/polaris-icons";
import { z } from "zod";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute, merchantNotFound } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { useAdminToast } from "~/components/AdminToast";
import { ProductLink } from "~/components/ProductLink";
import { RequestStatusBadge } from "~/components/RequestStatusBadge";
import {
  loadReviewRequestDetail,
  MERCHANT_CANCEL_REASON,
  requestStory,
  runMerchantAction,
  type MerchantAction,
} from "~/modules/requests";
import { getSettings } from "~/modules/settings";
import { formatShopDateTime, shopTimeZone } from "~/modules/shops";
import { RequestActions } from "./components/RequestActions";
import { CustomerCard, DatesCard, WhyItStoppedCard } from "./components/RequestFacts";
import { RequestTimeline } from "./components/RequestTimeline";
import { refusalMessage } from "./copy";

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
    const shown = (date: Date | null | undefined) => (date ? formatShopDateTime(date, zone) : null);
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
      // The story in order, in words (requests/admin/request-story.ts), with its dates in the shop's time zone.
      timeline: requestStory({
        events: detail.events,
        emails: detail.emails,
        formatDate: (at) => formatShopDateTime(at, zone),
      }).map((entry) => ({ ...entry, at: formatShopDateTime(entry.at, zone) })),
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
    const result = await runMerchantAction(INTENT_ACTIONS[parsed.data.intent], { shop, requestId: id.data });
    if (!result.ok) {
      if (result.reason === "not_found") throw requestNotFound();
      return json<ActionResult>({ ok: false, message: refusalMessage(result) }, { status: 409 });
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
    const when = formatShopDateTime(result.at, await shopTimeZone(shop));
    return json<ActionResult>({
      ok: true,
      message: `${result.email === "request" ? "Request" : "Reminder"} resumed: sends ${when}`,
    });
  });
}

export default function RequestDetail() {
  const { request, order, customer, items, timeline, zone, actions, sendWindow, frequencyCapDays } =
    useLoaderData<typeof loader>();
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
      <MainAndSide
        main={
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
        }
        side={
          <BlockStack gap="400">
            <RequestActions
              actions={actions}
              status={request.status}
              sendNowRequested={request.dates.sendNowRequested}
              sendWindow={sendWindow}
              frequencyCapDays={frequencyCapDays}
            />
            <CustomerCard request={request} customer={customer} />
            <DatesCard request={request} order={order} />
            <WhyItStoppedCard request={request} />
          </BlockStack>
        }
      />
    </Page>
  );
}

export const ErrorBoundary = AdminRouteErrorBoundary;
