// The review detail screen's trust and follow-up panels: history and the private reply in the main column;
// shoppers' signals, the follow-up task and deleting the review beside them.
import { useEffect, useState } from "react";
import { useFetcher, useNavigate } from "@remix-run/react";
import { BlockStack, Button, Card, Modal, Text } from "@shopify/polaris";
import type { TrustForScreen } from "../trust-view";
import { ReviewHistoryCard } from "./ReviewHistoryCard";
import { FollowUpTaskCard, PrivateReplyCard, ReviewSignalsCard } from "./ReviewFollowUpCards";

export function ReviewTrustSection(props: {
  reviewId: string;
  trust: TrustForScreen;
  canEmail: boolean;
  column: "main" | "side";
}) {
  if (props.column === "main") {
    return (
      <>
        <PrivateReplyCard reviewId={props.reviewId} canEmail={props.canEmail} emails={props.trust.emails} />
        <ReviewHistoryCard entries={props.trust.history} />
      </>
    );
  }
  return (
    <>
      <ReviewSignalsCard helpful={props.trust.signals.helpful} reports={props.trust.signals.reports} />
      {props.trust.task ? <FollowUpTaskCard reviewId={props.reviewId} task={props.trust.task} /> : null}
      <DeleteReviewCard reviewId={props.reviewId} />
    </>
  );
}

function DeleteReviewCard({ reviewId }: { reviewId: string }) {
  const fetcher = useFetcher<{ ok: boolean; message: string; deleted?: boolean }>();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.deleted) navigate("/app/reviews");
  }, [fetcher.state, fetcher.data, navigate]);
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="p" tone="subdued">
          Deleting removes the review for good; its history stays. To take it off the storefront, reject it instead.
        </Text>
        <Button tone="critical" variant="plain" onClick={() => setConfirming(true)}>
          Delete review
        </Button>
      </BlockStack>
      <Modal
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Delete this review?"
        primaryAction={{
          content: "Delete",
          destructive: true,
          loading: fetcher.state !== "idle",
          onAction: () =>
            fetcher.submit({ intent: "delete" }, { method: "post", action: `/app/reviews/${reviewId}/trust` }),
        }}
        secondaryActions={[{ content: "Cancel", onAction: () => setConfirming(false) }]}
      >
        <Modal.Section>
          <Text as="p">The review, its photos and its reply are deleted. This cannot be undone.</Text>
        </Modal.Section>
      </Modal>
    </Card>
  );
}
