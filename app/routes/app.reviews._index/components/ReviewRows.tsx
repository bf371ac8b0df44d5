// One row per review in the Reviews list.
import type { SerializeFrom } from "@remix-run/node";
import { BlockStack, IndexTable, InlineStack, Link, Text } from "@shopify/polaris";
import { productPath } from "~/components/ProductLink";
import { RatingStars, ReviewStatusBadge, VerifiedBuyerBadge } from "~/components/ReviewBadges";
import { shortenAtWord } from "~/modules/reviews";
import type { loader } from "../route";

export function ReviewRows({ rows, selected }: { rows: SerializeFrom<typeof loader>["rows"]; selected: string[] }) {
  return (
    <>
      {rows.map((row, index) => (
        <IndexTable.Row id={row.id} key={row.id} position={index} selected={selected.includes(row.id)}>
          <IndexTable.Cell>
            <RatingStars rating={row.rating} />
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
            <ReviewStatusBadge status={row.status} />
          </IndexTable.Cell>
          <IndexTable.Cell>{row.language}</IndexTable.Cell>
          <IndexTable.Cell>{row.createdAt}</IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </>
  );
}
