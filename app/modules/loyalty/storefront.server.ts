// What a logged-in member sees on the storefront (through the app proxy): balance, tier and progress to the
// next, history in words, rewards they can redeem, and their codes. Only their own data; nothing internal
// (no merchant notes about other people, no ids of other rows).
import db from "../../db.server";
import { getLoyaltyProgram } from "./program.server";
import { nextTier, tierByKey } from "./program";
import { tierQualifying } from "./account-effects.server";
import { describeReward, listRewards } from "./rewards.server";

export interface MemberPanel {
  enabled: boolean;
  member: {
    points: number;
    pendingPoints: number;
    tier: string;
    nextTier: { name: string; needed: number; basis: "points" | "spend" } | null;
    birthday: string | null;
  } | null;
  rewards: { id: string; name: string; description: string; pointsCost: number; affordable: boolean }[];
  /**
   * Newest first. `label` is the event in English; `reason` and `kind` let the storefront say it in the shop's
   * language (its Liquid strings), and `note` is the tier's name or the shop's words on an adjustment.
   */
  history: {
    at: string;
    points: number;
    pending: boolean;
    label: string;
    reason: string;
    kind: string;
    note: string | null;
  }[];
  codes: {
    code: string | null;
    status: string;
    reward: string;
    at: string;
    endsAt: string | null;
    message: string | null;
  }[];
  earning: { perCurrencyUnit: number; review: number; photoBonus: number; signup: number; birthday: number };
}

const LABELS: Record<string, string> = {
  order: "Order",
  review: "Review",
  photo_review: "Photo or video in a review",
  signup: "Joined",
  birthday: "Birthday",
  redemption: "Reward",
  expiry: "Points expired",
  adjustment: "Adjustment from the shop",
  import: "Balance brought over",
  tier: "Tier change",
};

function label(entry: { kind: string; reason: string; note: string | null }): string {
  const base = LABELS[entry.reason] ?? "Points";
  if (entry.kind === "reverse") return `${base} (taken back)`;
  if (entry.kind === "mature") return `${base} (now available)`;
  if (entry.kind === "compensate") return "Reward refunded";
  if (entry.kind === "tier" && entry.note) return `Tier: ${entry.note}`;
  if (entry.kind === "adjust" && entry.note) return `${base}: ${entry.note}`;
  return base;
}

type HistoryEntry = {
  points: number;
  bucket: string;
  kind: string;
  reason: string;
  note: string | null;
  ref: string | null;
  createdAt: Date;
};

/**
 * The member's history as events, newest first. A credit that waited (a review until it was published, an order
 * until its return window closed) is one event to the member, not "earned, pending" and later "now available":
 * the ledger keeps both entries (the pending one and the pair that moves it), this view shows the credit once,
 * at the time it was earned, available once the whole of it has moved. A move whose credit is not among the
 * entries read, or that moves only part of it, stays a line of its own.
 */
function memberHistoryEvents(entries: readonly HistoryEntry[]): MemberPanel["history"] {
  const visible = entries.filter((e) => !(e.kind === "mature" && e.bucket === "pending"));
  const matured = new Set<HistoryEntry>();
  const folded = new Set<HistoryEntry>();
  // Oldest move first, each into the latest pending credit of its ref that is older than it and not yet taken.
  for (const move of [...visible].reverse()) {
    if (move.kind !== "mature" || move.ref === null) continue;
    const credit = visible.find(
      (e) =>
        e.kind === "earn" &&
        e.bucket === "pending" &&
        e.ref === move.ref &&
        e.points === move.points &&
        e.createdAt <= move.createdAt &&
        !matured.has(e),
    );
    if (!credit) continue;
    matured.add(credit);
    folded.add(move);
  }
  return visible
    .filter((e) => !folded.has(e) && (e.points !== 0 || e.kind === "tier"))
    .map((e) => ({
      at: e.createdAt.toISOString(),
      points: e.points,
      pending: e.bucket === "pending" && !matured.has(e),
      label: label(e),
      reason: e.reason,
      kind: e.kind,
      note: e.kind === "tier" || e.kind === "adjust" ? e.note : null,
    }));
}

export async function memberPanel(shop: string, customerId: string, now: Date = new Date()): Promise<MemberPanel> {
  const program = await getLoyaltyProgram(shop);
  const [account, rewards, shopRow] = await Promise.all([
    db.loyaltyAccount.findUnique({ where: { shop_customerId: { shop, customerId } } }),
    listRewards(shop, { activeOnly: true }),
    db.shop.findUnique({ where: { shop }, select: { currency: true } }),
  ]);
  const currency = shopRow?.currency ?? "USD";
  const earning = {
    perCurrencyUnit: program.pointsPerCurrencyUnit,
    review: program.reviewPoints,
    photoBonus: program.photoBonusPoints,
    signup: program.signupPoints,
    birthday: program.birthdayPoints,
  };
  const rewardRows = (points: number) =>
    rewards.map((r) => ({
      id: r.id,
      name: r.name,
      description: describeReward(r, currency),
      pointsCost: r.pointsCost,
      affordable: points >= r.pointsCost,
    }));
  if (!account)
    return { enabled: program.enabled, member: null, rewards: rewardRows(0), history: [], codes: [], earning };

  const qualifying = await tierQualifying(db, account, program, now);
  const next = nextTier(program, account.tier);
  const [entries, redemptions] = await Promise.all([
    db.loyaltyEntry.findMany({
      where: { shop, accountId: account.id, NOT: { kind: "mature", bucket: "pending" } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 30,
      select: { points: true, bucket: true, kind: true, reason: true, note: true, ref: true, createdAt: true },
    }),
    db.redemption.findMany({ where: { shop, accountId: account.id }, orderBy: { createdAt: "desc" }, take: 20 }),
  ]);
  const rewardName = new Map(rewards.map((r) => [r.id, r.name]));
  return {
    enabled: program.enabled,
    earning,
    member: {
      points: account.availablePoints,
      pendingPoints: account.pendingPoints,
      tier: tierByKey(program, account.tier).name,
      nextTier: next
        ? { name: next.name, needed: Math.max(0, next.threshold - qualifying), basis: program.tierBasis }
        : null,
      birthday: account.birthday,
    },
    rewards: rewardRows(account.availablePoints),
    history: memberHistoryEvents(entries),
    codes: redemptions.map((r) => ({
      code: r.status === "issued" ? r.discountCode : null,
      status: r.status,
      reward: (r.rewardId && rewardName.get(r.rewardId)) || "Reward",
      at: r.createdAt.toISOString(),
      endsAt: r.endsAt?.toISOString() ?? null,
      message:
        r.status === "failed" ? `${r.failureReason ?? "The code could not be made."} Your points were returned.` : null,
    })),
  };
}
