// Redeeming points for a discount code, exactly once per request, with the points back if Shopify says no.
//
// 1. One transaction on the locked account: the member's request id (fixed per click, sent again on a retry)
//    finds an earlier redemption, or the available balance is checked, the Redemption row is written with its
//    code already chosen (derived from its id) and the debit appended. A job to finish it is queued with it.
// 2. Shopify is asked for that code, bound to the customer, single use. Created -> issued.
// 3. An answer that says the code exists already (TAKEN: an earlier attempt did reach Shopify, e.g. a timeout
//    after success) -> look it up and issue it. Because the code is fixed before the first call, asking again
//    can never make a second code.
// 4. A refusal (userErrors, a terminal error) -> the redemption fails and a compensating entry puts the points
//    back, once (conditional update on "pending" + the entry's unique sourceKey). The member sees why.
// 5. No answer, 5xx, throttling -> the code is looked up; if it is not there the redemption stays pending and
//    the queued job tries again with backoff; on its last attempt it compensates.
import { createHash, randomUUID } from "node:crypto";
import db from "../../db.server";
import { loggerFor } from "../../logger.server";
import {
  createCustomerDiscountCode,
  createCustomerFreeShippingCode,
  findDiscountByCode,
  ShopifyAdminError,
  ShopifyUserError,
  type AdminCallOptions,
  type AdminGraphql,
  type CreatedDiscountCode,
} from "../shopify";
import { enqueueJob } from "../jobs";
import { afterLedgerChange, queueBalanceMirror } from "./account-effects.server";
import { LOYALTY_JOBS } from "./job-types";
import { postEntries, withLockedAccount } from "./ledger.server";
import { getLoyaltyProgram } from "./program.server";
import { findReward, type LoyaltyReward } from "./rewards.server";

const DAY_MS = 86_400_000;
/** The code reminder goes out this many days before an expiring code lapses. */
export const CODE_REMINDER_DAYS = 3;
/** When the safety-net job first looks at a redemption the request itself could not finish. */
const FINISH_DELAY_MS = 30_000;
/** A finisher's claim on a redemption lasts this long (longer than the gateway's retries and timeouts). */
const FINISH_LEASE_MS = 120_000;
/** How long a second finisher (a double click) waits for the first's outcome before answering "pending". */
const WAIT_FOR_FINISHER_MS = 10_000;

export type RedeemResult =
  | { status: "issued"; redemptionId: string; code: string; endsAt: Date | null; points: number }
  | { status: "pending"; redemptionId: string; points: number; message: string }
  | { status: "failed"; redemptionId: string; points: number; message: string }
  | {
      status: "refused";
      reason: "not_enough_points" | "unknown_reward" | "programme_off" | "bad_request";
      message: string;
    };

export interface RedeemOptions {
  now?: Date;
  admin?: AdminCallOptions;
}

/** Derived from the redemption id: the same redemption always asks Shopify for the same code. */
export function codeForRedemption(redemptionId: string): string {
  const digest = createHash("sha256").update(`kundrost-redemption:${redemptionId}`).digest();
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  let code = "";
  for (let i = 0; i < 10; i++) code += alphabet[digest[i] % alphabet.length];
  return `KR-${code}`;
}

export async function redeemReward(
  shop: string,
  input: { customerId: string; rewardId: string; requestId: string },
  graphql: AdminGraphql,
  options: RedeemOptions = {},
): Promise<RedeemResult> {
  const now = options.now ?? new Date();
  if (!/^[\w-]{8,64}$/.test(input.requestId) || !/^\d{1,20}$/.test(input.customerId)) {
    return { status: "refused", reason: "bad_request", message: "This page has expired. Reload it and try again." };
  }
  const program = await getLoyaltyProgram(shop);
  if (!program.enabled)
    return { status: "refused", reason: "programme_off", message: "Rewards are not available right now." };
  const reward = await findReward(shop, input.rewardId);
  if (!reward || !reward.active)
    return { status: "refused", reason: "unknown_reward", message: "This reward is no longer offered." };
  const account = await db.loyaltyAccount.findFirst({
    where: { shop, customerId: input.customerId },
    select: { id: true },
  });
  if (!account)
    return {
      status: "refused",
      reason: "not_enough_points",
      message: `You need ${reward.pointsCost} points for this reward.`,
    };

  const idempotencyKey = `${account.id}:${input.requestId}`;
  const debit = await withLockedAccount(shop, account.id, async (tx, locked) => {
    const earlier = await tx.redemption.findFirst({ where: { shop, idempotencyKey }, select: { id: true } });
    if (earlier) return { redemptionId: earlier.id, created: false } as const;
    if (locked.availablePoints < reward.pointsCost) {
      return { refused: locked.availablePoints } as const;
    }
    const redemptionId = randomUUID();
    await tx.redemption.create({
      data: {
        id: redemptionId,
        shop,
        accountId: locked.id,
        rewardId: reward.id,
        points: reward.pointsCost,
        idempotencyKey,
        discountCode: codeForRedemption(redemptionId),
        status: "pending",
      },
    });
    const { appended, account: after } = await postEntries(
      tx,
      locked,
      [
        {
          points: -reward.pointsCost,
          bucket: "available",
          kind: "redeem",
          reason: "redemption",
          ref: `redemption:${redemptionId}`,
          sourceKey: `redemption:${redemptionId}:debit`,
          note: reward.name,
        },
      ],
      now,
    );
    await enqueueJob(
      {
        type: LOYALTY_JOBS.finishRedemption,
        shop,
        payload: { shop, redemptionId },
        runAt: new Date(now.getTime() + FINISH_DELAY_MS),
        uniqueKey: `${LOYALTY_JOBS.finishRedemption}:${redemptionId}`,
      },
      tx,
    );
    await afterLedgerChange(tx, after, program, now, appended);
    return { redemptionId, created: true } as const;
  });
  if ("refused" in debit) {
    return {
      status: "refused",
      reason: "not_enough_points",
      message: `You need ${reward.pointsCost} points for this reward and have ${debit.refused}.`,
    };
  }
  return finishRedemption(shop, debit.redemptionId, graphql, { ...options, lastAttempt: false });
}

export interface FinishOptions extends RedeemOptions {
  /** The job's last try: a code Shopify does not have by now is given up and the points restored. */
  lastAttempt?: boolean;
}

/** Brings a pending redemption to issued or failed (see the top of this file); safe to call concurrently and again. */
export async function finishRedemption(
  shop: string,
  redemptionId: string,
  graphql: AdminGraphql,
  options: FinishOptions = {},
): Promise<RedeemResult> {
  const now = options.now ?? new Date();
  const redemption = await db.redemption.findFirst({ where: { shop, id: redemptionId } });
  if (!redemption) return { status: "refused", reason: "bad_request", message: "No such redemption." };
  if (redemption.status !== "pending") return resultOf(redemption);
  // One finisher at a time asks Shopify (a double click, the request and its safety-net job): the others wait
  // for its outcome. A claim older than the lease is taken over (its holder died).
  const claimed = await db.redemption.updateMany({
    where: {
      shop,
      id: redemptionId,
      status: "pending",
      OR: [{ attemptAt: null }, { attemptAt: { lt: new Date(Date.now() - FINISH_LEASE_MS) } }],
    },
    data: { attemptAt: new Date() },
  });
  if (claimed.count !== 1) return waitForOutcome(shop, redemptionId);
  try {
    return await attemptRedemption(shop, redemption, graphql, options, now);
  } finally {
    await db.redemption.updateMany({ where: { shop, id: redemptionId, status: "pending" }, data: { attemptAt: null } });
  }
}

/** Waits (briefly) for the finisher holding the claim, then reports where the redemption stands. */
async function waitForOutcome(shop: string, redemptionId: string): Promise<RedeemResult> {
  const until = Date.now() + WAIT_FOR_FINISHER_MS;
  for (;;) {
    const row = await db.redemption.findFirstOrThrow({ where: { shop, id: redemptionId } });
    if (row.status !== "pending" || row.attemptAt === null || Date.now() > until) return resultOf(row);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function attemptRedemption(
  shop: string,
  redemption: {
    id: string;
    accountId: string;
    rewardId: string | null;
    discountCode: string | null;
    createdAt: Date;
    points: number;
  },
  graphql: AdminGraphql,
  options: FinishOptions,
  now: Date,
): Promise<RedeemResult> {
  const log = loggerFor({ shop, module: "loyalty" }).child({ redemptionId: redemption.id });
  const account = await db.loyaltyAccount.findUniqueOrThrow({
    where: { id: redemption.accountId },
    select: { customerId: true },
  });
  const reward = redemption.rewardId ? await findReward(shop, redemption.rewardId) : null;
  const code = redemption.discountCode ?? codeForRedemption(redemption.id);
  if (!reward) return compensate(shop, redemption.id, "The reward was removed before the code could be made.", now);

  const endsAt = reward.codeExpiryDays
    ? new Date(redemption.createdAt.getTime() + reward.codeExpiryDays * DAY_MS)
    : null;
  try {
    const created = await createCode(graphql, shop, reward, code, account.customerId, endsAt, options.admin);
    return markIssued(shop, redemption.id, created.id, endsAt, now);
  } catch (error) {
    if (error instanceof ShopifyUserError && !error.userErrors.some((e) => e.code === "TAKEN")) {
      log.warn({ userErrors: error.userErrors }, "Shopify refused the reward code");
      return compensate(
        shop,
        redemption.id,
        `Shopify could not create the code: ${error.userErrors.map((e) => e.message).join(" ")}`,
        now,
      );
    }
    if (!(error instanceof ShopifyUserError) && error instanceof ShopifyAdminError && error.terminal) {
      log.warn({ err: error }, "Shopify refused the reward code");
      return compensate(shop, redemption.id, "The shop could not create a discount code just now.", now);
    }
    if (!(error instanceof ShopifyAdminError)) throw error;
    // TAKEN, no answer, 5xx, throttled: did an earlier attempt make it?
    let found: Awaited<ReturnType<typeof findDiscountByCode>> | undefined;
    try {
      found = await findDiscountByCode(graphql, shop, code, options.admin);
    } catch (lookupError) {
      log.warn({ err: lookupError }, "could not look the reward code up");
    }
    if (found) return markIssued(shop, redemption.id, found.id, found.endsAt ?? endsAt, now);
    if (found === null && error instanceof ShopifyUserError) {
      return compensate(shop, redemption.id, "Shopify could not create the code.", now);
    }
    if (options.lastAttempt)
      return compensate(shop, redemption.id, "Shopify did not answer in time, so no code was made.", now);
    log.info({ err: error }, "reward code not confirmed yet; the finish job will try again");
    return {
      status: "pending",
      redemptionId: redemption.id,
      points: redemption.points,
      message: "Your code is being created. It will show here in a moment.",
    };
  }
}

function createCode(
  graphql: AdminGraphql,
  shop: string,
  reward: LoyaltyReward,
  code: string,
  customerId: string,
  endsAt: Date | null,
  admin: AdminCallOptions | undefined,
): Promise<CreatedDiscountCode> {
  const title = `Kundröst reward: ${reward.name} (${code})`;
  const minimumSubtotal = reward.minimumSubtotalCents ? (reward.minimumSubtotalCents / 100).toFixed(2) : null;
  if (reward.kind === "free_shipping") {
    return createCustomerFreeShippingCode(graphql, shop, { code, title, customerId, endsAt, minimumSubtotal }, admin);
  }
  const value =
    reward.kind === "percentage"
      ? { percentage: (reward.percentage ?? 0) / 100 }
      : { amount: ((reward.amountCents ?? 0) / 100).toFixed(2) };
  return createCustomerDiscountCode(graphql, shop, { code, title, customerId, value, endsAt, minimumSubtotal }, admin);
}

async function markIssued(
  shop: string,
  redemptionId: string,
  discountId: string,
  endsAt: Date | null,
  now: Date,
): Promise<RedeemResult> {
  const updated = await db.redemption.updateMany({
    where: { shop, id: redemptionId, status: "pending" },
    data: { status: "issued", discountId, endsAt, issuedAt: now },
  });
  if (updated.count === 1 && endsAt && endsAt.getTime() - CODE_REMINDER_DAYS * DAY_MS > now.getTime()) {
    const row = await db.redemption.findFirstOrThrow({
      where: { shop, id: redemptionId },
      select: { accountId: true },
    });
    await enqueueJob({
      type: LOYALTY_JOBS.memberEmail,
      shop,
      payload: { shop, accountId: row.accountId, kind: "code_expiring", key: redemptionId, redemptionId },
      runAt: new Date(endsAt.getTime() - CODE_REMINDER_DAYS * DAY_MS),
      uniqueKey: `${LOYALTY_JOBS.memberEmail}:code:${redemptionId}`,
    });
  }
  return resultOf(await db.redemption.findUniqueOrThrow({ where: { id: redemptionId } }));
}

/** Fails a pending redemption and puts its points back, once, whoever gets here first. */
async function compensate(shop: string, redemptionId: string, reason: string, now: Date): Promise<RedeemResult> {
  const row = await db.redemption.findFirstOrThrow({ where: { shop, id: redemptionId }, select: { accountId: true } });
  await withLockedAccount(shop, row.accountId, async (tx, account) => {
    const failed = await tx.redemption.updateMany({
      where: { shop, id: redemptionId, status: "pending" },
      data: { status: "failed", failureReason: reason },
    });
    if (failed.count !== 1) return;
    const redemption = await tx.redemption.findUniqueOrThrow({ where: { id: redemptionId } });
    const { account: after } = await postEntries(
      tx,
      account,
      [
        {
          points: redemption.points,
          bucket: "available",
          kind: "compensate",
          reason: "redemption",
          ref: `redemption:${redemptionId}`,
          sourceKey: `redemption:${redemptionId}:restore`,
          note: reason,
        },
      ],
      now,
    );
    await queueBalanceMirror(tx, after);
  });
  loggerFor({ shop, module: "loyalty" }).warn({ redemptionId, reason }, "redemption failed; points restored");
  return resultOf(await db.redemption.findUniqueOrThrow({ where: { id: redemptionId } }));
}

function resultOf(redemption: {
  id: string;
  status: string;
  points: number;
  discountCode: string | null;
  endsAt: Date | null;
  failureReason: string | null;
}): RedeemResult {
  if (redemption.status === "issued") {
    return {
      status: "issued",
      redemptionId: redemption.id,
      code: redemption.discountCode ?? "",
      endsAt: redemption.endsAt,
      points: redemption.points,
    };
  }
  if (redemption.status === "failed") {
    return {
      status: "failed",
      redemptionId: redemption.id,
      points: redemption.points,
      message: `${redemption.failureReason ?? "The code could not be made."} Your ${redemption.points} points are back in your balance.`,
    };
  }
  return {
    status: "pending",
    redemptionId: redemption.id,
    points: redemption.points,
    message: "Your code is being created. It will show here in a moment.",
  };
}
