// The loyalty programme's rules as plain functions: a shop's settings (validated, with defaults), points for
// an order, the tier a member qualifies for. Pure, so the settings screen can use them in the browser bundle.
import { z } from "zod";

export const TIER_BASES = ["points", "spend"] as const;
export type TierBasis = (typeof TIER_BASES)[number];
export const TIER_WINDOWS = ["rolling12", "calendar"] as const;
export type TierWindow = (typeof TIER_WINDOWS)[number];
export const MAX_TIERS = 4;
/** Every member starts here; a tier the merchant defines is entered above it. */
export const BASE_TIER = { key: "member", name: "Member", threshold: 0, multiplier: 1 } as const;

const TierSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{1,30}$/, "Use lower-case letters, digits and dashes for the tier key."),
  name: z.string().trim().min(1, "Give the tier a name.").max(40, "Keep the tier name to 40 characters."),
  threshold: z.number().int().min(1, "A tier's threshold must be at least 1.").max(100_000_000),
  multiplier: z
    .number()
    .min(1, "A multiplier below 1 would take points away.")
    .max(10, "Keep the multiplier at 10 or less."),
});
export type LoyaltyTier = z.infer<typeof TierSchema>;

export const TiersSchema = z
  .array(TierSchema)
  .max(MAX_TIERS, `Up to ${MAX_TIERS} tiers.`)
  .superRefine((tiers, ctx) => {
    for (let i = 1; i < tiers.length; i++) {
      if (tiers[i].threshold <= tiers[i - 1].threshold) {
        ctx.addIssue({
          code: "custom",
          path: [i, "threshold"],
          message: "Each tier needs a higher threshold than the one before.",
        });
      }
    }
    const keys = new Set(tiers.map((t) => t.key));
    if (keys.size !== tiers.length || keys.has(BASE_TIER.key)) {
      ctx.addIssue({ code: "custom", message: "Tier keys must be different from each other and from “member”." });
    }
  });

const Points = (max: number) => z.number().int().min(0).max(max);

export const LoyaltyProgramSchema = z.object({
  enabled: z.boolean(),
  pointsPerCurrencyUnit: Points(1000),
  includeShipping: z.boolean(),
  includeTax: z.boolean(),
  returnWindowDays: z.number().int().min(0).max(365),
  reviewPoints: Points(100_000),
  photoBonusPoints: Points(100_000),
  signupPoints: Points(100_000),
  birthdayPoints: Points(100_000),
  dailyCapPoints: Points(1_000_000),
  expiryDays: z.number().int().min(60).max(3650).nullable(),
  tierBasis: z.enum(TIER_BASES),
  tierWindow: z.enum(TIER_WINDOWS),
  tiers: TiersSchema,
});
export type LoyaltyProgram = z.infer<typeof LoyaltyProgramSchema>;

/** The defaults a shop starts with (the LoyaltySettings column defaults, plus three tiers to start from). */
export const DEFAULT_PROGRAM: LoyaltyProgram = {
  enabled: true,
  pointsPerCurrencyUnit: 1,
  includeShipping: false,
  includeTax: false,
  returnWindowDays: 14,
  reviewPoints: 50,
  photoBonusPoints: 25,
  signupPoints: 100,
  birthdayPoints: 100,
  dailyCapPoints: 500,
  expiryDays: 365,
  tierBasis: "points",
  tierWindow: "rolling12",
  tiers: [
    { key: "silver", name: "Silver", threshold: 500, multiplier: 1.25 },
    { key: "gold", name: "Gold", threshold: 1500, multiplier: 1.5 },
  ],
};

/** Days before expiry for the two reminder emails. */
export const EXPIRY_WARNING_DAYS = 30;
export const EXPIRY_LAST_CHANCE_DAYS = 7;
/** A birthday set this recently earns nothing this year (a member cannot move it to today for points). */
export const BIRTHDAY_MIN_AGE_DAYS = 30;

export interface OrderAmounts {
  /** After line and order discounts, before shipping and tax (Shopify's current_subtotal_price). */
  subtotalCents: number;
  shippingCents: number;
  taxCents: number;
}

/** The part of an order that earns points, by the shop's shipping and tax settings. */
export function eligibleOrderCents(
  order: OrderAmounts,
  program: Pick<LoyaltyProgram, "includeShipping" | "includeTax">,
): number {
  const cents =
    order.subtotalCents +
    (program.includeShipping ? order.shippingCents : 0) +
    (program.includeTax ? order.taxCents : 0);
  return Math.max(0, cents);
}

/** Points for an eligible amount: whole currency units times the rate times the member's tier multiplier. */
export function pointsForAmount(eligibleCents: number, pointsPerCurrencyUnit: number, multiplier = 1): number {
  return Math.floor(Math.floor(eligibleCents / 100) * pointsPerCurrencyUnit * multiplier);
}

/** Points to take back for a refund of `refundedCents` of an order that earned `earnedPoints` on `eligibleCents`. */
export function pointsToReverse(earnedPoints: number, eligibleCents: number, refundedCents: number): number {
  if (eligibleCents <= 0 || refundedCents <= 0) return 0;
  return Math.min(earnedPoints, Math.round((earnedPoints * refundedCents) / eligibleCents));
}

/** All tiers, the base tier first. */
export function tierLadder(program: Pick<LoyaltyProgram, "tiers">): LoyaltyTier[] {
  return [{ ...BASE_TIER }, ...program.tiers];
}

/** The highest tier whose threshold `qualifying` reaches (points earned, or whole currency units spent). */
export function tierFor(program: Pick<LoyaltyProgram, "tiers">, qualifying: number): LoyaltyTier {
  const ladder = tierLadder(program);
  let reached = ladder[0];
  for (const tier of ladder) if (qualifying >= tier.threshold) reached = tier;
  return reached;
}

export function tierByKey(program: Pick<LoyaltyProgram, "tiers">, key: string): LoyaltyTier {
  return tierLadder(program).find((tier) => tier.key === key) ?? { ...BASE_TIER };
}

/** The tier after `current`, or null at the top. */
export function nextTier(program: Pick<LoyaltyProgram, "tiers">, current: string): LoyaltyTier | null {
  const ladder = tierLadder(program);
  const index = ladder.findIndex((tier) => tier.key === current);
  return ladder[index + 1] ?? null;
}

/** Where the tier window starts: 12 months back, or 1 January of this year (UTC). */
export function tierWindowStart(window: TierWindow, now: Date): Date {
  if (window === "calendar") return new Date(Date.UTC(now.getUTCFullYear(), 0, 1));
  const start = new Date(now);
  start.setUTCFullYear(start.getUTCFullYear() - 1);
  return start;
}

/** "MM-DD" from a form or CSV ("1990-04-17", "04-17", "17/04" is refused: ambiguous). */
export function parseBirthday(value: string | null | undefined): string | null {
  const text = (value ?? "").trim();
  const match = /^(?:\d{4}-)?(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [month, day] = [Number(match[1]), Number(match[2])];
  const daysIn = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (month < 1 || month > 12 || day < 1 || day > daysIn[month - 1]) return null;
  return `${match[1]}-${match[2]}`;
}
