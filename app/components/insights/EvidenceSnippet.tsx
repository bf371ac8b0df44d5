// A review as the drill-down shows it: the words that carried the topic are marked where the engine found them.
import { BlockStack, Text } from "@shopify/polaris";
import type { HighlightedReview, TextSegment } from "~/modules/insights";

function Segments({ segments }: { segments: TextSegment[] }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.marked ? (
          <mark key={index} style={{ background: "#ffd79d", borderRadius: 3, padding: "0 2px" }}>
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}

export function EvidenceSnippet({ highlighted }: { highlighted: HighlightedReview }) {
  return (
    <BlockStack gap="100">
      {highlighted.title.length > 0 ? (
        <Text as="p" variant="bodyMd" fontWeight="semibold">
          <Segments segments={highlighted.title} />
        </Text>
      ) : null}
      <Text as="p" variant="bodyMd">
        <Segments segments={highlighted.body} />
      </Text>
    </BlockStack>
  );
}
