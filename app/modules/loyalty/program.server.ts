// A shop's loyalty programme as stored (LoyaltySettings), read with defaults and saved through one validated input.
import type { z } from "zod";
import db, { type DbClient } from "../../db.server";
import { loggerFor } from "../../logger.server";
import { DEFAULT_PROGRAM, LoyaltyProgramSchema, TiersSchema, type LoyaltyProgram } from "./program";

function toProgram(row: {
  enabled: boolean;
  pointsPerCurrencyUnit: number;
  includeShipping: boolean;
  includeTax: boolean;
  returnWindowDays: number;
  reviewPoints: number;
  photoBonusPoints: number;
  signupPoints: number;
  birthdayPoints: number;
  dailyCapPoints: number;
  expiryDays: number | null;
  tierBasis: string;
  tierWindow: string;
  tiers: string;
}): LoyaltyProgram {
  const tiers = TiersSchema.safeParse(safeJson(row.tiers));
  const parsed = LoyaltyProgramSchema.safeParse({ ...row, tiers: tiers.success ? tiers.data : [] });
  return parsed.success ? parsed.data : DEFAULT_PROGRAM;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return [];
  }
}

/** The shop's programme; a shop that never saved the screen runs on the defaults. */
export async function getLoyaltyProgram(shop: string, client: DbClient = db): Promise<LoyaltyProgram> {
  const row = await client.loyaltySettings.findFirst({ where: { shop } });
  return row ? toProgram(row) : DEFAULT_PROGRAM;
}

export type SaveProgramResult =
  { ok: true; program: LoyaltyProgram } | { ok: false; fieldErrors: Record<string, string> };

/** Validates and stores the whole programme (the settings screen posts every field). */
export async function saveLoyaltyProgram(shop: string, input: unknown): Promise<SaveProgramResult> {
  const parsed = LoyaltyProgramSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const { tiers, ...rest } = parsed.data;
  const data = { ...rest, tiers: JSON.stringify(tiers) };
  await db.loyaltySettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
  loggerFor({ shop, module: "loyalty" }).info(
    { enabled: data.enabled, tiers: tiers.length },
    "loyalty programme saved",
  );
  return { ok: true, program: parsed.data };
}

function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    errors[key] ??= issue.message;
  }
  return errors;
}
