// Earning rules: paid orders (pending for the return window, reversed in proportion to refunds), reviews
// (pending until published, taken back when hidden or deleted; never depending on the rating or what the
// review says), account sign-up, birthdays, and the merchant's manual adjustments.
import { z } from "zod";
import db from "../../db.server";
import { enqueueJob } from "../jobs";
import { loggerFor } from "../../logger.server";
import { afterLedgerChange } from "./account-effects.server";
import { LOYALTY_JOBS } from "./job-types";
import {
  ensureAccount,
  postEntries,
  refTotals,
  withLockedAccount,
  type EntryInput,
  type LockedAccount,
  type Tx,
} from "./ledger.server";
import { isRedactedCustomer } from "./member-redaction.server";
import { getLoyaltyProgram } from "./program.server";
import {
  BIRTHDAY_MIN_AGE_DAYS,
  eligibleOrderCents,
  parseBirthday,
  pointsForAmount,
  pointsToReverse,
  tierByKey,
  type OrderAmounts,
} from "./program";

const DAY_MS = 86_400_000;

export type EarnOutcome =
  | { status: "credited"; points: number; accountId: string }
  | { status: "unchanged"; accountId?: string }
  | { status: "skipped"; reason: string };

const REDACTED: EarnOutcome = { status: "skipped", reason: "the customer's data was redacted" };

export interface PaidOrder extends OrderAmounts {
  orderId: string;
  customerId: string | null;
  paidAt: Date;
}

/** Pending points for a paid order; they mature after the return window (a job) unless refunds take them back. */
export async function creditPaidOrder(shop: string, order: PaidOrder, now: Date = new Date()): Promise<EarnOutcome> {
  if (!order.customerId) return { status: "skipped", reason: "guest checkout: no customer account to credit" };
  if (await isRedactedCustomer(shop, order.customerId)) return REDACTED;
  const program = await getLoyaltyProgram(shop);
  if (!program.enabled) return { status: "skipped", reason: "loyalty programme is off" };
  const eligibleCents = eligibleOrderCents(order, program);
  const { id: accountId } = await ensureAccount(shop, order.customerId);
  const ref = `order:${order.orderId}`;
  return withLockedAccount(shop, accountId, async (tx, account) => {
    const multiplier = tierByKey(program, account.tier).multiplier;
    const points = pointsForAmount(eligibleCents, program.pointsPerCurrencyUnit, multiplier);
    if (points <= 0) return { status: "skipped", reason: "the order earns no whole points" } as const;
    const note = multiplier > 1 ? `${tierByKey(program, account.tier).name} ×${multiplier}` : null;
    const { appended, account: after } = await postEntries(
      tx,
      account,
      [
        {
          points,
          bucket: "pending",
          kind: "earn",
          reason: "order",
          ref,
          sourceKey: `${ref}:earn`,
          amountCents: eligibleCents,
          note,
        },
      ],
      now,
    );
    if (appended.length === 0) return { status: "unchanged", accountId } as const;
    await enqueueJob(
      {
        type: LOYALTY_JOBS.matureCredit,
        shop,
        payload: { shop, accountId, ref },
        runAt: new Date(now.getTime() + program.returnWindowDays * DAY_MS),
        uniqueKey: `${LOYALTY_JOBS.matureCredit}:${shop}:${ref}`,
      },
      tx,
    );
    await afterLedgerChange(tx, after, program, now);
    return { status: "credited", points, accountId } as const;
  });
}

export interface OrderRefundInput {
  orderId: string;
  refundId: string;
  /** The refunded part of what earned points (line subtotals, plus shipping and tax when the shop counts them). */
  refundedCents: number;
}

/**
 * Takes back points in proportion to a refund: from the order's pending points first, then from available ones.
 * Available points the member has already spent are not taken below zero: the shortfall is noted on the entry.
 */
export async function reverseOrderRefund(
  shop: string,
  refund: OrderRefundInput,
  now: Date = new Date(),
): Promise<EarnOutcome> {
  const ref = `order:${refund.orderId}`;
  const program = await getLoyaltyProgram(shop);
  const earn = await db.loyaltyEntry.findFirst({
    where: { shop, sourceKey: `${ref}:earn` },
    select: { accountId: true },
  });
  if (!earn) return { status: "skipped", reason: "the order earned no points" };
  return withLockedAccount(shop, earn.accountId, async (tx, account) => {
    const credit = await tx.loyaltyEntry.findFirstOrThrow({ where: { shop, sourceKey: `${ref}:earn` } });
    const eligible = credit.amountCents ?? 0;
    const refunded = Math.min(refund.refundedCents, eligible);
    const due = pointsToReverse(credit.points, eligible, refunded);
    const totals = await refTotals(tx, shop, account.id, ref);
    const reversible = Math.min(due, totals.available + totals.pending);
    const fromPending = Math.min(reversible, totals.pending);
    const wantedFromAvailable = reversible - fromPending;
    const fromAvailable = Math.min(wantedFromAvailable, account.availablePoints);
    const keyBase = `${ref}:refund:${refund.refundId}`;
    const entries: EntryInput[] = [];
    if (fromPending > 0) {
      entries.push({
        points: -fromPending,
        bucket: "pending",
        kind: "reverse",
        reason: "order",
        ref,
        sourceKey: `${keyBase}:pending`,
        amountCents: -refunded,
      });
    }
    if (fromAvailable > 0 || (fromPending === 0 && refunded > 0)) {
      const shortfall = wantedFromAvailable - fromAvailable;
      entries.push({
        points: -fromAvailable,
        bucket: "available",
        kind: "reverse",
        reason: "order",
        ref,
        sourceKey: `${keyBase}:available`,
        amountCents: fromPending > 0 ? null : -refunded,
        note: shortfall > 0 ? `${shortfall} points already spent were not taken back` : null,
      });
    }
    const { appended, account: after } = await postEntries(tx, account, entries, now);
    if (appended.length === 0) return { status: "unchanged", accountId: account.id } as const;
    await afterLedgerChange(tx, after, program, now);
    return { status: "credited", points: -(fromPending + fromAvailable), accountId: account.id } as const;
  });
}

/** Moves a ref's pending points to available (return window over, or a review published). */
export async function matureCredit(
  shop: string,
  accountId: string,
  ref: string,
  now: Date = new Date(),
): Promise<EarnOutcome> {
  const program = await getLoyaltyProgram(shop);
  return withLockedAccount(shop, accountId, async (tx, account) => {
    const totals = await refTotals(tx, shop, accountId, ref);
    if (totals.pending <= 0) return { status: "unchanged", accountId } as const;
    const reason =
      (await tx.loyaltyEntry.findFirst({ where: { shop, accountId, ref, kind: "earn" }, select: { reason: true } }))
        ?.reason ?? "order";
    const { account: after } = await postEntries(
      tx,
      account,
      maturePair(accountId, ref, reason, totals.pending, totals.entries),
      now,
    );
    await afterLedgerChange(tx, after, program, now);
    return { status: "credited", points: totals.pending, accountId } as const;
  });
}

// A sourceKey is unique in the whole shop, and a ref is only unique within one account ("review:<product>" is
// every reviewer's), so keys built from a ref name the account too.
function maturePair(accountId: string, ref: string, reason: string, points: number, seq: number): EntryInput[] {
  const key = `${ref}:${accountId}:${seq}`;
  return [
    { points: -points, bucket: "pending", kind: "mature", reason, ref, sourceKey: `${key}:mature-out` },
    { points, bucket: "available", kind: "mature", reason, ref, sourceKey: `${key}:mature-in` },
  ];
}

// ------------------------------------------------------------------ reviews

/** What the reviews module tells loyalty about one customer's reviews of one product (never the rating or text). */
export const ReviewCreditFactsSchema = z.object({
  customerId: z.string().regex(/^\d+$/).nullable(),
  productShopifyId: z.string().min(1),
  /** The customer's reviews of the product as they stand now; empty when deleted. */
  reviews: z.array(
    z.object({
      status: z.string(),
      verifiedBuyer: z.boolean(),
      /** Photos and videos attached (the photo bonus). */
      mediaCount: z.number().int().min(0),
    }),
  ),
});
export type ReviewCreditFacts = z.infer<typeof ReviewCreditFactsSchema>;

type ReviewState = "none" | "pending" | "published";

function bestState(reviews: ReviewCreditFacts["reviews"], withMedia: boolean): ReviewState {
  const counted = reviews.filter((review) => review.verifiedBuyer && (!withMedia || review.mediaCount > 0));
  if (counted.some((review) => review.status === "published")) return "published";
  if (counted.some((review) => review.status === "pending")) return "pending";
  return "none";
}

/**
 * Brings the review credit (and the photo bonus) for one customer and product to what their reviews are worth
 * now: pending while a verified review waits for moderation, available once one is published, nothing when it
 * is rejected or deleted. One credit per product and customer, however many reviews; the amount is fixed at the
 * first credit (under the daily cap), so re-publishing cannot earn more. Safe to run any number of times.
 */
export async function reconcileReviewCredit(
  shop: string,
  facts: ReviewCreditFacts,
  now: Date = new Date(),
): Promise<EarnOutcome> {
  if (!facts.customerId) return { status: "skipped", reason: "the review has no customer account" };
  if (await isRedactedCustomer(shop, facts.customerId)) return REDACTED;
  const program = await getLoyaltyProgram(shop);
  const existing = await db.loyaltyAccount.findFirst({
    where: { shop, customerId: facts.customerId },
    select: { id: true },
  });
  const anyCredit = bestState(facts.reviews, false) !== "none";
  if (!existing && (!anyCredit || !program.enabled)) return { status: "skipped", reason: "nothing to credit" };
  const { id: accountId } = existing ?? (await ensureAccount(shop, facts.customerId));
  return withLockedAccount(shop, accountId, async (tx, account) => {
    let current = account;
    let moved = 0;
    const parts = [
      {
        ref: `review:${facts.productShopifyId}`,
        reason: "review",
        points: program.reviewPoints,
        state: bestState(facts.reviews, false),
      },
      {
        ref: `photo:${facts.productShopifyId}`,
        reason: "photo_review",
        points: program.photoBonusPoints,
        state: bestState(facts.reviews, true),
      },
    ];
    for (const part of parts) {
      const result = await settleReviewPart(tx, current, part, program.enabled, program.dailyCapPoints, now);
      current = result.account;
      moved += result.moved;
    }
    if (moved === 0) return { status: "unchanged", accountId } as const;
    await afterLedgerChange(tx, current, program, now);
    return { status: "credited", points: moved, accountId } as const;
  });
}

async function settleReviewPart(
  tx: Tx,
  account: LockedAccount,
  part: { ref: string; reason: string; points: number; state: ReviewState },
  enabled: boolean,
  dailyCap: number,
  now: Date,
): Promise<{ account: LockedAccount; moved: number }> {
  const { shop, id: accountId } = account;
  const totals = await refTotals(tx, shop, accountId, part.ref);
  const first = await tx.loyaltyEntry.findFirst({
    where: { shop, accountId, ref: part.ref, kind: "earn" },
    orderBy: { createdAt: "asc" },
    select: { points: true },
  });
  let worth = first?.points ?? 0;
  if (!first && part.state !== "none") {
    if (!enabled || part.points <= 0) return { account, moved: 0 };
    worth = Math.min(part.points, Math.max(0, dailyCap - (await earnedToday(tx, account, now))));
    if (worth <= 0) return { account, moved: 0 };
  }
  const want = { pending: part.state === "pending" ? worth : 0, available: part.state === "published" ? worth : 0 };
  const seq = totals.entries;
  const entries: EntryInput[] = [];
  let pending = totals.pending;
  let available = totals.available;
  if (want.available > available && pending > 0) {
    const move = Math.min(pending, want.available - available);
    entries.push(...maturePair(accountId, part.ref, part.reason, move, seq));
    pending -= move;
    available += move;
  }
  const key = (suffix: string) => `${part.ref}:${accountId}:${seq}:${suffix}`;
  if (want.pending !== pending) {
    const delta = want.pending - pending;
    entries.push({
      points: delta,
      bucket: "pending",
      kind: delta > 0 ? "earn" : "reverse",
      reason: part.reason,
      ref: part.ref,
      sourceKey: key("pending"),
    });
  }
  if (want.available !== available) {
    let delta = want.available - available;
    let note: string | null = null;
    if (delta < 0 && -delta > account.availablePoints + sumAvailable(entries)) {
      const possible = Math.max(0, account.availablePoints + sumAvailable(entries));
      note = `${-delta - possible} points already spent were not taken back`;
      delta = -possible;
    }
    if (delta !== 0 || note) {
      entries.push({
        points: delta,
        bucket: "available",
        kind: delta > 0 ? "earn" : "reverse",
        reason: part.reason,
        ref: part.ref,
        sourceKey: key("available"),
        note,
      });
    }
  }
  if (entries.length === 0) return { account, moved: 0 };
  const { account: after } = await postEntries(tx, account, entries, now);
  return { account: after, moved: entries.reduce((n, e) => n + Math.abs(e.points), 0) };
}

function sumAvailable(entries: EntryInput[]): number {
  return entries.filter((e) => e.bucket === "available").reduce((n, e) => n + e.points, 0);
}

/** Review and photo points credited since midnight UTC: the daily cap against farming. */
async function earnedToday(tx: Tx, account: LockedAccount, now: Date): Promise<number> {
  const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const sum = await tx.loyaltyEntry.aggregate({
    where: {
      shop: account.shop,
      accountId: account.id,
      kind: "earn",
      reason: { in: ["review", "photo_review"] },
      points: { gt: 0 },
      createdAt: { gte: midnight },
    },
    _sum: { points: true },
  });
  return sum._sum.points ?? 0;
}

// ------------------------------------------------------------------ sign-up, birthday, adjustments

/** Points for creating a customer account (customers/create), once per customer. */
export async function creditSignup(shop: string, customerId: string, now: Date = new Date()): Promise<EarnOutcome> {
  const program = await getLoyaltyProgram(shop);
  if (!program.enabled) return { status: "skipped", reason: "loyalty programme is off" };
  if (program.signupPoints <= 0) return { status: "skipped", reason: "sign-up earns no points" };
  if (await isRedactedCustomer(shop, customerId)) return REDACTED;
  const { id: accountId } = await ensureAccount(shop, customerId);
  return withLockedAccount(shop, accountId, async (tx, account) => {
    const { appended, account: after } = await postEntries(
      tx,
      account,
      [
        {
          points: program.signupPoints,
          bucket: "available",
          kind: "earn",
          reason: "signup",
          ref: "signup",
          // Keyed by the account (one per customer), so no key on the ledger carries the customer's id.
          sourceKey: `signup:${accountId}`,
        },
      ],
      now,
    );
    if (appended.length === 0) return { status: "unchanged", accountId } as const;
    await afterLedgerChange(tx, after, program, now);
    return { status: "credited", points: program.signupPoints, accountId } as const;
  });
}

export type BirthdayResult = { ok: true; birthday: string } | { ok: false; error: string };

/** The member sets (or changes) their birthday; a change counts from today for the 30-day rule. */
export async function setMemberBirthday(
  shop: string,
  customerId: string,
  value: string,
  now: Date = new Date(),
): Promise<BirthdayResult> {
  const birthday = parseBirthday(value);
  if (!birthday) return { ok: false, error: "Enter your birthday as month and day, for example 04-17." };
  if (await isRedactedCustomer(shop, customerId)) return { ok: false, error: "This account is closed." };
  const { id: accountId } = await ensureAccount(shop, customerId);
  return withLockedAccount(shop, accountId, async (tx, account) => {
    if (account.birthday === birthday) return { ok: true, birthday } as const;
    await tx.loyaltyAccount.update({ where: { id: account.id }, data: { birthday, birthdaySetAt: now } });
    return { ok: true, birthday } as const;
  });
}

/** Birthday points for one member today, once a year; not for a birthday set in the last 30 days. */
export async function creditBirthday(shop: string, accountId: string, now: Date = new Date()): Promise<EarnOutcome> {
  const program = await getLoyaltyProgram(shop);
  if (!program.enabled || program.birthdayPoints <= 0) return { status: "skipped", reason: "birthdays earn no points" };
  return withLockedAccount(shop, accountId, async (tx, account) => {
    if (!account.birthday || !isBirthdayToday(account.birthday, now))
      return { status: "skipped", reason: "not their birthday" } as const;
    if (!account.birthdaySetAt || now.getTime() - account.birthdaySetAt.getTime() < BIRTHDAY_MIN_AGE_DAYS * DAY_MS) {
      return { status: "skipped", reason: "birthday set in the last 30 days" } as const;
    }
    const year = now.getUTCFullYear();
    const { appended, account: after } = await postEntries(
      tx,
      account,
      [
        {
          points: program.birthdayPoints,
          bucket: "available",
          kind: "earn",
          reason: "birthday",
          ref: "birthday",
          sourceKey: `birthday:${accountId}:${year}`,
        },
      ],
      now,
    );
    if (appended.length === 0) return { status: "unchanged", accountId } as const;
    await afterLedgerChange(tx, after, program, now);
    return { status: "credited", points: program.birthdayPoints, accountId } as const;
  });
}

/** 29 February is celebrated on 28 February in other years. */
export function isBirthdayToday(birthday: string, now: Date): boolean {
  const today = `${String(now.getUTCMonth() + 1).padStart(2, "0")}-${String(now.getUTCDate()).padStart(2, "0")}`;
  if (birthday === today) return true;
  const year = now.getUTCFullYear();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return birthday === "02-29" && !leap && today === "02-28";
}

export const AdjustmentSchema = z.object({
  points: z.coerce
    .number({ invalid_type_error: "Enter a whole number of points, e.g. 50 or -20." })
    .int("Enter a whole number of points, e.g. 50 or -20.")
    .refine((n) => n !== 0, "Enter a number of points other than 0.")
    .refine((n) => Math.abs(n) <= 1_000_000, "Adjust by at most 1,000,000 points at a time."),
  reason: z
    .string()
    .trim()
    .min(3, "Say why, so the member's history explains it (at least 3 characters).")
    .max(200, "Keep the reason to 200 characters."),
  /** A fresh id per form, so a double submit adjusts once. */
  requestId: z.string().regex(/^[\w-]{8,64}$/, "This form has expired; reload the page."),
});

export type AdjustResult = { ok: true; points: number } | { ok: false; fieldErrors: Record<string, string> };

/** The merchant's manual adjustment with its reason; a deduction never takes the member below zero. */
export async function adjustPoints(
  shop: string,
  accountId: string,
  input: unknown,
  now: Date = new Date(),
): Promise<AdjustResult> {
  const parsed = AdjustmentSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { ok: false, fieldErrors };
  }
  const { points, reason, requestId } = parsed.data;
  const program = await getLoyaltyProgram(shop);
  return withLockedAccount(shop, accountId, async (tx, account) => {
    if (points < 0 && account.availablePoints + points < 0) {
      return {
        ok: false,
        fieldErrors: { points: `The member has ${account.availablePoints} points available; deduct at most that.` },
      } as const;
    }
    const { appended, account: after } = await postEntries(
      tx,
      account,
      [
        {
          points,
          bucket: "available",
          kind: "adjust",
          reason: "adjustment",
          sourceKey: `adjust:${requestId}`,
          note: reason,
        },
      ],
      now,
    );
    await afterLedgerChange(tx, after, program, now, appended);
    loggerFor({ shop, module: "loyalty" }).info({ accountId, points }, "points adjusted by the merchant");
    return { ok: true, points } as const;
  });
}
