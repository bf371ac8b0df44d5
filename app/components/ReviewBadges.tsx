// How a review's rating, moderation status and buyer check look wherever the admin lists or shows one.
import { Badge, Text } from "@shopify/polaris";

type Tone = "info" | "success" | "attention" | "critical" | undefined;

const STATUS_BADGES: Record<string, { label: string; tone: Tone }> = {
  pending: { label: "Pending", tone: "attention" },
  published: { label: "Published", tone: "success" },
  rejected: { label: "Rejected", tone: "critical" },
};

export function reviewStatusLabel(status: string): string {
  return STATUS_BADGES[status]?.label ?? status;
}

/** The badge tone of a review status (the Reviews list draws its badges itself, in these tones). */
export function reviewStatusTone(status: string): Tone {
  return STATUS_BADGES[status]?.tone;
}

/** The words of the verified-buyer mark. */
export const VERIFIED_BUYER_LABEL = "Verified buyer";

export function ReviewStatusBadge({ status }: { status: string }) {
  const badge = STATUS_BADGES[status] ?? { label: status, tone: undefined };
  return <Badge tone={badge.tone}>{badge.label}</Badge>;
}

export function VerifiedBuyerBadge() {
  return <Badge tone="info">{VERIFIED_BUYER_LABEL}</Badge>;
}

/** Filled and empty stars as text, with the rating spelled out for screen readers. */
export function ratingStarsLabel(rating: number): string {
  return `${clampedStars(rating)} of 5 stars`;
}

export function clampedStars(rating: number): number {
  return Math.max(0, Math.min(5, Math.round(rating)));
}

/** Filled and empty stars as text, with the rating spelled out for screen readers. */
export function RatingStars({ rating, size = "bodyMd" }: { rating: number; size?: "bodyMd" | "headingLg" }) {
  const filled = clampedStars(rating);
  return (
    <span
      role="img"
      aria-label={ratingStarsLabel(rating)}
      title={ratingStarsLabel(rating)}
      style={{ whiteSpace: "nowrap" }}
    >
      <Text as="span" variant={size}>
        <span aria-hidden="true" style={{ color: "#e8a10c" }}>
          {"★".repeat(filled)}
        </span>
        <span aria-hidden="true" style={{ color: "#c9cccf" }}>
          {"★".repeat(5 - filled)}
        </span>
      </Text>
    </span>
  );
}
