// Every topic with its mentions and sentiment; a row opens the drill-down.
import { Badge, BlockStack, Box, Card, DataTable, EmptyState, InlineStack, Link, Text } from "@shopify/polaris";
import { SentimentBar } from "~/components/insights/SentimentBar";
import { type PageData, useFilterUpdate, whole } from "../page-data";

export function TopicsTable({ overview, filters }: { overview: PageData["overview"]; filters: PageData["filters"] }) {
  const update = useFilterUpdate();
  if (overview.topics.length === 0) {
    return (
      <Card>
        <EmptyState heading="No topics in this view" image="">
          <p>No analysed review mentions a topic with these filters. Widen the date range or clear a filter.</p>
        </EmptyState>
      </Card>
    );
  }
  const rows = overview.topics.map((topic) => [
    <InlineStack key="label" gap="200" blockAlign="center" wrap={false}>
      <Link
        monochrome={filters.topic !== topic.key}
        removeUnderline={filters.topic !== topic.key}
        onClick={() => update({ topic: topic.key, sentiment: null })}
        accessibilityLabel={`Show reviews that mention ${topic.label}`}
      >
        {topic.label}
      </Link>
      {topic.custom ? <Badge size="small">Custom</Badge> : null}
    </InlineStack>,
    whole.format(topic.total),
    whole.format(topic.positive),
    whole.format(topic.negative),
    whole.format(topic.neutral),
    <SentimentBar key="bar" positive={topic.positive} negative={topic.negative} neutral={topic.neutral} />,
  ]);
  return (
    <Card padding="0">
      <Box padding="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            Topics
          </Text>
          <Text as="p" variant="bodySm" tone="subdued">
            Choose a topic to see its trend and the reviews behind it.
          </Text>
        </BlockStack>
      </Box>
      <DataTable
        columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "text"]}
        headings={["Topic", "Mentions", "Positive", "Negative", "Neutral", "Positive / negative"]}
        rows={rows}
      />
    </Card>
  );
}
