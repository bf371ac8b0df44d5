// Sending one email exactly once per idempotency key, across retries, crashes and concurrent workers.
//
// The rule (at most once):
// 1. Before any SMTP traffic an EmailMessage row is written with a unique idempotencyKey
//    (`<requestId>:<kind>:<round>`) and the complete message, status "pending". Its Message-ID is derived from
//    the key, so every attempt for the same key carries the same Message-ID.
// 2. Right before the hand-off the row is moved to "sending" (conditional update: only one worker wins) and
//    sendingAt is stamped. That timestamp is the lease.
// 3. SMTP accepted -> "sent". SMTP refused before taking the message (connection refused, 4xx/5xx reply)
//    -> "failed", and a retry may send again: the relay told us it has nothing.
// 4. Anything else -> the outcome is unknown: the process died after step 2 (a crash between the relay's 250
//    and our record), or the connection broke after the message data went out. A row still "sending" after
//    the lease (SEND_LEASE_MS, longer than every SMTP timeout) or an ambiguous error becomes "unconfirmed"
//    and is NEVER re-sent: a duplicate review request annoys a shopper more than a lost one, and the request's
//    single reminder is the second chance if the first email really was lost. The request records an
//    "unconfirmed" send on its timeline.
// Where the app does re-send (a "failed" row: the relay refused), the Message-ID is the same as before, so a
// relay or mailbox that deduplicates on Message-ID (Gmail does) drops a copy if the first did get through.
// The jobs module's ctx.once() is not used here: this works the same for the worker, drainJobs and tests,
// and keeps the content that was sent next to its status.
import { createHash } from "node:crypto";
import db from "../../../db.server";
import type { MailTransport, OutgoingEmail } from "./mail-transport.server";

export const SEND_LEASE_MS = 5 * 60_000;

export type SendOutcome =
  | { status: "sent"; messageId: string; sentAt: Date }
  | { status: "unconfirmed"; messageId: string; sentAt: Date }
  | { status: "in_flight" }
  | { status: "failed"; permanent: boolean; error: string; attempts: number };

export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = from.split("@")[1]?.replace(/[^a-z0-9.-]/gi, "") || "kundrost.local";
  return `<kundrost.${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 32)}@${domain}>`;
}

interface SmtpError extends Error {
  code?: string;
  command?: string;
  responseCode?: number;
}

/** True when the relay certainly did not take the message, so sending again cannot make a duplicate. */
function relayRefused(error: SmtpError): boolean {
  if (typeof error.responseCode === "number" && error.responseCode >= 400) return true;
  if (error.code && ["ECONNECTION", "EDNS", "EAUTH", "ETLS", "EENVELOPE", "ECONNREFUSED"].includes(error.code))
    return true;
  return error.command === "CONN";
}

export interface SendOnceInput {
  shop: string;
  requestId: string | null;
  kind: string;
  idempotencyKey: string;
  email: Omit<OutgoingEmail, "messageId">;
  now: Date;
  transport: MailTransport;
}

export async function sendEmailOnce(input: SendOnceInput): Promise<SendOutcome> {
  const messageId = messageIdFor(input.idempotencyKey, input.email.from.address);
  let row = await db.emailMessage.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
  if (!row) {
    try {
      row = await db.emailMessage.create({
        data: {
          shop: input.shop,
          requestId: input.requestId,
          kind: input.kind,
          idempotencyKey: input.idempotencyKey,
          toAddress: input.email.to,
          subject: input.email.subject,
          html: input.email.html,
          text: input.email.text,
          headers: JSON.stringify({ ...input.email.headers, from: input.email.from, replyTo: input.email.replyTo }),
          messageId,
          status: "pending",
          transport: input.transport.name,
        },
      });
    } catch {
      // Another worker wrote the row first: follow its state.
      row = await db.emailMessage.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
      if (!row) throw new Error(`EmailMessage ${input.idempotencyKey} could not be written`);
    }
  }

  if (row.status === "sent")
    return { status: "sent", messageId: row.messageId ?? messageId, sentAt: row.sentAt ?? row.createdAt };
  if (row.status === "unconfirmed")
    return { status: "unconfirmed", messageId: row.messageId ?? messageId, sentAt: row.sendingAt ?? row.createdAt };
  if (row.status === "sending") {
    const startedAt = row.sendingAt ?? row.createdAt;
    if (startedAt.getTime() + SEND_LEASE_MS > input.now.getTime()) return { status: "in_flight" };
    const marked = await db.emailMessage.updateMany({
      where: { id: row.id, status: "sending", sendingAt: row.sendingAt },
      data: {
        status: "unconfirmed",
        error: "The sender stopped after handing the message to SMTP; not re-sent to avoid a duplicate.",
      },
    });
    return marked.count === 1
      ? { status: "unconfirmed", messageId: row.messageId ?? messageId, sentAt: startedAt }
      : { status: "in_flight" };
  }

  // pending, or failed with the relay's refusal: this worker may hand it off, if it wins the row.
  const claimed = await db.emailMessage.updateMany({
    where: { id: row.id, status: row.status, attempts: row.attempts },
    data: { status: "sending", sendingAt: input.now, attempts: { increment: 1 } },
  });
  if (claimed.count !== 1) return { status: "in_flight" };
  const attempts = row.attempts + 1;
  const stored = JSON.parse(row.headers) as Record<string, unknown>;
  const { from: _from, replyTo: _replyTo, ...headers } = stored;

  try {
    // The stored message is what goes out, so a retry sends the same content and links as the first attempt.
    const result = await input.transport.send({
      from: input.email.from,
      to: row.toAddress,
      replyTo: input.email.replyTo,
      subject: row.subject,
      html: row.html,
      text: row.text,
      headers: headers as Record<string, string>,
      messageId: row.messageId ?? messageId,
    });
    const sentAt = input.now;
    await db.emailMessage.update({
      where: { id: row.id },
      data: {
        status: "sent",
        sentAt,
        error: null,
        transport: `${input.transport.name} ${result.response}`.slice(0, 500),
      },
    });
    return { status: "sent", messageId: row.messageId ?? messageId, sentAt };
  } catch (caught) {
    const error = caught as SmtpError;
    const detail = `${error.code ?? ""} ${error.responseCode ?? ""} ${error.message}`.trim().slice(0, 1000);
    if (!relayRefused(error)) {
      await db.emailMessage.update({ where: { id: row.id }, data: { status: "unconfirmed", error: detail } });
      return { status: "unconfirmed", messageId: row.messageId ?? messageId, sentAt: input.now };
    }
    await db.emailMessage.update({ where: { id: row.id }, data: { status: "failed", error: detail } });
    return { status: "failed", permanent: (error.responseCode ?? 0) >= 500, error: detail, attempts };
  }
}
