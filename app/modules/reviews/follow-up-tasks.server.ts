// Closing the loop: a 1-2 star review opens a follow-up task (open -> done, with the merchant's note), listed on
// the admin home with its age. A reply (public or private) closes it, or the merchant marks it done.
import { z } from "zod";
import db, { type DbClient } from "../../db.server";

/** Reviews with this many stars or fewer open a follow-up task. */
export const FOLLOW_UP_MAX_RATING = 2;
export const FOLLOW_UP_NOTE_MAX_LENGTH = 2_000;

/** Opens the review's task when its rating calls for one; a review has at most one task, ever. */
export async function openFollowUpTaskIfNeeded(
  client: DbClient,
  review: { shop: string; id: string; rating: number },
  at: Date,
): Promise<boolean> {
  if (review.rating > FOLLOW_UP_MAX_RATING) return false;
  const existing = await client.followUpTask.findUnique({ where: { reviewId: review.id }, select: { id: true } });
  if (existing) return false;
  await client.followUpTask.create({ data: { shop: review.shop, reviewId: review.id, createdAt: at } });
  return true;
}

export async function closeFollowUpTaskOnReply(
  client: DbClient,
  shop: string,
  reviewId: string,
  at: Date,
): Promise<void> {
  await client.followUpTask.updateMany({
    where: { shop, reviewId, status: "open" },
    data: { status: "done", closedBy: "reply", closedAt: at },
  });
}

export interface FollowUpTaskRow {
  id: string;
  reviewId: string;
  status: "open" | "done";
  note: string | null;
  rating: number;
  displayName: string;
  excerpt: string;
  productShopifyId: string;
  productTitle: string | null;
  openedAt: Date;
  /** Whole days the task has been open. */
  ageDays: number;
}

const EXCERPT_LENGTH = 140;

/** The shop's open tasks, oldest first (the one waiting longest is the one to act on). */
export async function listOpenFollowUpTasks(
  shop: string,
  options: { now?: Date; limit?: number } = {},
): Promise<{ tasks: FollowUpTaskRow[]; total: number }> {
  const now = options.now ?? new Date();
  const [rows, total] = await Promise.all([
    db.followUpTask.findMany({
      where: { shop, status: "open" },
      orderBy: { createdAt: "asc" },
      take: options.limit ?? 10,
    }),
    db.followUpTask.count({ where: { shop, status: "open" } }),
  ]);
  const reviews = await db.review.findMany({
    where: { shop, id: { in: rows.map((row) => row.reviewId) } },
    select: { id: true, rating: true, displayName: true, body: true, title: true, productShopifyId: true },
  });
  const products = await db.product.findMany({
    where: { shop, shopifyId: { in: reviews.map((review) => review.productShopifyId) } },
    select: { shopifyId: true, title: true },
  });
  const tasks: FollowUpTaskRow[] = [];
  for (const row of rows) {
    const review = reviews.find((r) => r.id === row.reviewId);
    if (!review) continue;
    const text = [review.title, review.body].filter(Boolean).join(" — ");
    tasks.push({
      id: row.id,
      reviewId: row.reviewId,
      status: row.status as "open" | "done",
      note: row.note,
      rating: review.rating,
      displayName: review.displayName,
      excerpt: text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1)}…` : text,
      productShopifyId: review.productShopifyId,
      productTitle: products.find((p) => p.shopifyId === review.productShopifyId)?.title ?? null,
      openedAt: row.createdAt,
      ageDays: Math.max(0, Math.floor((now.getTime() - row.createdAt.getTime()) / 86_400_000)),
    });
  }
  return { tasks, total };
}

export async function loadFollowUpTask(shop: string, reviewId: string) {
  return db.followUpTask.findFirst({ where: { shop, reviewId } });
}

const TaskUpdateSchema = z.object({
  note: z
    .string()
    .trim()
    .max(
      FOLLOW_UP_NOTE_MAX_LENGTH,
      `Keep the note to ${FOLLOW_UP_NOTE_MAX_LENGTH.toLocaleString("en")} characters or fewer.`,
    )
    .optional(),
  status: z.enum(["open", "done"]).optional(),
});

export type TaskUpdateResult =
  { ok: true } | { ok: false; reason: "not_found" } | { ok: false; reason: "invalid"; message: string };

/** The merchant writes a note on the task, marks it done, or opens it again. */
export async function updateFollowUpTask(
  input: { shop: string; reviewId: string; note?: unknown; status?: unknown },
  options: { now?: Date } = {},
): Promise<TaskUpdateResult> {
  const parsed = TaskUpdateSchema.safeParse({ note: input.note ?? undefined, status: input.status ?? undefined });
  if (!parsed.success) return { ok: false, reason: "invalid", message: parsed.error.issues[0].message };
  const now = options.now ?? new Date();
  const { note, status } = parsed.data;
  const updated = await db.followUpTask.updateMany({
    where: { shop: input.shop, reviewId: input.reviewId },
    data: {
      ...(note !== undefined ? { note: note || null } : {}),
      ...(status === "done" ? { status: "done", closedBy: "merchant", closedAt: now } : {}),
      ...(status === "open" ? { status: "open", closedBy: null, closedAt: null } : {}),
    },
  });
  return updated.count > 0 ? { ok: true } : { ok: false, reason: "not_found" };
}
