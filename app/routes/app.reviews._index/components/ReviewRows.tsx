// One row per review in the Reviews list.
import type { SerializeFrom } from "@remix-run/node";
import { BlockStack, IndexTable, InlineStack, Link, Text } from "@shopify/polaris";
import { RatingStars, ReviewStatusBadge, VerifiedBuyerBadge } from "~/components/ReviewBadges";
import type { loader } from "../route";
import { ReviewThumbnailCell } from "./media-parts";

export function ReviewRows({ rows, selected }: { rows: SerializeFrom<typeof loader>["rows"]; selected: string[] }) {
  return (
    <>
      {rows.map((row, index) => (
        <IndexTable.Row id={row.id} key={row.id} position={index} selected={selected.includes(row.id)}>
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
                  <Text as="span" fontWeight="semibold">
                    {row.title || row.excerpt.slice(0, 60) || "Review"}
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
          <IndexTable.Cell>{row.productTitle}</IndexTable.Cell>
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
      ))}
    </>
  );
}
