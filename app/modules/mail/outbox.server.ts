// Reading what the local SMTP capture received: the demo outbox page lists these, newest first.
import db from "../../db.server";

export interface CapturedEmailSummary {
  id: string;
  shop: string | null;
  to: string;
  from: string;
  subject: string;
  receivedAt: Date;
}

export async function listCapturedEmails(options: { limit?: number } = {}): Promise<CapturedEmailSummary[]> {
  const rows = await db.capturedEmail.findMany({
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(options.limit ?? 100, 1), 500),
    select: { id: true, shop: true, envelopeTo: true, envelopeFrom: true, subject: true, receivedAt: true },
  });
  return rows.map((row) => ({
    id: row.id,
    shop: row.shop,
    to: row.envelopeTo,
    from: row.envelopeFrom,
    subject: row.subject,
    receivedAt: row.receivedAt,
  }));
}

export interface CapturedEmailDetail extends CapturedEmailSummary {
  html: string | null;
  text: string | null;
  headers: Record<string, string>;
}

export async function getCapturedEmail(id: string): Promise<CapturedEmailDetail | null> {
  const row = await db.capturedEmail.findUnique({ where: { id } });
  if (!row) return null;
  return {
    id: row.id,
    shop: row.shop,
    to: row.envelopeTo,
    from: row.envelopeFrom,
    subject: row.subject,
    receivedAt: row.receivedAt,
    html: row.html,
    text: row.text,
    headers: parseHeaders(row.headers),
  };
}

function parseHeaders(json: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(json);
    if (value && typeof value === "object" && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
    }
  } catch {
    // A row written by hand or by an older capture: show no headers rather than fail the page.
  }
  return {};
}
