// The pump: moves deliveries from the webhook inbox (SQLite installs, see inbox.server.ts) into the app
// database — WebhookEvent + its Job, in one transaction per batch — and only then removes them from the inbox.
// Runs beside the job worker (app/background.server.ts). Several pumps (several worker processes) may read the
// same deliveries; the second move of a delivery writes nothing (commitWebhookBatch skips recorded ids).
import { createDb, databaseUrl, type Db } from "../../db.server";
import { loggerFor } from "../../logger.server";
import { commitWebhookBatch } from "./group-commit.server";
import { openWebhookInbox, webhookInboxFile, type WebhookInbox } from "./inbox.server";

const DEFAULT_BATCH = 500;

/** The inbox of DATABASE_URL's database, or null on PostgreSQL (no inbox there). */
export function processWebhookInbox(): WebhookInbox | null {
  const file = webhookInboxFile(databaseUrl());
  return file ? openWebhookInbox(file) : null;
}

export interface PumpOptions {
  inbox?: WebhookInbox | null;
  db?: Db;
  batchSize?: number;
}

/** Moves everything waiting in the inbox now; returns how many deliveries it moved (retries included). */
export async function pumpWebhookInbox(options: PumpOptions = {}): Promise<number> {
  const inbox = options.inbox === undefined ? processWebhookInbox() : options.inbox;
  if (!inbox) return 0;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  let moved = 0;
  for (;;) {
    const entries = inbox.oldest(batchSize);
    if (entries.length === 0) return moved;
    await commitWebhookBatch(
      entries.map((e) => e.delivery),
      options.db ?? pumpDb(),
    );
    inbox.removeThrough(entries[entries.length - 1].seq);
    inbox.checkpoint();
    moved += entries.length;
    if (entries.length < batchSize) return moved;
  }
}

/**
 * The pump's own connection to the app database, with durable commits (synchronous=FULL; the app's default
 * connection runs NORMAL: cheap commits, the last ones lost on a power cut). The pump deletes deliveries from
 * the inbox right after moving them, so their new home must be on disk first, or a power cut could leave a
 * delivery in neither file: one fsync per batch of up to 500 deliveries. Its own connection, because the
 * setting belongs to a connection and the default one is shared with jobs that may be inside a transaction.
 */
let durableDb: Db | undefined;
function pumpDb(): Db {
  return (durableDb ??= createDb(databaseUrl(), { durableCommits: true }));
}

export interface InboxPump {
  stop(): Promise<void>;
}

/**
 * Pumps continuously: at once while deliveries are waiting, every `intervalMs` when the inbox is empty, with a
 * pause after an error (the database busy or gone) so a problem is logged, not spun on. Null on PostgreSQL.
 */
export function startWebhookInboxPump(
  options: PumpOptions & { intervalMs?: number; errorPauseMs?: number } = {},
): InboxPump | null {
  const inbox = options.inbox === undefined ? processWebhookInbox() : options.inbox;
  if (!inbox) return null;
  const intervalMs = options.intervalMs ?? 100;
  const errorPauseMs = options.errorPauseMs ?? 2_000;
  const log = loggerFor({ module: "webhooks" });
  let stopping = false;
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
    });

  const loop = (async () => {
    while (!stopping) {
      try {
        const moved = await pumpWebhookInbox({ ...options, inbox });
        if (moved > 0) log.debug({ moved }, "webhook deliveries moved from the inbox");
        else await sleep(intervalMs);
      } catch (error) {
        log.error(
          { err: error, inbox: inbox.file },
          "Webhook inbox could not be moved into the database; trying again",
        );
        await sleep(errorPauseMs);
      }
    }
  })();

  return {
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
