// The admin home: the figures merchants watch (reviews received, average rating, reviews waiting for a
// decision, low-star reviews to answer; requests sent, review rate, days from delivery to review) and whether
// the pipeline behind them is healthy (orders in, webhook deliveries received and processed, jobs).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Box, Button, Card, InlineGrid, InlineStack, Layout, List, Page, Text } from "@shopify/polaris";
import { Figure, formatWhole, ReviewFiguresCard, webhookHelp } from "./components/HomeFigures";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { shopOverview, type ShopOverview } from "~/modules/dashboard";
import { listOpenFollowUpTasks } from "~/modules/reviews";
import { FollowUpTasksCard } from "~/components/reviews/FollowUpTasksCard";

export async function loader({ request }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const [overview, followUps] = await Promise.all([shopOverview(shop), listOpenFollowUpTasks(shop, { limit: 8 })]);
    const { oldestPendingAt, ...reviews } = overview.reviews;
    const oldestPendingDays = oldestPendingAt
      ? Math.floor((Date.now() - oldestPendingAt.getTime()) / 86_400_000)
      : null;
    return json({ overview: { ...overview, reviews: { ...reviews, oldestPendingDays } }, followUps });
  });
}

function RequestFiguresCard({ requests }: { requests: ShopOverview["requests"] }) {
  const rate = requests.reviewRate === null ? "—" : `${(requests.reviewRate * 100).toFixed(1)}%`;
  const median =
    requests.medianDaysDeliveryToReview === null
      ? "—"
      : `${requests.medianDaysDeliveryToReview} ${requests.medianDaysDeliveryToReview === 1 ? "day" : "days"}`;
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Review requests
          </Text>
          <Button url="/app/requests" variant="plain">
            View requests
          </Button>
        </InlineStack>
        <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
          <Figure label="Requests sent" value={formatWhole(requests.sent)} />
          <Figure
            label="Review rate"
            value={rate}
            help={`${formatWhole(requests.reviewed)} of the sent requests got a review`}
          />
          <Figure label="Median time from delivery to review" value={median} help="Over reviews of delivered orders" />
          <Figure label="Scheduled" value={formatWhole(requests.scheduled)} help="Waiting for their send date" />
        </InlineGrid>
      </BlockStack>
    </Card>
  );
}

function PipelineCard({ overview }: { overview: Pick<ShopOverview, "webhooks" | "jobs" | "ordersReceived"> }) {
  const { webhooks, jobs } = overview;
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Data from Shopify
        </Text>
        <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
          <Figure label="Orders received" value={formatWhole(overview.ordersReceived)} />
          <Figure
            label="Webhook deliveries received"
            value={formatWhole(webhooks.received)}
            tone={webhooks.failed > 0 ? "critical" : undefined}
            help={webhookHelp(webhooks, overview.ordersReceived)}
          />
          <Figure label="Jobs pending" value={formatWhole(jobs.pending)} help="Queued or running now" />
          <Figure
            label="Jobs failed"
            value={formatWhole(jobs.failed)}
            tone={jobs.failed > 0 ? "critical" : undefined}
            help={jobs.failed > 0 ? "Gave up after every retry; the details are in the logs" : "None"}
          />
        </InlineGrid>
      </BlockStack>
    </Card>
  );
}

function FirstSteps() {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Waiting for your first order
        </Text>
        <Text as="p">
          Kundröst asks for a review after an order reaches your customer. Nothing has arrived from your shop yet.
        </Text>
        <List type="number">
          <List.Item>
            Check when and how often customers are asked in Settings (the defaults suit most shops).
          </List.Item>
          <List.Item>
            Fulfil an order in Shopify. Kundröst schedules its review request and shows it under Requests.
          </List.Item>
          <List.Item>When the request is sent, replies and the review rate appear on this page.</List.Item>
        </List>
        <Box>
          <Button url="/app/settings" variant="primary">
            Review settings
          </Button>
        </Box>
      </BlockStack>
    </Card>
  );
}

export default function Home() {
  const { overview, followUps } = useLoaderData<typeof loader>();
  return (
    <Page title="Kundröst">
      <Layout>
        {overview.isNewShop ? (
          <Layout.Section>
            <FirstSteps />
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <ReviewFiguresCard reviews={overview.reviews} />
        </Layout.Section>
        <Layout.Section>
          <RequestFiguresCard requests={overview.requests} />
        </Layout.Section>
        <Layout.Section>
          <FollowUpTasksCard tasks={followUps.tasks} total={followUps.total} />
        </Layout.Section>
        <Layout.Section>
          <PipelineCard overview={overview} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = AdminRouteErrorBoundary;
