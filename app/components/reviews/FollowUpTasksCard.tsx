// The admin home's follow-up list: 1-2 star reviews waiting for the shop to act, oldest first, with their age.
import { Badge, BlockStack, Button, Card, InlineStack, Link, Text } from "@shopify/polaris";
import { RatingStars } from "~/components/ReviewBadges";

export interface FollowUpRow {
  id: string;
  reviewId: string;
  rating: number;
  displayName: string;
  excerpt: string;
  productTitle: string | null;
  ageDays: number;
}

export function FollowUpTasksCard({ tasks, total }: { tasks: FollowUpRow[]; total: number }) {
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {`Follow-ups (${total})`}
          </Text>
          <Button url="/app/reviews?rating=1" variant="plain">
            One-star reviews
          </Button>
        </InlineStack>
        {tasks.length === 0 ? (
          <Text as="p" tone="subdued">
            No low ratings are waiting for you. A 1–2 star review opens a follow-up here until you reply or mark it
            done.
          </Text>
        ) : (
          tasks.map((task) => (
            <InlineStack key={task.id} align="space-between" blockAlign="start" gap="300" wrap={false}>
              <BlockStack gap="100">
                {/* align="start" said outright: an InlineStack inside another takes the outer one's alignment
                    (space-between) otherwise, which pushed the name to the middle of the row. */}
                <InlineStack gap="200" align="start" blockAlign="center">
                  <RatingStars rating={task.rating} />
                  <Link url={`/app/reviews/${task.reviewId}`} removeUnderline>
                    {`${task.displayName} on ${task.productTitle ?? "a product"}`}
                  </Link>
                </InlineStack>
                <Text as="p" tone="subdued" variant="bodySm">
                  {task.excerpt || "(no text)"}
                </Text>
              </BlockStack>
              <Badge tone={task.ageDays >= 3 ? "critical" : "attention"}>
                {task.ageDays === 0 ? "today" : `${task.ageDays} day${task.ageDays === 1 ? "" : "s"}`}
              </Badge>
            </InlineStack>
          ))
        )}
      </BlockStack>
    </Card>
  );
}
