// A review's history: every moderation change (held or published by the rules, published, hidden with a
// reason, restored, deleted, reported, updated by the shopper, a reply emailed) with who, when and why.
// Rows are only appended; a deleted review keeps its history (there is no foreign key to the review).
import { z } from "zod";
import db, { type DbClient } from "../../db.server";
import { isModerationReason, MODERATION_REASON_WORDS, type ModerationReason } from "./moderation";
import { REJECTION_REASON_WORDS, type RejectionReason } from "./rejection-reasons";

export const HISTORY_ACTIONS = [
  "held",
  "published",
  "hidden",
  "restored",
  "deleted",
  "reported",
  "updated",
  "imported",
  "reply_emailed",
  "private_reply",
] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];
export const HISTORY_ACTORS = ["merchant", "rules", "shopper", "import", "system"] as const;
export type HistoryActor = (typeof HISTORY_ACTORS)[number];

export interface HistoryEntryInput {
  shop: string;
  reviewId: string;
  action: HistoryAction;
  actor: HistoryActor;
  fromStatus?: string | null;
  toStatus?: string | null;
  reasons?: readonly string[];
  note?: string | null;
  /** The version before an update, kept beside the new one. */
  previous?: ReviewVersion | null;
  at: Date;
}

export interface ReviewVersion {
  rating: number;
  title: string | null;
  body: string;
}

export async function recordReviewHistory(
  client: DbClient,
  entries: HistoryEntryInput | HistoryEntryInput[],
): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await client.reviewModerationEvent.createMany({
    data: list.map((entry) => ({
      shop: entry.shop,
      reviewId: entry.reviewId,
      action: entry.action,
      actor: entry.actor,
      fromStatus: entry.fromStatus ?? null,
      toStatus: entry.toStatus ?? null,
      reasons: JSON.stringify(entry.reasons ?? []),
      note: entry.note ?? null,
      previous: entry.previous ? JSON.stringify(entry.previous) : null,
      createdAt: entry.at,
    })),
  });
}

export interface ReviewHistoryEntry {
  id: string;
  action: HistoryAction;
  actor: HistoryActor;
  fromStatus: string | null;
  toStatus: string | null;
  reasons: { code: string; words: string }[];
  note: string | null;
  previous: ReviewVersion | null;
  at: Date;
}

const ReasonsSchema = z.array(z.string());
const VersionSchema = z.object({ rating: z.number(), title: z.string().nullable(), body: z.string() });

function parseJson<T>(text: string | null, schema: z.ZodType<T>): T | null {
  if (!text) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Words for a stored reason code: a moderation reason, or the merchant's own rejection reason. */
export function reasonWords(code: string): string {
  return isModerationReason(code)
    ? MODERATION_REASON_WORDS[code]
    : (REJECTION_REASON_WORDS[code as RejectionReason] ?? code);
}

/** The review's history, oldest first. */
export async function loadReviewHistory(shop: string, reviewId: string): Promise<ReviewHistoryEntry[]> {
  const rows = await db.reviewModerationEvent.findMany({
    where: { shop, reviewId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((row) => ({
    id: row.id,
    action: row.action as HistoryAction,
    actor: row.actor as HistoryActor,
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    reasons: (parseJson(row.reasons, ReasonsSchema) ?? []).map((code) => ({ code, words: reasonWords(code) })),
    note: row.note,
    previous: parseJson(row.previous, VersionSchema),
    at: row.createdAt,
  }));
}

export type { ModerationReason };
