// What the review detail screen shows beyond the review itself: its moderation history, how long it has waited
// for a decision, shoppers' votes and reports, the follow-up task and the emails sent to the reviewer.
import db from "../../db.server";
import { loadFollowUpTask } from "./follow-up-tasks.server";
import { loadReviewHistory, type ReviewHistoryEntry } from "./review-history.server";
import { reviewSignals } from "./votes.server";

export interface ReviewTrust {
  history: ReviewHistoryEntry[];
  /** Since when a pending review has waited for the merchant (its latest move to pending); null otherwise. */
  waitingSince: Date | null;
  signals: { helpful: number; reports: { reason: string; count: number }[] };
  task: { status: string; note: string | null; openedAt: Date; closedAt: Date | null; closedBy: string | null } | null;
  emails: { kind: string; status: string; body: string; createdAt: Date; sentAt: Date | null }[];
}

export async function loadReviewTrust(
  shop: string,
  review: { id: string; status: string; createdAt: Date },
): Promise<ReviewTrust> {
  const [history, signals, task, emails] = await Promise.all([
    loadReviewHistory(shop, review.id),
    reviewSignals(shop, review.id),
    loadFollowUpTask(shop, review.id),
    db.reviewReplyEmail.findMany({ where: { shop, reviewId: review.id }, orderBy: { createdAt: "desc" }, take: 20 }),
  ]);
  const lastMoveToPending = [...history].reverse().find((entry) => entry.toStatus === "pending");
  return {
    history,
    waitingSince: review.status === "pending" ? (lastMoveToPending?.at ?? review.createdAt) : null,
    signals,
    task: task && {
      status: task.status,
      note: task.note,
      openedAt: task.createdAt,
      closedAt: task.closedAt,
      closedBy: task.closedBy,
    },
    emails: emails.map((e) => ({
      kind: e.kind,
      status: e.status,
      body: e.body,
      createdAt: e.createdAt,
      sentAt: e.sentAt,
    })),
  };
}
