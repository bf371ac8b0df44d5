// The digest as the merchant sees it in the admin: the printable page of a week's digest (the same words and
// figures as the email), its topic figures as CSV, and "send this week's digest now".
import { z } from "zod";
import db from "../../db.server";
import { shopifyCredentials } from "../../config.server";
import { BUILT_IN_TOPICS, customTopicsForShop, topicNegativeRises } from "../insights";
import { isoDay, loadShopBrand, weekStartOf } from "../shops";
import { buildDigest } from "./digest-content.server";
import { queueDigestOfWeek } from "./digest-jobs.server";
import { renderDigest } from "./digest-render";
import { confirmedDigestRecipients } from "./digest-settings.server";

const WEEK_MS = 7 * 86_400_000;
const Week = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The Monday of a requested week (any day of it may be given), or this week's in the shop's calendar. */
export async function digestWeek(shop: string, requested: string | null, now: Date = new Date()): Promise<Date> {
  const { timezone } = await loadShopBrand(shop);
  const parsed = Week.safeParse(requested);
  const day = parsed.success ? new Date(`${parsed.data}T00:00:00Z`) : null;
  return day && !Number.isNaN(day.getTime()) ? weekStartOf(day) : weekStartOf(now, timezone);
}

export async function loadDigestPage(shop: string, requestedWeek: string | null, now: Date = new Date()) {
  const weekStart = await digestWeek(shop, requestedWeek, now);
  const content = await buildDigest(shop, weekStart, now);
  const rendered = renderDigest(content, {
    insights: `${shopifyCredentials().appUrl.replace(/\/+$/, "")}/app/insights`,
    unsubscribe: null,
  });
  return {
    weekStart: isoDay(weekStart),
    previousWeek: isoDay(new Date(weekStart.getTime() - WEEK_MS)),
    nextWeek:
      weekStart.getTime() < weekStartOf(now, content.zone).getTime()
        ? isoDay(new Date(weekStart.getTime() + WEEK_MS))
        : null,
    covered: content.covered,
    locale: content.locale,
    subject: rendered.subject,
    bodyHtml: rendered.bodyHtml,
  };
}

function csvCell(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  // A cell a spreadsheet would run as a formula is quoted with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Every product's topics of the week the digest covers, with the weeks before, as CSV (UTF-8, header row). */
export async function digestTopicsCsv(shop: string, requestedWeek: string | null, now: Date = new Date()) {
  const weekStart = await digestWeek(shop, requestedWeek, now);
  const { timezone } = await loadShopBrand(shop);
  const lastWeek = new Date(weekStart.getTime() - WEEK_MS);
  const rows = await topicNegativeRises(shop, { lastWeek, zone: timezone, every: true });
  const labels = new Map<string, string>(BUILT_IN_TOPICS.map((topic) => [topic.key, topic.labels.en]));
  for (const topic of await customTopicsForShop(shop)) labels.set(topic.key, topic.label);
  const header = [
    "week_from",
    "product_id",
    "product",
    "topic",
    "topic_label",
    "mentions",
    "negative",
    "negative_share",
    "mentions_4_weeks_before",
    "negative_4_weeks_before",
    "negative_share_4_weeks_before",
    "change_points",
  ];
  const lines = rows
    .sort(
      (a, b) =>
        (a.productTitle ?? "").localeCompare(b.productTitle ?? "") ||
        (labels.get(a.topic) ?? a.topic).localeCompare(labels.get(b.topic) ?? b.topic),
    )
    .map((row) =>
      [
        isoDay(lastWeek),
        row.productShopifyId,
        row.productTitle,
        row.topic,
        labels.get(row.topic) ?? row.topic,
        row.lastWeek.mentions,
        row.lastWeek.negative,
        row.lastWeek.negativeShare.toFixed(3),
        row.before.mentions,
        row.before.negative,
        row.before.negativeShare === null ? null : row.before.negativeShare.toFixed(3),
        Math.round(row.rise * 100),
      ]
        .map(csvCell)
        .join(","),
    );
  return {
    fileName: `kundrost-digest-topics-${isoDay(lastWeek)}.csv`,
    csv: `${[header.join(","), ...lines].join("\r\n")}\r\n`,
  };
}

export type SendNowResult = { ok: true; weekStart: string } | { ok: false; reason: "already_sent" | "no_recipients" };

/** Queues this week's digest now instead of at the scheduled hour; it still goes out at most once this week. */
export async function sendDigestNow(shop: string, now: Date = new Date()): Promise<SendNowResult> {
  const { timezone } = await loadShopBrand(shop);
  const weekStart = weekStartOf(now, timezone);
  const sent = await db.weeklyDigest.findUnique({ where: { shop_weekStart: { shop, weekStart } } });
  if (sent?.status === "sent") return { ok: false, reason: "already_sent" };
  if ((await confirmedDigestRecipients(shop)).length === 0) return { ok: false, reason: "no_recipients" };
  return { ok: true, ...(await queueDigestOfWeek(shop, timezone, now)) };
}
