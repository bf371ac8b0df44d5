// The NPS-style figures over the reviews the filters select.
import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import { type PageData, percent, whole } from "../page-data";

function Figure({ label, value, help }: { label: string; value: string; help?: string }) {
  return (
    <BlockStack gap="100">
      <Text as="p" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <Text as="p" variant="headingXl">
        {value}
      </Text>
      {help ? (
        <Text as="p" variant="bodySm" tone="subdued">
          {help}
        </Text>
      ) : null}
    </BlockStack>
  );
}

export function ReviewFigures({ overview, minReviews }: { overview: PageData["overview"]; minReviews: number }) {
  const { reviews } = overview;
  const shares = reviews.enoughForShares;
  const tooFew = `Needs at least ${minReviews} reviews`;
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Reviews in this view
        </Text>
        <InlineGrid columns={{ xs: 2, md: 5 }} gap="400">
          <Figure label="Reviews" value={whole.format(reviews.total)} />
          <Figure
            label="Average rating"
            value={reviews.averageRating === null ? "—" : `${reviews.averageRating.toFixed(2)}★`}
          />
          <Figure
            label="5-star share"
            value={shares ? percent(reviews.fiveStarShare) : "—"}
            help={shares ? undefined : tooFew}
          />
          <Figure
            label="Positive reviews"
            value={shares ? percent(reviews.positiveShare) : "—"}
            help={shares ? `${percent(reviews.negativeShare)} negative` : tooFew}
          />
          <Figure
            label="Net rating score"
            value={shares && reviews.netScore !== null ? `${reviews.netScore > 0 ? "+" : ""}${reviews.netScore}` : "—"}
            help="NPS-style: % of 5★ minus % of 1–3★"
          />
        </InlineGrid>
      </BlockStack>
    </Card>
  );
}
