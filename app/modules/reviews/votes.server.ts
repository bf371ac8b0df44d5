// Shopper signals on published reviews: "helpful" votes and "report". One of each per visitor and review
// (the unique key decides, so two votes arriving at the same moment count once on SQLite and PostgreSQL
// alike), rate-limited per visitor and shop. A review reported `reportThreshold` times (Settings, default 3)
// goes back to the queue with the reason "reported". The storefront's app-proxy routes call these.
import { createHash } from "node:crypto";
import { z } from "zod";
import db from "../../db.server";
import { loggerFor } from "../../logger.server";
import { getSettings } from "../settings";
import { holdReviews } from "./review-state.server";
import { lockReviewTallies } from "./review-tallies.server";

/** Votes and reports one visitor may send to one shop per window. */
export const VOTES_PER_VISITOR_WINDOW = 30;
export const VOTE_WINDOW_MS = 60 * 60_000;
export const REPORT_REASONS = ["spam", "offensive", "off_topic", "fake", "personal_data", "other"] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

const VoteSchema = z.object({
  shop: z.string().min(1),
  reviewId: z.string().regex(/^[\w-]{1,64}$/),
  // A logged-in customer's id, or the storefront's anonymous visitor id; hashed before it is stored.
  visitor: z.string().trim().min(8).max(200),
});

export type VoteResult =
  | { ok: true; counted: boolean; helpfulCount: number }
  | { ok: false; reason: "not_found" | "rate_limited" | "invalid" };

export type ReportResult =
  | { ok: true; counted: boolean; heldForReview: boolean }
  | { ok: false; reason: "not_found" | "rate_limited" | "invalid" };

/** The stored voter key: the visitor id hashed with the shop, so it means nothing outside this table. */
export function voterKeyFor(shop: string, visitor: string): string {
  return createHash("sha256").update(`${shop}|${visitor}`).digest("hex").slice(0, 40);
}

async function rateLimited(shop: string, voterKey: string, now: Date): Promise<boolean> {
  const recent = await db.reviewVote.count({
    where: { shop, voterKey, createdAt: { gte: new Date(now.getTime() - VOTE_WINDOW_MS) } },
  });
  return recent >= VOTES_PER_VISITOR_WINDOW;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

async function publishedReview(shop: string, reviewId: string) {
  return db.review.findFirst({
    where: { shop, id: reviewId, status: "published" },
    select: { id: true, helpfulCount: true },
  });
}

/** A "helpful" vote; the same visitor voting again changes nothing. */
export async function voteHelpful(
  input: { shop: string; reviewId: string; visitor: string },
  options: { now?: Date } = {},
): Promise<VoteResult> {
  const parsed = VoteSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { shop, reviewId, visitor } = parsed.data;
  const now = options.now ?? new Date();
  const review = await publishedReview(shop, reviewId);
  if (!review) return { ok: false, reason: "not_found" };
  const voterKey = voterKeyFor(shop, visitor);
  if (await rateLimited(shop, voterKey, now)) return { ok: false, reason: "rate_limited" };
  try {
    const helpfulCount = await db.$transaction(async (tx) => {
      // The insert comes first: a second vote fails on the unique key before anything is counted.
      await tx.reviewVote.create({ data: { shop, reviewId, voterKey, kind: "helpful", value: 1, createdAt: now } });
      const updated = await tx.review.update({
        where: { id: reviewId },
        data: { helpfulCount: { increment: 1 } },
        select: { helpfulCount: true },
      });
      return updated.helpfulCount;
    });
    return { ok: true, counted: true, helpfulCount };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const current = await db.review.findFirst({ where: { shop, id: reviewId }, select: { helpfulCount: true } });
    return { ok: true, counted: false, helpfulCount: current?.helpfulCount ?? review.helpfulCount };
  }
}

/** A shopper reports a published review; enough reports put it back in the merchant's queue. */
export async function reportReview(
  input: { shop: string; reviewId: string; visitor: string; reason?: unknown },
  options: { now?: Date } = {},
): Promise<ReportResult> {
  const parsed = VoteSchema.extend({ reason: z.enum(REPORT_REASONS).default("other") }).safeParse({
    ...input,
    reason: input.reason ?? undefined,
  });
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { shop, reviewId, visitor, reason } = parsed.data;
  const now = options.now ?? new Date();
  if (!(await publishedReview(shop, reviewId))) return { ok: false, reason: "not_found" };
  const voterKey = voterKeyFor(shop, visitor);
  if (await rateLimited(shop, voterKey, now)) return { ok: false, reason: "rate_limited" };
  const { reportThreshold } = await getSettings(shop);
  try {
    const heldForReview = await db.$transaction(async (tx) => {
      // The count, then maybe the hold: two writes to the review, so the shop's tally lock first.
      await lockReviewTallies(tx, shop);
      await tx.reviewVote.create({
        data: { shop, reviewId, voterKey, kind: "report", value: 1, reason, createdAt: now },
      });
      const updated = await tx.review.update({
        where: { id: reviewId },
        data: { reportCount: { increment: 1 } },
        select: { reportCount: true, status: true },
      });
      if (updated.status !== "published" || updated.reportCount < reportThreshold) return false;
      const held = await holdReviews(
        {
          shop,
          reviewIds: [reviewId],
          actor: "shopper",
          reasons: ["reported"],
          note: `${updated.reportCount} reports`,
          now,
        },
        tx,
      );
      return held.changed > 0;
    });
    if (heldForReview)
      loggerFor({ shop, module: "reviews" }).info({ reviewId }, "review reported enough times to go back to the queue");
    return { ok: true, counted: true, heldForReview };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { ok: true, counted: false, heldForReview: false };
  }
}

/** Votes and reports for the admin. */
export async function reviewSignals(
  shop: string,
  reviewId: string,
): Promise<{ helpful: number; reports: { reason: string; count: number }[] }> {
  const groups = await db.reviewVote.groupBy({
    by: ["kind", "reason"],
    where: { shop, reviewId },
    _count: { _all: true },
  });
  return {
    helpful: groups.filter((g) => g.kind === "helpful").reduce((sum, g) => sum + g._count._all, 0),
    reports: groups
      .filter((g) => g.kind === "report")
      .map((g) => ({ reason: g.reason ?? "other", count: g._count._all })),
  };
}
