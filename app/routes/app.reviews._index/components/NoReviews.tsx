// What the Reviews list shows with no rows: nothing matched the filters, or no review came in yet.
import { BlockStack, EmptySearchResult, Text } from "@shopify/polaris";
import { SEARCH_SCAN_LIMIT } from "~/modules/reviews";

export function NoReviews({ filtered, searchStoppedAt }: { filtered: boolean; searchStoppedAt: string | null }) {
  return filtered ? (
    <EmptySearchResult
      title="No reviews match"
      description={
        searchStoppedAt
          ? `None of the ${SEARCH_SCAN_LIMIT.toLocaleString("en")} reviews searched so far matched. Continue with the next page to search older reviews.`
          : "Try other words or clear the filters."
      }
      withIllustration={false}
    />
  ) : (
    <BlockStack gap="200" inlineAlign="center">
      <Text as="p" variant="headingMd">
        No reviews yet
      </Text>
      <Text as="p" tone="subdued">
        Reviews appear here as shoppers answer their review requests.
      </Text>
    </BlockStack>
  );
}
