// Where the merchant's corrections of readings go: a download of them as labelled data for the engine.
import { BlockStack, Card, Text } from "@shopify/polaris";
import { FetchDownloadButton } from "~/components/FetchDownloadButton";

export function LabelledData() {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Your corrections
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          When a review's reading is wrong, correct it on the review's page: the figures here follow, and the correction
          is kept when reviews are analysed again.
        </Text>
        <FetchDownloadButton
          href="/app/insights/labels.jsonl"
          fallbackName="kundrost-labels.jsonl"
          label="Download them as labelled data (JSON lines)"
          variant="plain"
        />
      </BlockStack>
    </Card>
  );
}
