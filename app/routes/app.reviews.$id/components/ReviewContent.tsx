// What the shopper wrote, why the moderation rules held it, and the photos.
import type { SerializeFrom } from "@remix-run/node";
import { Banner, BlockStack, Card, InlineStack, List, Text } from "@shopify/polaris";
import { RatingStars, VerifiedBuyerBadge } from "~/components/ReviewBadges";
import type { loader } from "../route";
import { FIT_LABELS, formatBytes, HELD_FOR_LABELS } from "../copy";

type PageData = SerializeFrom<typeof loader>;

export function ReviewContent({ review, media }: { review: PageData["review"]; media: PageData["media"] }) {
  return (
    <>
      {review.status === "pending" && review.heldFor.length > 0 ? (
        <Banner tone="warning" title="Held for your decision">
          <List>
            {review.heldFor.map((reason) => (
              <List.Item key={reason}>{HELD_FOR_LABELS[reason]}</List.Item>
            ))}
          </List>
        </Banner>
      ) : null}
      <Card>
        <BlockStack gap="300">
          <RatingStars rating={review.rating} size="headingLg" />
          {review.title ? (
            <Text as="h2" variant="headingMd">
              {review.title}
            </Text>
          ) : null}
          <Text as="p">
            <span style={{ whiteSpace: "pre-wrap" }}>{review.body}</span>
          </Text>
          {review.fit ? <Text as="p">{`Fit: ${FIT_LABELS[review.fit] ?? review.fit}`}</Text> : null}
          <InlineStack gap="200" blockAlign="center">
            <Text as="span" fontWeight="semibold">
              {review.displayName}
            </Text>
            {review.verifiedBuyer ? <VerifiedBuyerBadge /> : null}
            <Text as="span" tone="subdued">{`Language: ${review.language}`}</Text>
          </InlineStack>
        </BlockStack>
      </Card>
      {media.length > 0 ? (
        <Card>
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">
              {`Photos (${media.length})`}
            </Text>
            <List>
              {media.map((photo, index) => (
                <List.Item key={photo.id}>
                  {`Photo ${index + 1}: ${photo.width}×${photo.height}, ${photo.mimeType}, ${formatBytes(photo.bytes)}`}
                </List.Item>
              ))}
            </List>
          </BlockStack>
        </Card>
      ) : null}
    </>
  );
}
