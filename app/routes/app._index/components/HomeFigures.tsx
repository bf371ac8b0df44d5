// The figures on the admin home. Reviews first: what came in and what waits for the merchant (reviews to
// decide, low-star reviews to answer), then the pipeline that brings them.
import { BlockStack, Button, Card, InlineGrid, InlineStack, Text } from "@shopify/polaris";
import type { ReactNode } from "react";

const whole = new Intl.NumberFormat("en-US");

export function formatWhole(value: number): string {
  return whole.format(value);
}

export function Figure({
  label,
  value,
  help,
  tone,
  action,
}: {
  label: string;
  value: string;
  help?: string;
  tone?: "critical" | "caution";
  action?: ReactNode;
}) {
  return (
    <BlockStack gap="100">
      <Text as="p" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <Text as="p" variant="heading2xl" tone={tone}>
        {value}
      </Text>
      {help ? (
        <Text as="p" variant="bodySm" tone="subdued">
          {help}
        </Text>
      ) : null}
      {action}
    </BlockStack>
  );
}

export interface HomeReviewFigures {
  total: number;
  published: number;
  pending: number;
  last30Days: number;
  averageRating: number | null;
  /** Whole days the oldest waiting review has waited; null when none waits. */
  oldestPendingDays: number | null;
  pendingOverAWeek: number;
  lowRatingUnanswered: number;
}

function waitedFor(days: number): string {
  if (days < 1) return "the oldest arrived today";
  return `the oldest has waited ${days} ${days === 1 ? "day" : "days"}`;
}

export function ReviewFiguresCard({ reviews }: { reviews: HomeReviewFigures }) {
  const average = reviews.averageRating === null ? "—" : `${reviews.averageRating.toFixed(1)}★`;
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Reviews
          </Text>
          <Button url="/app/reviews" variant="plain">
            View reviews
          </Button>
        </InlineStack>
        <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
          <Figure
            label="Reviews received"
            value={formatWhole(reviews.total)}
            help={`${formatWhole(reviews.last30Days)} in the last 30 days`}
          />
          <Figure
            label="Average rating"
            value={average}
            help={`Over ${formatWhole(reviews.published)} published ${reviews.published === 1 ? "review" : "reviews"}`}
          />
          <Figure
            label="Waiting for your decision"
            value={formatWhole(reviews.pending)}
            tone={reviews.pendingOverAWeek > 0 ? "caution" : undefined}
            help={
              reviews.oldestPendingDays === null
                ? "Nothing to decide"
                : `${waitedFor(reviews.oldestPendingDays)}${
                    reviews.pendingOverAWeek > 0 ? `; ${formatWhole(reviews.pendingOverAWeek)} over a week` : ""
                  }`
            }
            action={
              reviews.pending > 0 ? (
                <Button url="/app/reviews?status=pending" variant="plain">
                  Decide
                </Button>
              ) : undefined
            }
          />
          <Figure
            label="Low-star reviews to answer"
            value={formatWhole(reviews.lowRatingUnanswered)}
            tone={reviews.lowRatingUnanswered > 0 ? "critical" : undefined}
            help="1–2★ reviews you have not replied to or marked done (Follow-ups below)"
            action={
              reviews.lowRatingUnanswered > 0 ? (
                <Button url="/app/reviews?rating=1,2" variant="plain">
                  Answer
                </Button>
              ) : undefined
            }
          />
        </InlineGrid>
      </BlockStack>
    </Card>
  );
}

export interface HomeWebhookFigures {
  received: number;
  processed: number;
  failed: number;
  ignored: number;
  waiting: number;
}

/** "Webhooks processed 0" on a shop with orders looked broken: say what the figure counts. */
export function webhookHelp(webhooks: HomeWebhookFigures, ordersReceived: number): string {
  if (webhooks.received === 0) {
    return ordersReceived > 0
      ? "None yet. Order updates Shopify sends from now on are counted here; orders from before (or the demo's history) came without one."
      : "Order updates Shopify sends to the app are counted here.";
  }
  const parts = [`${formatWhole(webhooks.processed)} processed`];
  if (webhooks.waiting > 0) parts.push(`${formatWhole(webhooks.waiting)} waiting`);
  if (webhooks.ignored > 0) parts.push(`${formatWhole(webhooks.ignored)} skipped as out of date`);
  if (webhooks.failed > 0) parts.push(`${formatWhole(webhooks.failed)} failed`);
  return parts.join(" · ");
}
