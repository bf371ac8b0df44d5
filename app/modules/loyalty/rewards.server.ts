// The rewards a merchant offers for points: a fixed amount off, a percentage off, or free shipping; with an
// optional minimum order and an optional code expiry (the member gets a reminder before it lapses).
import { z } from "zod";
import db from "../../db.server";

export const REWARD_KINDS = ["fixed_amount", "percentage", "free_shipping"] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];

export interface LoyaltyReward {
  id: string;
  name: string;
  kind: RewardKind;
  pointsCost: number;
  amountCents: number | null;
  percentage: number | null;
  minimumSubtotalCents: number | null;
  codeExpiryDays: number | null;
  active: boolean;
}

const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);
const money = (label: string) =>
  z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .regex(/^\d{1,7}(\.\d{1,2})?$/, `${label}: enter an amount such as 10 or 7.50.`)
      .transform((v) => Math.round(Number(v) * 100))
      .nullable(),
  );
const whole = (label: string, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : blankToNull(v)),
    z
      .number({ invalid_type_error: `${label}: enter a whole number.` })
      .int(`${label}: enter a whole number.`)
      .min(min, `${label}: at least ${min}.`)
      .max(max, `${label}: at most ${max}.`),
  );

export const RewardInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "Give the reward a name members will recognise.")
      .max(80, "Keep the name to 80 characters."),
    kind: z.enum(REWARD_KINDS, {
      errorMap: () => ({ message: "Choose a fixed amount, a percentage or free shipping." }),
    }),
    pointsCost: whole("Points", 1, 1_000_000),
    amount: money("Amount off"),
    percentage: z.preprocess(blankToNull, whole("Percentage off", 1, 100).nullable()),
    minimumSubtotal: money("Minimum order"),
    codeExpiryDays: z.preprocess(blankToNull, whole("Code valid for", 1, 730).nullable()),
  })
  .superRefine((value, ctx) => {
    if (value.kind === "fixed_amount" && !value.amount)
      ctx.addIssue({ code: "custom", path: ["amount"], message: "Amount off: enter how much the code takes off." });
    if (value.kind === "percentage" && !value.percentage)
      ctx.addIssue({ code: "custom", path: ["percentage"], message: "Percentage off: enter 1 to 100." });
  });

/** A stored row (its kind a plain string) as the reward the app works with. */
function toReward(row: Omit<LoyaltyReward, "kind"> & { kind: string }): LoyaltyReward {
  return {
    ...row,
    kind: (REWARD_KINDS as readonly string[]).includes(row.kind) ? (row.kind as RewardKind) : "fixed_amount",
  };
}

export async function listRewards(shop: string, options: { activeOnly?: boolean } = {}): Promise<LoyaltyReward[]> {
  const rows = await db.loyaltyReward.findMany({
    where: { shop, ...(options.activeOnly ? { active: true } : {}) },
    orderBy: [{ active: "desc" }, { pointsCost: "asc" }, { createdAt: "asc" }],
    take: 100,
  });
  return rows.map(toReward);
}

export async function findReward(shop: string, rewardId: string): Promise<LoyaltyReward | null> {
  if (!/^[\w-]{1,64}$/.test(rewardId)) return null;
  const row = await db.loyaltyReward.findFirst({ where: { shop, id: rewardId } });
  return row ? toReward(row) : null;
}

export type SaveRewardResult = { ok: true; reward: LoyaltyReward } | { ok: false; fieldErrors: Record<string, string> };

/** Creates a reward, or changes one (`rewardId`); codes already issued keep the terms they were made with. */
export async function saveReward(shop: string, input: unknown, rewardId?: string): Promise<SaveRewardResult> {
  const parsed = RewardInputSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { ok: false, fieldErrors };
  }
  const v = parsed.data;
  const data = {
    name: v.name,
    kind: v.kind,
    pointsCost: v.pointsCost,
    amountCents: v.kind === "fixed_amount" ? v.amount : null,
    percentage: v.kind === "percentage" ? v.percentage : null,
    minimumSubtotalCents: v.minimumSubtotal,
    codeExpiryDays: v.codeExpiryDays,
  };
  if (rewardId) {
    const updated = await db.loyaltyReward.updateMany({ where: { shop, id: rewardId }, data });
    if (updated.count !== 1) return { ok: false, fieldErrors: { form: "That reward no longer exists." } };
    return { ok: true, reward: toReward(await db.loyaltyReward.findUniqueOrThrow({ where: { id: rewardId } })) };
  }
  return { ok: true, reward: toReward(await db.loyaltyReward.create({ data: { shop, ...data } })) };
}

/** Offered or withdrawn; a withdrawn reward cannot be redeemed, and its issued codes stay valid. */
export async function setRewardActive(shop: string, rewardId: string, active: boolean): Promise<boolean> {
  const updated = await db.loyaltyReward.updateMany({ where: { shop, id: rewardId }, data: { active } });
  return updated.count === 1;
}

/** What the reward gives, in a member's words ("$10 off", "15% off", "Free shipping"). */
export function describeReward(
  reward: Pick<LoyaltyReward, "kind" | "amountCents" | "percentage" | "minimumSubtotalCents">,
  currency: string,
): string {
  const fmt = (cents: number) =>
    new Intl.NumberFormat("en", { style: "currency", currency, minimumFractionDigits: cents % 100 ? 2 : 0 }).format(
      cents / 100,
    );
  const what =
    reward.kind === "percentage"
      ? `${reward.percentage}% off`
      : reward.kind === "free_shipping"
        ? "Free shipping"
        : `${fmt(reward.amountCents ?? 0)} off`;
  return reward.minimumSubtotalCents ? `${what} orders over ${fmt(reward.minimumSubtotalCents)}` : what;
}

/** The rewards screen: every reward with its description in the shop's currency. */
export async function rewardsForAdmin(
  shop: string,
): Promise<{ currency: string; rewards: (LoyaltyReward & { description: string })[] }> {
  const [rewards, row] = await Promise.all([
    listRewards(shop),
    db.shop.findFirst({ where: { shop }, select: { currency: true } }),
  ]);
  const currency = row?.currency ?? "USD";
  return { currency, rewards: rewards.map((r) => ({ ...r, description: describeReward(r, currency) })) };
}
