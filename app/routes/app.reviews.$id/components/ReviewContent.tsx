// What the shopper wrote (never edited by the shop), why the moderation rules held it and for how long, and the
// photos and video (gallery with a lightbox).
import type { SerializeFrom } from "@remix-run/node";
import { Banner, BlockStack, Card, InlineStack, List, Text } from "@shopify/polaris";
import { RatingStars, VerifiedBuyerBadge } from "~/components/ReviewBadges";
import { ReviewMediaGallery } from "./ReviewMediaGallery";
import type { loader } from "../route";
import { MODERATION_REASON_WORDS } from "~/modules/reviews";
import { FIT_LABELS } from "../copy";

type PageData = SerializeFrom<typeof loader>;

export function ReviewContent(props: { review: PageData["review"]; media: PageData["media"]; waiting: string | null }) {
  const { review, media, waiting } = props;
  return (
    <>
      {review.status === "pending" && review.heldFor.length > 0 ? (
        <Banner tone="warning" title="Held for your decision">
          <List>
            {review.heldFor.map((reason) => (
              <List.Item key={reason}>{MODERATION_REASON_WORDS[reason]}</List.Item>
            ))}
          </List>
          {waiting ? <Text as="p">{waiting}</Text> : null}
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
      {media.length > 0 ? <ReviewMediaGallery media={media} /> : null}
    </>
  );
}
