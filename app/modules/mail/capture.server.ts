// A local SMTP server that keeps every message it receives in CapturedEmail, so the demo's outbox page and
// the tests can read exactly what a real relay would have been handed. Demo mode and tests only: production
// sends to the relay named by SMTP_URL.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import { simpleParser, type HeaderLines } from "mailparser";
import db from "../../db.server";
import { loggerFor } from "../../logger.server";

/** The header a sender may set to file a captured message under a shop on the outbox page. */
export const SHOP_HEADER = "x-kundrost-shop";

// Generous: review emails are small, but a test may push a photo-sized attachment through.
const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export interface SmtpCapture {
  /** smtp://127.0.0.1:<port>, ready to be used as SMTP_URL. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startSmtpCapture(options: { port?: number; host?: string } = {}): Promise<SmtpCapture> {
  const host = options.host ?? "127.0.0.1";
  const log = loggerFor({ module: "mail" });

  const server = new SMTPServer({
    // A loopback capture: no TLS certificate to offer and no credentials to check. Disabling STARTTLS keeps
    // nodemailer from trying to upgrade a plain smtp:// connection.
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    size: MAX_MESSAGE_BYTES,
    logger: false,
    banner: "Kundröst local mail capture",
    onData(stream, session, callback) {
      storeMessage(stream, session)
        .then(() => callback())
        .catch((error: Error) => {
          log.error({ err: error }, "could not store a captured email");
          // A 4xx-style failure tells the sender to retry, exactly as a real relay would.
          callback(Object.assign(new Error("Message could not be stored, try again later"), { responseCode: 451 }));
        });
    },
  });

  server.listen(options.port ?? 0, host);
  await once(server.server, "listening");
  const port = (server.server.address() as AddressInfo).port;
  log.info({ port }, "SMTP capture listening");

  return {
    url: `smtp://${host}:${port}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// The row is written before the SMTP transaction is acknowledged, so once `sendMail` resolves the message
// is already readable: tests need no polling.
async function storeMessage(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  if (stream.sizeExceeded) throw new Error(`Message exceeds ${MAX_MESSAGE_BYTES} bytes`);
  const raw = Buffer.concat(chunks);
  const parsed = await simpleParser(raw);
  const headers = headerRecord(parsed.headerLines);

  await db.capturedEmail.create({
    data: {
      shop: headers[SHOP_HEADER]?.trim() || null,
      envelopeFrom: addressOf(session.envelope.mailFrom),
      envelopeTo: session.envelope.rcptTo.map(addressOf).join(", "),
      subject: parsed.subject ?? "",
      html: typeof parsed.html === "string" ? parsed.html : null,
      text: parsed.text ?? null,
      headers: JSON.stringify(headers),
      raw: raw.toString("utf8"),
    },
  });
}

function addressOf(address: SMTPServerAddress | false): string {
  return address ? address.address : "";
}

/** Header lines as sent (unfolded, still encoded), keyed by lower-case name; repeated headers joined by newlines. */
function headerRecord(lines: HeaderLines): Record<string, string> {
  const record: Record<string, string> = {};
  for (const { key, line } of lines) {
    const value = line
      .slice(line.indexOf(":") + 1)
      .replace(/\r?\n[ \t]+/g, " ")
      .trim();
    record[key] = key in record ? `${record[key]}\n${value}` : value;
  }
  return record;
}
