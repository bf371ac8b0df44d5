// What follows a change on a member's ledger, inside the same transaction: the tier (promotion only here;
// the daily sweep may demote when earnings leave the window, spending never does), and the balance mirror
// onto the customer's metafields, queued so Shopify is never called while the account is locked.
import type { DbClient } from "../../db.server";
import { enqueueJob } from "../jobs";
import { LOYALTY_JOBS } from "./job-types";
import { EARNED_KINDS, postEntries, type EntryInput, type LockedAccount, type Tx } from "./ledger.server";
import { tierByKey, tierFor, tierLadder, tierWindowStart, type LoyaltyProgram } from "./program";

/** Points earned (or whole currency units spent) inside the programme's tier window. */
export async function tierQualifying(
  tx: DbClient,
  account: Pick<LockedAccount, "shop" | "id">,
  program: LoyaltyProgram,
  now: Date,
): Promise<number> {
  const since = tierWindowStart(program.tierWindow, now);
  if (program.tierBasis === "spend") {
    const spent = await tx.loyaltyEntry.aggregate({
      where: { shop: account.shop, accountId: account.id, reason: "order", createdAt: { gte: since } },
      _sum: { amountCents: true },
    });
    return Math.floor((spent._sum.amountCents ?? 0) / 100);
  }
  const earned = await tx.loyaltyEntry.aggregate({
    where: {
      shop: account.shop,
      accountId: account.id,
      bucket: "available",
      kind: { in: ["earn", "mature", "reverse", "opening"] },
      createdAt: { gte: since },
    },
    _sum: { points: true },
  });
  return earned._sum.points ?? 0;
}

/**
 * Moves the member to the tier they qualify for, as a zero-point "tier" entry in their history, and queues the
 * email. Without `allowDemotion` only promotions happen.
 */
export async function settleTier(
  tx: Tx,
  account: LockedAccount,
  program: LoyaltyProgram,
  now: Date,
  options: { allowDemotion?: boolean } = {},
): Promise<LockedAccount> {
  if (!program.enabled) return account;
  const qualifying = await tierQualifying(tx, account, program, now);
  const target = tierFor(program, qualifying);
  const ladder = tierLadder(program);
  const rank = (key: string) => ladder.findIndex((tier) => tier.key === key);
  const current = tierByKey(program, account.tier);
  const currentRank = rank(account.tier) === -1 ? 0 : rank(account.tier);
  const targetRank = rank(target.key);
  if (targetRank === currentRank && current.key === account.tier) return account;
  if (targetRank < currentRank && !options.allowDemotion) return account;
  const promoted = targetRank > currentRank;
  const note = `${current.name} → ${target.name}`;
  const { account: after } = await postEntries(
    tx,
    account,
    [
      {
        points: 0,
        bucket: "available",
        kind: "tier",
        reason: "tier",
        sourceKey: `tier:${account.id}:${account.version}`,
        note,
        ref: `tier:${target.key}`,
      },
    ],
    now,
  );
  const moved = await tx.loyaltyAccount.update({
    where: { id: account.id },
    data: { tier: target.key, tierSince: now },
  });
  await enqueueJob(
    {
      type: LOYALTY_JOBS.memberEmail,
      shop: account.shop,
      payload: {
        shop: account.shop,
        accountId: account.id,
        kind: promoted ? "tier_up" : "tier_down",
        key: `${account.version}`,
        tierName: target.name,
      },
      uniqueKey: `${LOYALTY_JOBS.memberEmail}:tier:${account.id}:${account.version}`,
    },
    tx,
  );
  return { ...after, tier: moved.tier, tierSince: moved.tierSince };
}

/** Changes to one account within this many ms share one mirror job, run at the end of the slot. */
const MIRROR_SLOT_MS = 10_000;

/**
 * Queues the metafield mirror of the account. The job reads the account when it runs, so one job per account per
 * 10-second slot (run at the slot's end) mirrors every change made in that slot: a burst costs one Admin call.
 */
export async function queueBalanceMirror(
  tx: Tx,
  account: Pick<LockedAccount, "shop" | "id">,
  now: Date = new Date(),
): Promise<void> {
  const slot = Math.floor(now.getTime() / MIRROR_SLOT_MS);
  await enqueueJob(
    {
      type: LOYALTY_JOBS.mirrorBalance,
      shop: account.shop,
      payload: { shop: account.shop, accountId: account.id },
      runAt: new Date((slot + 1) * MIRROR_SLOT_MS),
      uniqueKey: `${LOYALTY_JOBS.mirrorBalance}:${account.id}:${slot}`,
    },
    tx,
  );
}

/** Whether entries can move a member's tier: points earned (by points) or an order's amount (by spend). */
function movesTier(entries: readonly EntryInput[]): boolean {
  return entries.some((e) => (e.bucket === "available" && EARNED_KINDS.includes(e.kind)) || e.amountCents != null);
}

/**
 * The usual tail of a ledger change: tier (when the change can move it; an adjustment, a redemption or a refund
 * of a redemption cannot), then the mirror.
 */
export async function afterLedgerChange(
  tx: Tx,
  account: LockedAccount,
  program: LoyaltyProgram,
  now: Date,
  appended?: readonly EntryInput[],
): Promise<LockedAccount> {
  const settled = appended && !movesTier(appended) ? account : await settleTier(tx, account, program, now);
  await queueBalanceMirror(tx, settled, now);
  return settled;
}
