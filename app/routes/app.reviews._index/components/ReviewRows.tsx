// One row per review in the Reviews list. Each row is memoised: selecting a review re-renders its own row, not
// the page's fifty.
import { memo } from "react";
import type { SerializeFrom } from "@remix-run/node";
import { BlockStack, IndexTable, InlineStack, Link, Text } from "@shopify/polaris";
import { productPath } from "~/components/ProductLink";
import { RatingStars, ReviewStatusBadge, VerifiedBuyerBadge } from "~/components/ReviewBadges";
import { shortenAtWord } from "~/modules/reviews";
import type { loader } from "../route";
import { ReviewThumbnailCell } from "./media-parts";

type Row = SerializeFrom<typeof loader>["rows"][number];

const ReviewRow = memo(function ReviewRow({
  row,
  position,
  selected,
}: {
  row: Row;
  position: number;
  selected: boolean;
}) {
  return (
    <IndexTable.Row id={row.id} position={position} selected={selected}>
      <IndexTable.Cell>
        <RatingStars rating={row.rating} />
      </IndexTable.Cell>
      <IndexTable.Cell>
        <ReviewThumbnailCell url={row.thumbnailUrl} count={row.mediaCount} />
      </IndexTable.Cell>
      <IndexTable.Cell>
        <div style={{ maxWidth: "28rem", whiteSpace: "normal" }}>
          <BlockStack gap="050">
            <Link url={`/app/reviews/${row.id}`} dataPrimaryLink monochrome removeUnderline>
              {/* Without a title, the review's own words lead, whole words and an ellipsis, not in bold. */}
              <Text as="span" fontWeight={row.title ? "semibold" : "regular"}>
                {row.title || shortenAtWord(row.excerpt, 80) || "Review"}
              </Text>
            </Link>
            {row.title ? (
              <Text as="span" tone="subdued" variant="bodySm">
                {row.excerpt}
              </Text>
            ) : null}
          </BlockStack>
        </div>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <Link url={productPath(row.productShopifyId)} monochrome>
          {row.productTitle}
        </Link>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <InlineStack gap="100" blockAlign="center" wrap={false}>
          <Text as="span">{row.displayName}</Text>
          {row.verifiedBuyer ? <VerifiedBuyerBadge /> : null}
        </InlineStack>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <BlockStack gap="050">
          <ReviewStatusBadge status={row.status} />
          {row.waiting ? (
            <Text as="span" tone="subdued" variant="bodySm">
              {`Waiting ${row.waiting}`}
            </Text>
          ) : null}
        </BlockStack>
      </IndexTable.Cell>
      <IndexTable.Cell>{row.language}</IndexTable.Cell>
      <IndexTable.Cell>{row.createdAt}</IndexTable.Cell>
    </IndexTable.Row>
  );
});

export function ReviewRows({ rows, selected }: { rows: Row[]; selected: string[] }) {
  const chosen = new Set(selected);
  return (
    <>
      {rows.map((row, index) => (
        <ReviewRow key={row.id} row={row} position={index} selected={chosen.has(row.id)} />
      ))}
    </>
  );
}
