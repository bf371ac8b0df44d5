// The points ledger: every change of points is an appended LoyaltyEntry; an account's balances are the sums of
// its entries, kept apart as "available" (spendable) and "pending" (waiting for a return window or a review's
// publication). Nothing here updates or deletes an entry.
//
// Concurrency, the same on SQLite and PostgreSQL: every write runs in one transaction that starts by bumping
// the account's `version`. On PostgreSQL that UPDATE takes the row's lock, so a second transaction on the same
// account waits there before reading anything; on SQLite it takes the database's write lock before any read (a
// read first would fail with SQLITE_BUSY when it tried to upgrade). Under the lock the balance is read,
// checked (available never below zero) and the entries and the cached balances are written together.
import db, { type Db, type DbClient, dbProvider } from "../../db.server";

export const ENTRY_BUCKETS = ["available", "pending"] as const;
export type EntryBucket = (typeof ENTRY_BUCKETS)[number];
export const ENTRY_KINDS = [
  "earn",
  "mature",
  "reverse",
  "redeem",
  "compensate",
  "expire",
  "adjust",
  "opening",
  "tier",
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Kinds that count as points earned (lifetime figure, tiers by points): credits made available, less reversals. */
export const EARNED_KINDS: readonly EntryKind[] = ["earn", "mature", "reverse", "opening"];

export interface EntryInput {
  points: number;
  bucket: EntryBucket;
  kind: EntryKind;
  reason: string;
  sourceKey: string;
  ref?: string | null;
  amountCents?: number | null;
  note?: string | null;
  /** Backdated history (demo seed, imports of dated data); default now. */
  createdAt?: Date;
}

export interface LockedAccount {
  id: string;
  shop: string;
  customerId: string;
  tier: string;
  tierSince: Date | null;
  availablePoints: number;
  pendingPoints: number;
  lifetimeEarned: number;
  lifetimeRedeemed: number;
  birthday: string | null;
  birthdaySetAt: Date | null;
  lastActivityAt: Date;
  version: number;
}

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export class InsufficientPointsError extends Error {
  override name = "InsufficientPointsError";
  constructor(
    readonly available: number,
    readonly needed: number,
  ) {
    super(`Only ${available} points are available; ${needed} are needed.`);
  }
}

export class AccountNotFoundError extends Error {
  override name = "AccountNotFoundError";
}

// A burst on one shop (a sale; the benchmark's 2,000 operations at once) queues for connections and account locks:
// waiting is right, failing a member's points is not. Each transaction itself stays short (no Shopify call inside).
const TX_OPTIONS = { maxWait: 300_000, timeout: 60_000 };
// Reads here use findFirst, not findUnique: Prisma folds findUnique calls made in the same tick into one query,
// which a burst of requests (a sale, a benchmark) grows past SQLite's parameter limit.

/** The member's account, created on first use (a concurrent creation is not an error). */
export async function ensureAccount(shop: string, customerId: string, client: DbClient = db): Promise<{ id: string }> {
  if (!/^\d{1,20}$/.test(customerId)) throw new Error(`Not a Shopify customer id: ${customerId}`);
  const existing = await client.loyaltyAccount.findFirst({ where: { shop, customerId }, select: { id: true } });
  if (existing) return existing;
  if (dbProvider() === "postgresql") {
    // ON CONFLICT DO NOTHING: a failed INSERT would abort a surrounding PostgreSQL transaction.
    await (client.loyaltyAccount.createMany as unknown as (args: unknown) => Promise<unknown>)({
      data: [{ shop, customerId }],
      skipDuplicates: true,
    });
  } else {
    try {
      await client.loyaltyAccount.create({ data: { shop, customerId }, select: { id: true } });
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002") throw error;
    }
  }
  return client.loyaltyAccount.findFirstOrThrow({ where: { shop, customerId }, select: { id: true } });
}

/**
 * Runs `work` with the account locked (see the top of this file) and returns its result. `work` appends with
 * postEntries; anything it throws rolls the whole transaction back.
 */
export async function withLockedAccount<T>(
  shop: string,
  accountId: string,
  work: (tx: Tx, account: LockedAccount) => Promise<T>,
): Promise<T> {
  return db.$transaction(async (tx) => {
    const bumped = await tx.loyaltyAccount.updateMany({
      where: { id: accountId, shop },
      data: { version: { increment: 1 } },
    });
    if (bumped.count !== 1) throw new AccountNotFoundError(`No loyalty account ${accountId} in ${shop}`);
    const account = await tx.loyaltyAccount.findUniqueOrThrow({ where: { id: accountId } });
    return work(tx, account);
  }, TX_OPTIONS);
}

export interface PostResult {
  /** Entries appended (those whose sourceKey was already on the ledger are left out). */
  appended: EntryInput[];
  account: LockedAccount;
}

/**
 * Appends entries to a locked account and moves its cached balances with them. An entry whose sourceKey is
 * already on the ledger is skipped (the same event applied twice adds nothing). Throws InsufficientPointsError
 * (and so rolls back) when the available balance would go below zero, or the pending one would.
 */
export async function postEntries(
  tx: Tx,
  account: LockedAccount,
  entries: EntryInput[],
  now: Date = new Date(),
): Promise<PostResult> {
  if (entries.length === 0) return { appended: [], account };
  const keys = entries.map((entry) => entry.sourceKey);
  const seen = new Set(
    (
      await tx.loyaltyEntry.findMany({
        where: { shop: account.shop, sourceKey: { in: keys } },
        select: { sourceKey: true },
      })
    ).map((e) => e.sourceKey),
  );
  const fresh = entries.filter((entry) => {
    if (seen.has(entry.sourceKey)) return false;
    seen.add(entry.sourceKey);
    return true;
  });
  if (fresh.length === 0) return { appended: [], account };

  let available = account.availablePoints;
  let pending = account.pendingPoints;
  let earned = account.lifetimeEarned;
  let redeemed = account.lifetimeRedeemed;
  let activity = false;
  for (const entry of fresh) {
    if (!Number.isInteger(entry.points))
      throw new Error(`Points must be whole numbers (${entry.sourceKey}: ${entry.points})`);
    if (entry.bucket === "available") available += entry.points;
    else pending += entry.points;
    if (entry.bucket === "available" && EARNED_KINDS.includes(entry.kind)) earned += entry.points;
    if (entry.kind === "redeem") redeemed -= entry.points;
    if (entry.kind === "compensate") redeemed -= entry.points;
    // Earning or spending keeps points from expiring; so does the merchant adding points.
    if (
      ((entry.kind === "earn" || entry.kind === "adjust") && entry.points > 0) ||
      entry.kind === "redeem" ||
      entry.kind === "opening"
    )
      activity = true;
  }
  if (available < 0) throw new InsufficientPointsError(account.availablePoints, account.availablePoints - available);
  if (pending < 0) throw new Error(`Pending points of ${account.id} would go below zero (${pending}).`);

  await tx.loyaltyEntry.createMany({
    data: fresh.map((entry) => ({
      shop: account.shop,
      accountId: account.id,
      points: entry.points,
      bucket: entry.bucket,
      kind: entry.kind,
      reason: entry.reason,
      ref: entry.ref ?? null,
      sourceKey: entry.sourceKey,
      amountCents: entry.amountCents ?? null,
      note: entry.note ?? null,
      createdAt: entry.createdAt ?? now,
    })),
  });
  // An account that never had points was not active when it was created: backdated history sets the date.
  const untouched =
    account.availablePoints === 0 &&
    account.pendingPoints === 0 &&
    account.lifetimeEarned === 0 &&
    account.lifetimeRedeemed === 0;
  const since = untouched ? new Date(0) : account.lastActivityAt;
  const lastActivityAt = activity ? latest(since, ...fresh.map((e) => e.createdAt ?? now)) : account.lastActivityAt;
  const updated = await tx.loyaltyAccount.update({
    where: { id: account.id },
    data: {
      availablePoints: available,
      pendingPoints: pending,
      lifetimeEarned: earned,
      lifetimeRedeemed: redeemed,
      lastActivityAt,
    },
  });
  return { appended: fresh, account: updated };
}

function latest(...dates: Date[]): Date {
  return new Date(Math.max(...dates.map((d) => d.getTime())));
}

/** What one ref (an order, a review credit, a redemption) is worth on the ledger now, per bucket. */
export async function refTotals(
  tx: DbClient,
  shop: string,
  accountId: string,
  ref: string,
): Promise<{ available: number; pending: number; entries: number }> {
  const rows = await tx.loyaltyEntry.groupBy({
    by: ["bucket"],
    where: { shop, accountId, ref },
    _sum: { points: true },
    _count: { _all: true },
  });
  const sum = (bucket: EntryBucket) => rows.find((row) => row.bucket === bucket)?._sum.points ?? 0;
  return {
    available: sum("available"),
    pending: sum("pending"),
    entries: rows.reduce((n, row) => n + row._count._all, 0),
  };
}

/** An account's balances summed from its entries: what the cached columns must always equal. */
export async function ledgerTotals(
  shop: string,
  accountId: string,
  client: DbClient = db,
): Promise<{ available: number; pending: number }> {
  const rows = await client.loyaltyEntry.groupBy({
    by: ["bucket"],
    where: { shop, accountId },
    _sum: { points: true },
  });
  const sum = (bucket: EntryBucket) => rows.find((row) => row.bucket === bucket)?._sum.points ?? 0;
  return { available: sum("available"), pending: sum("pending") };
}

export interface LedgerCheck {
  accounts: number;
  /** Accounts whose cached balance differs from the sum of their entries. */
  mismatches: number;
  /** Accounts with a negative available or pending balance (cached or summed). */
  overdrafts: number;
}

/** Audits every account of a shop: cached balances against the sums of entries, and nothing below zero. */
export async function checkLedger(shop: string, client: DbClient = db): Promise<LedgerCheck> {
  const [accounts, sums] = await Promise.all([
    client.loyaltyAccount.findMany({
      where: { shop },
      select: { id: true, availablePoints: true, pendingPoints: true },
    }),
    client.loyaltyEntry.groupBy({ by: ["accountId", "bucket"], where: { shop }, _sum: { points: true } }),
  ]);
  const summed = new Map<string, { available: number; pending: number }>();
  for (const row of sums) {
    const totals = summed.get(row.accountId) ?? { available: 0, pending: 0 };
    totals[row.bucket as EntryBucket] += row._sum.points ?? 0;
    summed.set(row.accountId, totals);
  }
  let mismatches = 0;
  let overdrafts = 0;
  for (const account of accounts) {
    const totals = summed.get(account.id) ?? { available: 0, pending: 0 };
    if (totals.available !== account.availablePoints || totals.pending !== account.pendingPoints) mismatches += 1;
    if (Math.min(totals.available, totals.pending, account.availablePoints, account.pendingPoints) < 0) overdrafts += 1;
  }
  return { accounts: accounts.length, mismatches, overdrafts };
}
