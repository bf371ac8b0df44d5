// The daily work on a shop's members: points that expire (after the programme's expiry period without earning
// or spending; pending points never expire), the warning and last-chance emails before that, birthday points,
// and tiers whose qualifying earnings have left the window (the only way a member moves down).
import db from "../../db.server";
import { enqueueJob } from "../jobs";
import { shopsNotInstalled } from "../shops";
import { loggerFor } from "../../logger.server";
import { queueBalanceMirror, settleTier } from "./account-effects.server";
import { creditBirthday } from "./earning.server";
import { LOYALTY_JOBS } from "./job-types";
import { postEntries, withLockedAccount } from "./ledger.server";
import { getLoyaltyProgram } from "./program.server";
import { recountRepeatFigures } from "./members.server";
import { BASE_TIER, EXPIRY_LAST_CHANCE_DAYS, EXPIRY_WARNING_DAYS } from "./program";

const DAY_MS = 86_400_000;
const PAGE = 500;

export interface SweepSummary {
  expired: number;
  warned: number;
  lastChance: number;
  birthdays: number;
  tiersSettled: number;
}

export async function sweepShop(shop: string, now: Date = new Date()): Promise<SweepSummary> {
  const program = await getLoyaltyProgram(shop);
  const summary: SweepSummary = { expired: 0, warned: 0, lastChance: 0, birthdays: 0, tiersSettled: 0 };
  if (!program.enabled) return summary;

  if (program.expiryDays !== null) {
    const expireBefore = new Date(now.getTime() - program.expiryDays * DAY_MS);
    for await (const account of accountsWhere(shop, {
      availablePoints: { gt: 0 },
      lastActivityAt: { lte: expireBefore },
    })) {
      const done = await withLockedAccount(shop, account.id, async (tx, locked) => {
        if (locked.availablePoints <= 0 || locked.lastActivityAt > expireBefore) return false;
        const { appended, account: after } = await postEntries(
          tx,
          locked,
          [
            {
              points: -locked.availablePoints,
              bucket: "available",
              kind: "expire",
              reason: "expiry",
              sourceKey: `expiry:${locked.id}:${locked.lastActivityAt.toISOString()}`,
              note: `No points earned or spent for ${program.expiryDays} days`,
            },
          ],
          now,
        );
        if (appended.length > 0) await queueBalanceMirror(tx, after);
        return appended.length > 0;
      });
      if (done) summary.expired += 1;
    }
    for (const [kind, days] of [
      ["expiry_last_chance", EXPIRY_LAST_CHANCE_DAYS],
      ["expiry_warning", EXPIRY_WARNING_DAYS],
    ] as const) {
      const from = new Date(now.getTime() - program.expiryDays * DAY_MS);
      const to = new Date(now.getTime() - (program.expiryDays - days) * DAY_MS);
      // The warning goes to those inside its window but not yet inside the last-chance one.
      const until =
        kind === "expiry_warning"
          ? new Date(now.getTime() - (program.expiryDays - EXPIRY_LAST_CHANCE_DAYS) * DAY_MS)
          : from;
      for await (const account of accountsWhere(shop, {
        availablePoints: { gt: 0 },
        redactedAt: null,
        lastActivityAt: { gt: kind === "expiry_warning" ? until : from, lte: to },
      })) {
        const expiresAt = new Date(account.lastActivityAt.getTime() + program.expiryDays * DAY_MS);
        const key = account.lastActivityAt.toISOString();
        const job = await enqueueJob({
          type: LOYALTY_JOBS.memberEmail,
          shop,
          payload: {
            shop,
            accountId: account.id,
            kind,
            key,
            points: account.availablePoints,
            expiresAt: expiresAt.toISOString(),
          },
          uniqueKey: `${LOYALTY_JOBS.memberEmail}:${kind}:${account.id}:${key}`,
        });
        if (job.created) summary[kind === "expiry_warning" ? "warned" : "lastChance"] += 1;
      }
    }
  }

  const today = `${String(now.getUTCMonth() + 1).padStart(2, "0")}-${String(now.getUTCDate()).padStart(2, "0")}`;
  const birthdays = today === "02-28" ? [today, "02-29"] : [today];
  for await (const account of accountsWhere(shop, { birthday: { in: birthdays } })) {
    const result = await creditBirthday(shop, account.id, now);
    if (result.status === "credited") summary.birthdays += 1;
  }

  for await (const account of accountsWhere(shop, { tier: { not: BASE_TIER.key } })) {
    const moved = await withLockedAccount(shop, account.id, async (tx, locked) => {
      const after = await settleTier(tx, locked, program, now, { allowDemotion: true });
      if (after.tier !== locked.tier) await queueBalanceMirror(tx, after);
      return after.tier !== locked.tier;
    });
    if (moved) summary.tiersSettled += 1;
  }
  // The Loyalty screen's repeat-purchase figures, counted here so the screen need not.
  await recountRepeatFigures(shop, now);
  loggerFor({ shop, module: "loyalty" }).info(summary, "daily loyalty sweep");
  return summary;
}

type AccountFilter = NonNullable<Parameters<typeof db.loyaltyAccount.findMany>[0]>["where"];

/** Accounts matching `where`, a page at a time in id order (the sweep writes as it goes). */
async function* accountsWhere(shop: string, where: AccountFilter) {
  let after: string | undefined;
  for (;;) {
    const page = await db.loyaltyAccount.findMany({
      where: { ...where, shop, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: PAGE,
      select: { id: true, availablePoints: true, lastActivityAt: true },
    });
    yield* page;
    if (page.length < PAGE) return;
    after = page[page.length - 1].id;
  }
}

/** Shops whose members the daily sweep visits: installed, with at least one member. */
export async function shopsWithMembers(): Promise<string[]> {
  const shops = await db.loyaltyAccount.groupBy({
    by: ["shop"],
    where: { shop: { notIn: await shopsNotInstalled() } },
  });
  return shops.map((s) => s.shop);
}
