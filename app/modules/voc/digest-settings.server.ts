// The weekly digest's settings and its recipients, as the merchant manages them on the digest screen, and the
// recipients' own answers to the invitation (confirm) and to a digest (unsubscribe). An address gets digests only
// once its owner confirmed it: the merchant types addresses, the app never mails anyone who did not agree.
import { z } from "zod";
import db from "../../db.server";
import { loggerFor } from "../../logger.server";
import { normaliseEmail } from "../customers";
import { enqueueJob } from "../jobs";
import { SHOPPER_LANGUAGES } from "../shopper-language";
import { loadShopBrand } from "../shops";
import { verifyDigestToken } from "./digest-links.server";
import { SEND_DIGEST_INVITATION_JOB } from "./job-types";

export const MAX_DIGEST_RECIPIENTS = 10;
export const RECIPIENT_STATUSES = ["pending", "confirmed", "unsubscribed"] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

export interface DigestSetup {
  enabled: boolean;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  hour: number;
  /** null: the shop's language. */
  locale: (typeof SHOPPER_LANGUAGES)[number] | null;
  recipients: Array<{ email: string; status: RecipientStatus; invitedAt: Date; confirmedAt: Date | null }>;
  history: Array<{ weekStart: Date; status: string; recipients: number; sentAt: Date | null }>;
}

export async function loadDigestSetup(shop: string): Promise<DigestSetup> {
  const [settings, recipients, history] = await Promise.all([
    db.digestSettings.findUnique({ where: { shop } }),
    db.digestRecipient.findMany({ where: { shop }, orderBy: { email: "asc" } }),
    db.weeklyDigest.findMany({ where: { shop }, orderBy: { weekStart: "desc" }, take: 8 }),
  ]);
  return {
    enabled: settings?.enabled ?? false,
    weekday: settings?.weekday ?? 1,
    hour: settings?.hour ?? 8,
    locale: (SHOPPER_LANGUAGES as readonly string[]).includes(settings?.locale ?? "")
      ? (settings!.locale as DigestSetup["locale"])
      : null,
    recipients: recipients.map((recipient) => ({
      email: recipient.email,
      status: recipient.status as RecipientStatus,
      invitedAt: recipient.invitedAt,
      confirmedAt: recipient.confirmedAt,
    })),
    history: history.map(({ weekStart, status, recipients: count, sentAt }) => ({
      weekStart,
      status,
      recipients: count,
      sentAt,
    })),
  };
}

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((value) => value === "on" || value === "true");

const ScheduleInput = z.object({
  enabled: checkbox,
  weekday: z.coerce
    .number({ invalid_type_error: "Choose a weekday." })
    .int()
    .min(1, "Choose a weekday.")
    .max(7, "Choose a weekday."),
  hour: z.coerce
    .number({ invalid_type_error: "Choose an hour." })
    .int()
    .min(0, "Choose an hour from 0 to 23.")
    .max(23, "Choose an hour from 0 to 23."),
  locale: z.enum(["", ...SHOPPER_LANGUAGES], { errorMap: () => ({ message: "Choose English or Swedish." }) }),
});

export type SaveResult = { ok: true } | { ok: false; fieldErrors: Record<string, string> };

export async function saveDigestSchedule(shop: string, input: Record<string, unknown>): Promise<SaveResult> {
  const parsed = ScheduleInput.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      fieldErrors: Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])),
    };
  }
  const data = { ...parsed.data, locale: parsed.data.locale || null };
  await db.digestSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
  loggerFor({ shop, module: "voc" }).info({ ...data }, "digest schedule saved");
  return { ok: true };
}

const EmailInput = z
  .string()
  .trim()
  .max(254, "That address is too long.")
  .email("Enter an email address like name@example.com.");

export type InviteResult =
  | { ok: true; outcome: "invited" | "already_confirmed" | "already_invited" }
  | { ok: false; fieldErrors: { email: string } };

/** Adds an address as pending and emails its owner the confirmation link (again, for an unsubscribed address). */
export async function inviteDigestRecipient(
  shop: string,
  emailInput: unknown,
  now = new Date(),
): Promise<InviteResult> {
  const parsed = EmailInput.safeParse(emailInput ?? "");
  if (!parsed.success) return { ok: false, fieldErrors: { email: parsed.error.issues[0].message } };
  const email = normaliseEmail(parsed.data)!;
  return db.$transaction(async (tx) => {
    const existing = await tx.digestRecipient.findUnique({ where: { shop_email: { shop, email } } });
    if (existing?.status === "confirmed") return { ok: true, outcome: "already_confirmed" } as const;
    if (existing?.status === "pending") return { ok: true, outcome: "already_invited" } as const;
    if (!existing) {
      const active = await tx.digestRecipient.count({ where: { shop, status: { not: "unsubscribed" } } });
      if (active >= MAX_DIGEST_RECIPIENTS)
        return {
          ok: false,
          fieldErrors: { email: `The digest goes to at most ${MAX_DIGEST_RECIPIENTS} addresses: remove one first.` },
        } as const;
    }
    await tx.digestRecipient.upsert({
      where: { shop_email: { shop, email } },
      create: { shop, email, status: "pending", invitedAt: now },
      update: { status: "pending", invitedAt: now, confirmedAt: null, unsubscribedAt: null },
    });
    await enqueueJob(
      { type: SEND_DIGEST_INVITATION_JOB, shop, payload: { shop, email, invitedAt: now.toISOString() } },
      tx,
    );
    return { ok: true, outcome: "invited" } as const;
  });
}

export async function removeDigestRecipient(shop: string, emailInput: unknown): Promise<boolean> {
  const email = typeof emailInput === "string" ? normaliseEmail(emailInput) : null;
  if (!email) return false;
  const { count } = await db.digestRecipient.deleteMany({ where: { shop, email } });
  return count > 0;
}

export type RecipientAnswer =
  { ok: true; shopName: string; email: string } | { ok: false; reason: "invalid" | "expired" | "not_found" };

/** Who a link is for (shown before the recipient presses the button); changes nothing. */
export async function digestLinkFacts(token: unknown, purpose: "confirm" | "unsubscribe"): Promise<RecipientAnswer> {
  const checked = verifyDigestToken(token, purpose);
  if (!checked.ok) return { ok: false, reason: checked.reason === "expired" ? "expired" : "invalid" };
  const recipient = await db.digestRecipient.findUnique({
    where: { shop_email: { shop: checked.shop, email: checked.email } },
    select: { status: true },
  });
  if (!recipient || (purpose === "confirm" && recipient.status === "unsubscribed"))
    return { ok: false, reason: "not_found" };
  return { ok: true, shopName: (await loadShopBrand(checked.shop)).name, email: checked.email };
}

/** The invitation's link, posted: the address is confirmed (once; a later click changes nothing). */
export async function confirmDigestRecipient(token: unknown, now = new Date()): Promise<RecipientAnswer> {
  return answerRecipient(token, "confirm", now);
}

/** A digest's link, posted: the address gets no more digests (until the merchant invites it again). */
export async function unsubscribeDigestRecipient(token: unknown, now = new Date()): Promise<RecipientAnswer> {
  return answerRecipient(token, "unsubscribe", now);
}

async function answerRecipient(
  token: unknown,
  purpose: "confirm" | "unsubscribe",
  now: Date,
): Promise<RecipientAnswer> {
  const checked = verifyDigestToken(token, purpose, now);
  if (!checked.ok) return { ok: false, reason: checked.reason === "expired" ? "expired" : "invalid" };
  const { shop, email } = checked;
  const recipient = await db.digestRecipient.findUnique({ where: { shop_email: { shop, email } } });
  // A removed address, or a confirmation link for an address that unsubscribed since: nothing to do.
  if (!recipient || (purpose === "confirm" && recipient.status === "unsubscribed"))
    return { ok: false, reason: "not_found" };
  if (purpose === "confirm" && recipient.status === "pending") {
    await db.digestRecipient.updateMany({
      where: { id: recipient.id, status: "pending" },
      data: { status: "confirmed", confirmedAt: now },
    });
  }
  if (purpose === "unsubscribe" && recipient.status !== "unsubscribed") {
    await db.digestRecipient.update({
      where: { id: recipient.id },
      data: { status: "unsubscribed", unsubscribedAt: now },
    });
  }
  loggerFor({ shop, module: "voc" }).info({ purpose }, "digest recipient answered");
  return { ok: true, shopName: (await loadShopBrand(shop)).name, email };
}

/** Confirmed addresses of a shop, for a send. */
export async function confirmedDigestRecipients(shop: string): Promise<string[]> {
  const rows = await db.digestRecipient.findMany({
    where: { shop, status: "confirmed" },
    orderBy: { email: "asc" },
    select: { email: true },
  });
  return rows.map((row) => row.email);
}
