// The weekly digest's background work, in the jobs module's style.
//
// voc.digest-due {}             once an hour, for every shop: keeps itself going (it enqueues the next hour's run
//                               first, uniqueKey per hour, so however many workers run there is one per hour), then
//                               queues voc.send-digest for each shop whose chosen weekday and hour have come in its
//                               own time zone and whose digest of this week is not sent yet.
// voc.send-digest {shop, weekStart}  one shop's digest of one week, to its confirmed addresses. uniqueKey per shop
//                               and week; the WeeklyDigest row (unique per shop and week) is the durable record and
//                               every address's email has its own idempotency key, so a week's digest goes out at
//                               most once per address whatever restarts, retries or racing workers do.
// voc.send-digest-invitation {shop, email, invitedAt}  the double opt-in email.
import { DateTime } from "luxon";
import { z } from "zod";
import db from "../../db.server";
import { loggerFor } from "../../logger.server";
import { shopifyCredentials } from "../../config.server";
import { defineJob, enqueueJob, TerminalJobError, type JobContext } from "../jobs";
import { senderAddress, sendEmailOnce, smtpTransportFromEnv, type SendOutcome } from "../requests";
import { isoDay, loadShopBrand, requireInstalledShop, shopsNotInstalled, weekStartOf } from "../shops";
import { buildDigest, digestLocale } from "./digest-content.server";
import { digestLink } from "./digest-links.server";
import { renderDigest, renderDigestInvitation } from "./digest-render";
import { confirmedDigestRecipients } from "./digest-settings.server";
import { DIGEST_DUE_JOB, SEND_DIGEST_INVITATION_JOB, SEND_DIGEST_JOB } from "./job-types";

const HOUR_MS = 3_600_000;
const shopSchema = z.string().min(1).max(255);
const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

function hourKey(runAt: Date): string {
  return `${DIGEST_DUE_JOB}@${runAt.toISOString().slice(0, 13)}`;
}

/** Starts (or keeps) the hourly chain. Safe to call from every worker at every start. */
export async function startDigestSchedule(now: Date = new Date()): Promise<void> {
  const runAt = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  await enqueueJob({ type: DIGEST_DUE_JOB, shop: null, payload: {}, runAt, uniqueKey: hourKey(runAt), priority: -1 });
}

function sendKey(shop: string, weekStart: string): string {
  return `${SEND_DIGEST_JOB}:${shop}:${weekStart}`;
}

/** Queues one shop's digest of the week `now` falls in (its own calendar); the same job the schedule queues. */
export async function queueDigestOfWeek(shop: string, zone: string, now: Date): Promise<{ weekStart: string }> {
  const weekStart = isoDay(weekStartOf(now, zone));
  await enqueueJob({ type: SEND_DIGEST_JOB, shop, payload: { shop, weekStart }, uniqueKey: sendKey(shop, weekStart) });
  return { weekStart };
}

/** The shops whose digest is due at `now`: enabled, their weekday and hour reached, this week's not yet sent. */
export async function queueDueDigests(now: Date = new Date()): Promise<string[]> {
  const enabled = await db.digestSettings.findMany({
    where: { enabled: true },
    select: { shop: true, weekday: true, hour: true },
  });
  if (enabled.length === 0) return [];
  const notInstalled = new Set(await shopsNotInstalled());
  const queued: string[] = [];
  for (const settings of enabled) {
    if (notInstalled.has(settings.shop)) continue;
    const { timezone } = await loadShopBrand(settings.shop);
    const local = DateTime.fromJSDate(now, { zone: timezone });
    if (local.weekday !== settings.weekday || local.hour < settings.hour) continue;
    const weekStart = weekStartOf(now, timezone);
    const sent = await db.weeklyDigest.findUnique({
      where: { shop_weekStart: { shop: settings.shop, weekStart } },
      select: { status: true },
    });
    if (sent?.status === "sent") continue;
    await queueDigestOfWeek(settings.shop, timezone, now);
    queued.push(settings.shop);
  }
  return queued;
}

export const digestDueJob = defineJob({
  type: DIGEST_DUE_JOB,
  schema: z.object({}).passthrough(),
  maxAttempts: 3,
  routine: true,
  async run(_payload, ctx) {
    const now = new Date();
    const next = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS);
    await enqueueJob({
      type: DIGEST_DUE_JOB,
      shop: null,
      payload: {},
      runAt: next,
      uniqueKey: hourKey(next),
      priority: -1,
    });
    const queued = await queueDueDigests(now);
    if (queued.length > 0) ctx.log.info({ shops: queued.length }, "weekly digests queued");
  },
  onWorkerStart: () => startDigestSchedule(),
});

/** The week's row, created by the first sender; a row already marked sent means there is nothing left to do. */
async function claimWeek(shop: string, weekStart: Date): Promise<"sent" | "sending"> {
  const existing = await db.weeklyDigest.findUnique({ where: { shop_weekStart: { shop, weekStart } } });
  if (existing) return existing.status === "sent" ? "sent" : "sending";
  try {
    await db.weeklyDigest.create({ data: { shop, weekStart, status: "sending" } });
  } catch (error) {
    // Another sender created it first (PostgreSQL, two at once): follow its row.
    if ((error as { code?: string }).code !== "P2002") throw error;
    return claimWeek(shop, weekStart);
  }
  return "sending";
}

async function sendDigest(shop: string, weekStartDay: string, ctx: JobContext): Promise<void> {
  await requireInstalledShop(shop);
  const weekStart = new Date(`${weekStartDay}T00:00:00Z`);
  if ((await claimWeek(shop, weekStart)) === "sent") {
    ctx.log.info({ weekStart: weekStartDay }, "this week's digest was already sent");
    return;
  }
  const recipients = await confirmedDigestRecipients(shop);
  const content = await buildDigest(shop, weekStart);
  const brand = await loadShopBrand(shop);
  const from = { name: brand.name, address: senderAddress() };
  const transport = smtpTransportFromEnv();
  const insights = `${shopifyCredentials().appUrl.replace(/\/+$/, "")}/app/insights`;
  const outcomes: SendOutcome["status"][] = [];
  for (const email of recipients) {
    const unsubscribe = digestLink("unsubscribe", shop, email);
    const rendered = renderDigest(content, { insights, unsubscribe });
    const outcome = await sendEmailOnce({
      shop,
      requestId: null,
      kind: "digest",
      idempotencyKey: `digest:${shop}:${weekStartDay}:${email}`,
      email: {
        from,
        to: email,
        replyTo: null,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        headers: {
          "X-Kundrost-Shop": shop,
          "List-Unsubscribe": `<${unsubscribe}>`,
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
      },
      now: new Date(),
      transport,
    });
    outcomes.push(outcome.status);
    if (outcome.status === "failed" && !outcome.permanent)
      throw new Error(`digest to one address failed: ${outcome.error}`);
  }
  await db.weeklyDigest.update({
    where: { shop_weekStart: { shop, weekStart } },
    data: { status: "sent", sentAt: new Date(), recipients: outcomes.filter((status) => status !== "failed").length },
  });
  ctx.log.info({ weekStart: weekStartDay, recipients: recipients.length }, "weekly digest sent");
}

export const sendDigestJob = defineJob({
  type: SEND_DIGEST_JOB,
  schema: z.object({ shop: shopSchema, weekStart: daySchema }),
  maxAttempts: 5,
  run: ({ shop, weekStart }, ctx) => sendDigest(shop, weekStart, ctx),
});

export const sendDigestInvitationJob = defineJob({
  type: SEND_DIGEST_INVITATION_JOB,
  schema: z.object({ shop: shopSchema, email: z.string().email().max(254), invitedAt: z.string().datetime() }),
  maxAttempts: 5,
  async run({ shop, email, invitedAt }) {
    await requireInstalledShop(shop);
    const recipient = await db.digestRecipient.findUnique({ where: { shop_email: { shop, email } } });
    // Removed, confirmed meanwhile, or invited again since (that invitation has its own job): nothing to send.
    if (!recipient || recipient.status !== "pending" || recipient.invitedAt.toISOString() !== invitedAt) return;
    const brand = await loadShopBrand(shop);
    const rendered = renderDigestInvitation({
      shopName: brand.name,
      brandColor: brand.brandColor,
      locale: await digestLocale(shop),
      confirmUrl: digestLink("confirm", shop, email),
    });
    const outcome = await sendEmailOnce({
      shop,
      requestId: null,
      kind: "digest_invitation",
      idempotencyKey: `digest-invitation:${shop}:${email}:${invitedAt}`,
      email: {
        from: { name: brand.name, address: senderAddress() },
        to: email,
        replyTo: brand.email,
        ...rendered,
        headers: { "X-Kundrost-Shop": shop },
      },
      now: new Date(),
      transport: smtpTransportFromEnv(),
    });
    if (outcome.status === "failed") {
      if (outcome.permanent) throw new TerminalJobError(`The invitation was refused: ${outcome.error}`);
      throw new Error(`The invitation could not be sent yet: ${outcome.error}`);
    }
    loggerFor({ shop, module: "voc" }).info({ outcome: outcome.status }, "digest invitation sent");
  },
});

export const vocJobs = [digestDueJob, sendDigestJob, sendDigestInvitationJob];
