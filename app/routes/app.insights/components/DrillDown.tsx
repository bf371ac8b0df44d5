// The reviews behind a topic, with the evidence marked, newest first.
import { Link as RemixLink } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, Divider, InlineStack, Tabs, Text } from "@shopify/polaris";
import { TopicTrend } from "~/components/insights/ClientOnlyCharts";
import { EvidenceSnippet } from "~/components/insights/EvidenceSnippet";
import { LANGUAGE_NAMES, type PageData, useFilterUpdate } from "../page-data";

const SENTIMENT_TABS = [
  { id: "all", content: "All", sentiment: null },
  { id: "negative", content: "Negative", sentiment: "negative" },
  { id: "positive", content: "Positive", sentiment: "positive" },
  { id: "neutral", content: "Neutral", sentiment: "neutral" },
] as const;

export function DrillDown({ data }: { data: PageData }) {
  const update = useFilterUpdate();
  const { drillDown, filters, overview } = data;
  if (!drillDown) return null;
  const topic = overview.topics.find((candidate) => candidate.key === drillDown.topic);
  const label =
    topic?.label ?? data.customTopics.find((custom) => custom.key === drillDown.topic)?.label ?? drillDown.topic;
  const selected = Math.max(
    0,
    SENTIMENT_TABS.findIndex((tab) => tab.sentiment === filters.sentiment),
  );
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Reviews mentioning {label}
          </Text>
          <Button variant="plain" onClick={() => update({ topic: null, sentiment: null })}>
            Close
          </Button>
        </InlineStack>
        {topic ? <TopicTrend label={label} weeks={topic.trend} /> : null}
        <Tabs
          tabs={SENTIMENT_TABS.map(({ id, content }) => ({ id, content }))}
          selected={selected}
          onSelect={(index) => update({ sentiment: SENTIMENT_TABS[index].sentiment })}
        />
        {drillDown.snippets.length === 0 ? (
          <Text as="p" tone="subdued">
            No reviews with these filters.
          </Text>
        ) : (
          <BlockStack gap="300">
            {drillDown.snippets.map((snippet) => (
              <BlockStack key={snippet.mentionId} gap="150">
                <InlineStack gap="200" blockAlign="center">
                  <Badge
                    tone={
                      snippet.sentiment === "positive"
                        ? "success"
                        : snippet.sentiment === "negative"
                          ? "critical"
                          : undefined
                    }
                  >
                    {snippet.sentiment}
                  </Badge>
                  <Text as="span" variant="bodySm">
                    {"★".repeat(snippet.rating)}
                    {"☆".repeat(5 - snippet.rating)}
                  </Text>
                  <Text as="span" variant="bodySm" tone="subdued">
                    {snippet.displayName}
                    {snippet.verifiedBuyer ? " · verified buyer" : ""} · {snippet.reviewCreatedAt.slice(0, 10)} ·{" "}
                    {LANGUAGE_NAMES[snippet.language] ?? snippet.language}
                  </Text>
                  {snippet.productTitle ? (
                    <RemixLink to={`/app/products/${snippet.productShopifyId}`}>
                      <Text as="span" variant="bodySm">
                        {snippet.productTitle}
                      </Text>
                    </RemixLink>
                  ) : null}
                </InlineStack>
                <EvidenceSnippet highlighted={snippet.highlighted} />
                <Divider />
              </BlockStack>
            ))}
            {drillDown.nextCursor ? (
              <InlineStack>
                <Button onClick={() => update({ cursor: drillDown.nextCursor })}>Older reviews</Button>
              </InlineStack>
            ) : null}
          </BlockStack>
        )}
      </BlockStack>
    </Card>
  );
}
