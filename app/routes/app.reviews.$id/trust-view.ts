// The loader's view of a review's trust facts (history, waiting time, shoppers' signals, follow-up task, reply
// emails): dates in the shop's time zone, ages in whole days.
import { describeWait, waitedDays } from "~/components/reviews/waiting-time";
import type { ReviewTrust } from "~/modules/reviews";
import type { HistoryRow } from "./components/ReviewHistoryCard";
import type { EmailView, TaskView } from "./components/ReviewFollowUpCards";

export interface TrustForScreen {
  history: HistoryRow[];
  /** "Waiting for your decision for 3 days (since ...)" for a pending review. */
  waiting: string | null;
  signals: ReviewTrust["signals"];
  task: TaskView | null;
  emails: EmailView[];
}

export function trustForScreen(
  trust: ReviewTrust,
  shown: (date: Date | null) => string | null,
  now: Date,
): TrustForScreen {
  return {
    history: trust.history.map((entry) => ({ ...entry, at: shown(entry.at) })),
    waiting: trust.waitingSince
      ? `Waiting for your decision for ${describeWait(trust.waitingSince, now)} (since ${shown(trust.waitingSince)}).`
      : null,
    signals: trust.signals,
    task: trust.task && {
      status: trust.task.status,
      note: trust.task.note,
      openedAt: shown(trust.task.openedAt),
      ageDays: waitedDays(trust.task.openedAt, now),
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
