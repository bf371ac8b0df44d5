// Outgoing mail: nodemailer over SMTP to the relay named by SMTP_URL. In demo mode and tests SMTP_URL points
// at the local capture server (app/modules/mail), so the same SMTP path runs everywhere. With no SMTP_URL
// we refuse to send rather than drop mail silently.
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { readEnv, shopifyCredentials } from "../../../config.server";

export interface OutgoingEmail {
  from: { name: string; address: string };
  to: string;
  replyTo: string | null;
  subject: string;
  html: string;
  text: string;
  /** Extra headers (List-Unsubscribe, ...). */
  headers: Record<string, string>;
  /** Fixed per idempotency key: a retry carries the same Message-ID, so a relay or mailbox can drop the copy. */
  messageId: string;
}

export interface MailTransport {
  name: string;
  send(email: OutgoingEmail): Promise<{ response: string }>;
}

export class MailNotConfiguredError extends Error {
  constructor(what: string) {
    super(what);
    this.name = "MailNotConfiguredError";
  }
}

const transports = new Map<string, Transporter<SMTPTransport.SentMessageInfo>>();

/** The SMTP relay from SMTP_URL (smtp://user:pass@host:587 or smtps://...:465). */
export function smtpTransportFromEnv(): MailTransport {
  const url = readEnv().SMTP_URL;
  if (!url) {
    throw new MailNotConfiguredError(
      "SMTP_URL is not set, so review-request emails cannot be sent. Set SMTP_URL to your mail relay " +
        "(for example smtp://user:password@smtp.example.com:587); `npm run demo` sets it to a local capture server.",
    );
  }
  let transporter = transports.get(url);
  if (!transporter) {
    // Bounded timeouts keep one SMTP hand-off well inside the send lease (send-email.server.ts).
    transporter = nodemailer.createTransport(url, {
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    } as SMTPTransport.Options);
    transports.set(url, transporter);
  }
  const smtp = transporter;
  return {
    name: `smtp:${new URL(url).hostname}`,
    async send(email) {
      const info = await smtp.sendMail({
        from: email.from,
        to: email.to,
        replyTo: email.replyTo ?? undefined,
        subject: email.subject,
        html: email.html,
        text: email.text,
        headers: email.headers,
        messageId: email.messageId,
      });
      return { response: info.response };
    },
  };
}

/** The From address: MAIL_FROM in production; a local default in demo mode and tests. */
export function senderAddress(): string {
  const env = readEnv();
  if (env.MAIL_FROM) return env.MAIL_FROM;
  if (env.NODE_ENV === "production") {
    throw new MailNotConfiguredError(
      "MAIL_FROM is not set: set it to the address review requests are sent from (e.g. reviews@yourdomain.com).",
    );
  }
  return `reviews@${new URL(shopifyCredentials(env).appUrl).hostname}`;
}
