// A review request's story, oldest first, in words (app/modules/requests/admin/request-story.ts writes it).
import { BlockStack, Card, Divider, InlineGrid, Text } from "@shopify/polaris";

export interface TimelineEntryView {
  at: string;
  title: string;
  lines: string[];
  tone: "success" | "critical" | "neutral";
}

export function RequestTimeline({ entries }: { entries: TimelineEntryView[] }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Timeline
        </Text>
        {entries.length === 0 ? (
          <Text as="p" tone="subdued">
            Nothing has happened to this request yet.
          </Text>
        ) : (
          entries.map((entry, index) => (
            <BlockStack key={`${entry.at}-${index}`} gap="100">
              {index > 0 ? <Divider /> : null}
              <InlineGrid columns={["oneThird", "twoThirds"]} gap="300">
                <Text as="span" tone="subdued">
                  {entry.at}
                </Text>
                <BlockStack gap="050">
                  <Text as="span" fontWeight="semibold" tone={entry.tone === "critical" ? "critical" : undefined}>
                    {entry.title}
                  </Text>
                  {entry.lines.map((line) => (
                    <Text as="span" variant="bodySm" tone="subdued" key={line}>
                      {line}
                    </Text>
                  ))}
                </BlockStack>
              </InlineGrid>
            </BlockStack>
          ))
        )}
      </BlockStack>
    </Card>
  );
}
