// The admin's view of the programme: figures, the members list (keyset pages on indexed columns, so it stays
// fast at 100,000 members), and one member's detail with their full ledger.
import { z } from "zod";
import db from "../../db.server";
import { getLoyaltyProgram } from "./program.server";
import { tierByKey } from "./program";
import { listRewards } from "./rewards.server";

export const MEMBER_SORTS = ["balance", "activity"] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];
export const MEMBER_PAGE_SIZE = 50;

export interface MemberRow {
  id: string;
  customerId: string;
  name: string;
  email: string | null;
  availablePoints: number;
  pendingPoints: number;
  tier: string;
  tierName: string;
  lastActivityAt: Date;
}

export interface MemberPage {
  rows: MemberRow[];
  /** Cursor of the next page, null on the last. */
  next: string | null;
  total: number;
}

const CursorSchema = z.object({ v: z.union([z.number(), z.string()]), id: z.string() });

function encodeCursor(value: number | string, id: string): string {
  return Buffer.from(JSON.stringify({ v: value, id })).toString("base64url");
}

function decodeCursor(cursor: string | null | undefined): z.infer<typeof CursorSchema> | null {
  if (!cursor) return null;
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Customers of the shop whose email or name starts with the search (at most 500, by the shop+email index). */
async function customerIdsMatching(shop: string, search: string): Promise<string[]> {
  const term = search.trim().toLowerCase();
  const rows = await db.customer.findMany({
    where: {
      shop,
      shopifyId: { not: null },
      OR: [
        { email: { startsWith: term } },
        { firstName: { startsWith: search.trim() } },
        { lastName: { startsWith: search.trim() } },
        { shopifyId: term },
      ],
    },
    select: { shopifyId: true },
    take: 500,
  });
  return rows.map((r) => r.shopifyId as string);
}

export async function listMembers(
  shop: string,
  options: { search?: string | null; sort?: MemberSort; cursor?: string | null; tier?: string | null } = {},
): Promise<MemberPage> {
  const program = await getLoyaltyProgram(shop);
  const sort = options.sort ?? "balance";
  const search = options.search?.trim() ?? "";
  const customerIds = search ? await customerIdsMatching(shop, search) : null;
  const base = {
    shop,
    ...(customerIds ? { customerId: { in: customerIds } } : {}),
    ...(options.tier ? { tier: options.tier } : {}),
  };
  const cursor = decodeCursor(options.cursor);
  const column = sort === "balance" ? "availablePoints" : "lastActivityAt";
  const cursorValue = cursor ? (sort === "balance" ? Number(cursor.v) : new Date(String(cursor.v))) : null;
  const where = cursor
    ? { ...base, OR: [{ [column]: { lt: cursorValue } }, { [column]: cursorValue, id: { gt: cursor.id } }] }
    : base;
  const [accounts, total] = await Promise.all([
    db.loyaltyAccount.findMany({
      where,
      orderBy: [{ [column]: "desc" }, { id: "asc" }],
      take: MEMBER_PAGE_SIZE + 1,
      select: {
        id: true,
        customerId: true,
        availablePoints: true,
        pendingPoints: true,
        tier: true,
        lastActivityAt: true,
        redactedAt: true,
      },
    }),
    db.loyaltyAccount.count({ where: base }),
  ]);
  const page = accounts.slice(0, MEMBER_PAGE_SIZE);
  const people = await peopleFor(
    shop,
    page.map((a) => a.customerId),
  );
  const last = page[page.length - 1];
  return {
    rows: page.map((account) => ({
      ...account,
      name: memberName(account, people),
      email: people.get(account.customerId)?.email ?? null,
      tierName: tierByKey(program, account.tier).name,
    })),
    next:
      accounts.length > MEMBER_PAGE_SIZE && last
        ? encodeCursor(sort === "balance" ? last.availablePoints : last.lastActivityAt.toISOString(), last.id)
        : null,
    total,
  };
}

const REDACTED_NAME = "Redacted customer";

function memberName(
  account: { customerId: string; redactedAt: Date | null },
  people: Map<string, { name: string }>,
): string {
  if (account.redactedAt) return REDACTED_NAME;
  return people.get(account.customerId)?.name ?? `Customer ${account.customerId}`;
}

async function peopleFor(
  shop: string,
  customerIds: string[],
): Promise<Map<string, { name: string; email: string | null }>> {
  const customers = await db.customer.findMany({
    where: { shop, shopifyId: { in: customerIds } },
    select: { shopifyId: true, firstName: true, lastName: true, email: true, redactedAt: true },
  });
  return new Map(
    customers.map((c) => [
      c.shopifyId as string,
      c.redactedAt
        ? { name: REDACTED_NAME, email: null }
        : {
            name: [c.firstName, c.lastName].filter(Boolean).join(" ") || (c.email ?? `Customer ${c.shopifyId}`),
            email: c.email,
          },
    ]),
  );
}

export interface MemberDetail {
  member: MemberRow & {
    lifetimeEarned: number;
    lifetimeRedeemed: number;
    birthday: string | null;
    tierSince: Date | null;
    joinedAt: Date;
  };
  entries: {
    id: string;
    points: number;
    bucket: string;
    kind: string;
    reason: string;
    note: string | null;
    createdAt: Date;
  }[];
  redemptions: {
    id: string;
    points: number;
    code: string | null;
    status: string;
    failureReason: string | null;
    createdAt: Date;
    endsAt: Date | null;
  }[];
}

type LedgerRow = MemberDetail["entries"][number] & { sourceKey: string };

const MATURE_OUT = ":mature-out";
const MATURE_IN = ":mature-in";

/**
 * The ledger as the merchant reads it: one line per event. Points becoming available (a review published, an
 * order's return window over) are two entries in one transaction, the same points out of pending and into
 * available; the merchant sees one line, the available half ("Review, now available +50"). The entries
 * themselves are never merged or changed; a half without its other half (cut off by the page) stays as it is.
 */
function ledgerLines(rows: readonly LedgerRow[]): MemberDetail["entries"] {
  const intoAvailable = new Map(
    rows
      .filter((row) => row.kind === "mature" && row.sourceKey.endsWith(MATURE_IN))
      .map((row) => [row.sourceKey.slice(0, -MATURE_IN.length), row.points]),
  );
  return rows
    .filter(
      (row) =>
        !(
          row.kind === "mature" &&
          row.sourceKey.endsWith(MATURE_OUT) &&
          intoAvailable.get(row.sourceKey.slice(0, -MATURE_OUT.length)) === -row.points
        ),
    )
    .map(({ sourceKey: _sourceKey, ...line }) => line);
}

export async function loadMember(shop: string, accountId: string): Promise<MemberDetail | null> {
  if (!/^[\w-]{1,64}$/.test(accountId)) return null;
  const account = await db.loyaltyAccount.findFirst({ where: { shop, id: accountId } });
  if (!account) return null;
  const program = await getLoyaltyProgram(shop);
  const [people, entries, redemptions] = await Promise.all([
    peopleFor(shop, [account.customerId]),
    db.loyaltyEntry.findMany({
      where: { shop, accountId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 500,
      select: {
        id: true,
        points: true,
        bucket: true,
        kind: true,
        reason: true,
        note: true,
        sourceKey: true,
        createdAt: true,
      },
    }),
    db.redemption.findMany({ where: { shop, accountId }, orderBy: { createdAt: "desc" }, take: 100 }),
  ]);
  const person = people.get(account.customerId);
  return {
    member: {
      id: account.id,
      customerId: account.customerId,
      name: memberName(account, people),
      email: person?.email ?? null,
      availablePoints: account.availablePoints,
      pendingPoints: account.pendingPoints,
      tier: account.tier,
      tierName: tierByKey(program, account.tier).name,
      lastActivityAt: account.lastActivityAt,
      lifetimeEarned: account.lifetimeEarned,
      lifetimeRedeemed: account.lifetimeRedeemed,
      birthday: account.birthday,
      tierSince: account.tierSince,
      joinedAt: account.createdAt,
    },
    entries: ledgerLines(entries),
    redemptions: redemptions.map((r) => ({
      id: r.id,
      points: r.points,
      code: r.discountCode,
      status: r.status,
      failureReason: r.failureReason,
      createdAt: r.createdAt,
      endsAt: r.endsAt,
    })),
  };
}

export interface ProgramFigures {
  members: number;
  pointsIssued: number;
  pointsRedeemed: number;
  pointsOutstanding: number;
  pointsPending: number;
  /** What the outstanding points are worth at the shop's rewards, in minor units of `currency`. */
  liabilityCents: number;
  /** How a point was valued: from the fixed-amount rewards, or the default when there are none. */
  centsPerPoint: number;
  valuedBy: "rewards" | "default";
  currency: string;
  /** Redeemed / issued, 0..1. */
  redemptionRate: number | null;
  /**
   * Share of customers with an order in the last 12 months who ordered again, members and non-members, as the
   * last count left it (at most a day old).
   */
  repeatRate: { members: number | null; nonMembers: number | null; countedAt: Date };
  codesIssued: number;
}

const DEFAULT_CENTS_PER_POINT = 1;

export async function programFigures(shop: string, now: Date = new Date()): Promise<ProgramFigures> {
  const [sums, members, rewards, shopRow, codesIssued] = await Promise.all([
    db.loyaltyAccount.aggregate({
      where: { shop },
      _sum: { availablePoints: true, pendingPoints: true, lifetimeEarned: true, lifetimeRedeemed: true },
    }),
    db.loyaltyAccount.count({ where: { shop } }),
    listRewards(shop, { activeOnly: true }),
    db.shop.findUnique({ where: { shop }, select: { currency: true } }),
    db.redemption.count({ where: { shop, status: "issued" } }),
  ]);
  const fixed = rewards.filter((r) => r.kind === "fixed_amount" && r.amountCents && r.pointsCost > 0);
  const centsPerPoint = fixed.length
    ? fixed.reduce((n, r) => n + (r.amountCents as number) / r.pointsCost, 0) / fixed.length
    : DEFAULT_CENTS_PER_POINT;
  const issued = sums._sum.lifetimeEarned ?? 0;
  const redeemed = sums._sum.lifetimeRedeemed ?? 0;
  const outstanding = sums._sum.availablePoints ?? 0;
  return {
    members,
    pointsIssued: issued,
    pointsRedeemed: redeemed,
    pointsOutstanding: outstanding,
    pointsPending: sums._sum.pendingPoints ?? 0,
    liabilityCents: Math.round(outstanding * centsPerPoint),
    centsPerPoint,
    valuedBy: fixed.length ? "rewards" : "default",
    currency: shopRow?.currency ?? "USD",
    redemptionRate: issued > 0 ? redeemed / issued : null,
    repeatRate: await repeatFigures(shop, now),
    codesIssued,
  };
}

const REPEAT_FIGURES_MAX_AGE_MS = 86_400_000;

/** The repeat-purchase figures as last counted; counted now when the last count is more than a day old. */
async function repeatFigures(shop: string, now: Date): Promise<ProgramFigures["repeatRate"]> {
  const last = await db.loyaltyRepeatFigures.findUnique({ where: { shop } });
  if (last && now.getTime() - last.countedAt.getTime() <= REPEAT_FIGURES_MAX_AGE_MS && last.countedAt <= now) {
    return { members: last.members, nonMembers: last.nonMembers, countedAt: last.countedAt };
  }
  return recountRepeatFigures(shop, now);
}

/** Counts the repeat-purchase figures again and keeps them (the daily sweep, or a screen finding them stale). */
export async function recountRepeatFigures(
  shop: string,
  now: Date = new Date(),
): Promise<ProgramFigures["repeatRate"]> {
  const counted = { ...(await countRepeatRates(shop, now)), countedAt: now };
  try {
    await db.loyaltyRepeatFigures.upsert({ where: { shop }, create: { shop, ...counted }, update: counted });
  } catch (error) {
    // Two screens counting at once: the other one's row is as good.
    if ((error as { code?: string }).code !== "P2002") throw error;
  }
  return counted;
}

/**
 * Of the customers with an order in the last 12 months, the share who ordered again, members against
 * non-members. One aggregate in the database: at 100,000 members, lists of ids passed back in would exceed
 * SQLite's parameter limit and move every customer through the app. It still reads every order and customer
 * of the year (about a second at 100,000 members), so its result is kept (repeatFigures).
 */
async function countRepeatRates(
  shop: string,
  now: Date,
): Promise<{ members: number | null; nonMembers: number | null }> {
  const since = new Date(now.getTime() - 365 * 86_400_000);
  const rows = await db.$queryRaw<
    { member: number | bigint; customers: number | bigint; repeaters: number | bigint }[]
  >`
    SELECT CASE WHEN a."id" IS NULL THEN 0 ELSE 1 END AS "member",
           COUNT(*) AS "customers",
           COALESCE(SUM(CASE WHEN o."orders" >= 2 THEN 1 ELSE 0 END), 0) AS "repeaters"
      FROM (SELECT "customerId", COUNT(*) AS "orders"
              FROM "Order"
             WHERE "shop" = ${shop} AND "customerId" IS NOT NULL AND "placedAt" >= ${since} AND "cancelledAt" IS NULL
             GROUP BY "customerId") o
      LEFT JOIN "Customer" c ON c."id" = o."customerId" AND c."shop" = ${shop}
      LEFT JOIN "LoyaltyAccount" a ON a."shop" = ${shop} AND a."customerId" = c."shopifyId"
     GROUP BY 1`;
  const rate = (member: boolean) => {
    const row = rows.find((r) => Number(r.member) === (member ? 1 : 0));
    return row && Number(row.customers) > 0 ? Number(row.repeaters) / Number(row.customers) : null;
  };
  return { members: rate(true), nonMembers: rate(false) };
}
