// The review detail screen's trust and follow-up panels: history and the private reply in the main column;
// shoppers' signals, the follow-up task and deleting the review beside them.
import { useEffect, useState } from "react";
import { useFetcher, useNavigate } from "@remix-run/react";
import { BlockStack, Button, Card, Modal, Text } from "@shopify/polaris";
import type { ReviewTrust } from "~/modules/reviews";
import { ReviewHistoryCard, type HistoryRow } from "./ReviewHistoryCard";
import {
  FollowUpTaskCard,
  PrivateReplyCard,
  ReviewSignalsCard,
  type EmailView,
  type TaskView,
} from "./ReviewFollowUpCards";

export interface TrustForScreen {
  history: HistoryRow[];
  /** "Waiting for your decision for 3 days (since ...)" for a pending review. */
  waiting: string | null;
  signals: ReviewTrust["signals"];
  task: TaskView | null;
  emails: EmailView[];
}

const DAY_MS = 86_400_000;

/** The loader's view of the trust facts: dates in the shop's time zone, ages in whole days. */
export function trustForScreen(
  trust: ReviewTrust,
  shown: (date: Date | null) => string | null,
  now: Date,
): TrustForScreen {
  const days = (from: Date) => Math.max(0, Math.floor((now.getTime() - from.getTime()) / DAY_MS));
  const waitedDays = trust.waitingSince ? days(trust.waitingSince) : null;
  return {
    history: trust.history.map((entry) => ({ ...entry, at: shown(entry.at) })),
    waiting:
      waitedDays === null
        ? null
        : `Waiting for your decision for ${
            waitedDays === 0 ? "less than a day" : `${waitedDays} day${waitedDays === 1 ? "" : "s"}`
          } (since ${shown(trust.waitingSince)}).`,
    signals: trust.signals,
    task: trust.task && {
      status: trust.task.status,
      note: trust.task.note,
      openedAt: shown(trust.task.openedAt),
      ageDays: days(trust.task.openedAt),
      closedAt: shown(trust.task.closedAt),
      closedBy: trust.task.closedBy,
    },
    emails: trust.emails.map((email) => ({
      kind: email.kind,
      status: email.status,
      body: email.body,
      createdAt: shown(email.createdAt),
    })),
  };
}

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
