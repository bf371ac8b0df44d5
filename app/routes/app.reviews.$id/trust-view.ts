// The loader's view of a review's trust facts (history, waiting time, shoppers' signals, follow-up task, reply
// emails): dates in the shop's time zone, ages in whole days.
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

const DAY_MS = 86_400_000;

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
