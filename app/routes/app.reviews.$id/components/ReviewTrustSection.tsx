// The review detail screen's trust and follow-up panels: history and the private reply in the main column;
// shoppers' signals and the follow-up task beside them.
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
    </>
  );
}
