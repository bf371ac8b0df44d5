// What the review detail screen shows beyond the review itself: its moderation history, how long it has waited
// for a decision, shoppers' votes and reports, the follow-up task and the emails sent to the reviewer.
import db, { inList, querySql, rawSql } from "../../db.server";
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

/**
 * Since when each pending review has waited for the merchant: its latest move to pending in the history, else
 * its arrival. One query for a page of reviews; reviews that are not pending are left out.
 */
export async function pendingSince(
  shop: string,
  reviews: readonly { id: string; status: string; createdAt: Date }[],
): Promise<Map<string, Date>> {
  const pending = reviews.filter((review) => review.status === "pending");
  if (pending.length === 0) return new Map();
  // Raw SQL: the Reviews list asks at every load of a page with held reviews, and Prisma's client compiled the
  // grouped query, with each id of its list bound on its own, at every call (docs/decisions/014).
  const { sql } = rawSql();
  const moves = await querySql<{ reviewId: string; at: Date | string | null }>(
    db,
    sql`SELECT "reviewId", MAX("createdAt") AS "at" FROM "ReviewModerationEvent"
      WHERE "shop" = ${shop} AND "toStatus" = 'pending' AND "reviewId" IN ${inList(pending.map((review) => review.id))}
      GROUP BY "reviewId"`,
  );
  // SQLite gives the stored ISO text, PostgreSQL a Date.
  const latest = new Map(moves.map((move) => [move.reviewId, move.at === null ? null : new Date(move.at)]));
  return new Map(pending.map((review) => [review.id, latest.get(review.id) ?? review.createdAt]));
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
  return {
    history,
    waitingSince: (await pendingSince(shop, [review])).get(review.id) ?? null,
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
