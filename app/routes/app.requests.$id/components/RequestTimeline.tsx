// Everything that happened to the request (its events and the emails sent), oldest first.
import { BlockStack, Card, Divider, InlineGrid, Text } from "@shopify/polaris";
import { humanize, timelineLabel } from "../copy";

export interface TimelineEntryView {
  at: string | null;
  kind: string;
  type: string;
  details: { key: string; value: string; kind: "text" | "verbatim" }[];
}

export function RequestTimeline({ timeline }: { timeline: TimelineEntryView[] }) {
  return (
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
  );
}
