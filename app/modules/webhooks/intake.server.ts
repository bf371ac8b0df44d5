// The webhook intake: verify, record the delivery once, answer. Nothing else happens before the response:
// Shopify wants a 2xx within 5 seconds and retries (and eventually removes the subscription) otherwise —
// https://shopify.dev/docs/apps/build/webhooks/subscribe/https. It sits in front of express and Remix
// (scripts/server.ts) because it is the one path where requests arrive by the thousand per second in a burst:
// a Remix action costs about as much per request as all of the work below together.
import type { IncomingMessage, ServerResponse } from "node:http";
import { databaseUrl } from "../../db-url.server";
import { loggerFor } from "../../logger.server";
import type { WebhookDelivery, WebhookDeliveryOutcome } from "./delivery";
import { createIntakePool, WebhookGroupCommit } from "./group-commit.server";
import { openWebhookInbox, webhookInboxFile, type WebhookInbox } from "./inbox.server";
import { WEBHOOK_PATH_PREFIX, webhookTopicForPath, type WebhookTopic } from "./topics";
import { verifyWebhook, type HeaderReader } from "./verify.server";

/** Where a verified delivery is recorded before its 200: the inbox (SQLite) or the app database (PostgreSQL). */
export interface WebhookStore {
  record(delivery: WebhookDelivery): Promise<WebhookDeliveryOutcome>;
}

interface Waiting {
  delivery: WebhookDelivery;
  resolve: (outcome: WebhookDeliveryOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit into the inbox: the deliveries whose bodies finished arriving while no sync slot was free are
 * appended in one transaction (one commit for all of them) right before a sync of their own starts, and each is
 * answered once that sync is done (the inbox's fdatasync of its WAL, off the event loop). At low traffic a group
 * is one delivery and waits for nothing but its own commit and sync. Under a burst, the deliveries that arrive
 * while `inbox.maxSyncsInFlight` syncs run wait in memory and are appended together when one ends: fewer, larger
 * commits (a commit writes every page it touches whole: with the inbox's 4 KiB pages a group of one ~7 KB order
 * writes 26 KiB of WAL, a group of sixteen 12.8 KiB an order; decision 009, session 9), with the same promise:
 * no 200 before a sync that started after the delivery's commit has completed.
 */
export class InboxGroupCommit implements WebhookStore {
  private waiting: Waiting[] = [];
  private scheduled = false;
  private waitingForRelease = false;
  /** This store's syncs not yet done (each covers the group appended right before it started). */
  private syncing = 0;

  constructor(readonly inbox: WebhookInbox) {}

  record(delivery: WebhookDelivery): Promise<WebhookDeliveryOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ delivery, resolve, reject });
      this.schedule();
    });
  }

  /** Appends in the next turn of the event loop (so one turn's deliveries share a commit) if a sync slot is free. */
  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0 || this.syncing >= this.inbox.maxSyncsInFlight) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.waiting.length === 0 || this.syncing >= this.inbox.maxSyncsInFlight) return;
    if (this.inbox.appendsHeld) {
      // The checkpointer's short RESTART checkpoint runs: the deliveries wait in memory and are appended, in one
      // group, as soon as it lets go (the append after it starts the WAL from its beginning).
      if (!this.waitingForRelease) {
        this.waitingForRelease = true;
        this.inbox.whenAppendsReleased(() => {
          this.waitingForRelease = false;
          this.schedule();
        });
      }
      return;
    }
    const batch = this.waiting;
    this.waiting = [];
    let outcomes: WebhookDeliveryOutcome[];
    try {
      outcomes = this.inbox.append(batch.map((w) => w.delivery));
    } catch (error) {
      loggerFor({ module: "webhooks" }).error(
        { err: error, deliveries: batch.length, inbox: this.inbox.file },
        "Webhook deliveries could not be recorded",
      );
      for (const w of batch) w.reject(error);
      this.schedule();
      return;
    }
    // Called after the append returned: the sync it starts (or shares, if another caller of the inbox holds a
    // slot) begins after this group's commit, so it covers it.
    this.syncing += 1;
    this.inbox
      .flushToDisk()
      .then(
        () => batch.forEach((w, i) => w.resolve(outcomes[i])),
        (error: unknown) => {
          // Written but perhaps not on disk: no 200. Shopify retries, and the retry is a duplicate of what the
          // pump moves (or the same delivery again after a power cut).
          loggerFor({ module: "webhooks" }).error(
            { err: error, deliveries: batch.length, inbox: this.inbox.file },
            "Webhook deliveries could not be synced to disk",
          );
          for (const w of batch) w.reject(error);
        },
      )
      .finally(() => {
        this.syncing -= 1;
        this.schedule();
      });
  }
}

export function createWebhookStore(url: string = databaseUrl()): WebhookStore {
  const inboxFile = webhookInboxFile(url);
  if (!inboxFile) return new WebhookGroupCommit(undefined, createIntakePool(url));
  // The process that appends checkpoints the inbox on a thread of its own (inbox-checkpointer.server.ts).
  const inbox = openWebhookInbox(inboxFile);
  inbox.startCheckpointer();
  return new InboxGroupCommit(inbox);
}

let processStore: WebhookStore | undefined;

/** The process's store for DATABASE_URL (one writer per process keeps each commit a whole batch). */
export function webhookStore(): WebhookStore {
  return (processStore ??= createWebhookStore());
}

export interface WebhookHttpRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  header: HeaderReader;
  body: Buffer;
}

export interface WebhookAnswer {
  status: 200 | 400 | 401 | 404 | 405;
  topic?: WebhookTopic;
  shop?: string;
  outcome?: WebhookDeliveryOutcome;
}

/**
 * Decides one delivery. 404 for an address no subscription uses; then what `authenticate.webhook` answers
 * (405, 401 forged, 400 incomplete); 400 when the topic does not belong at this address; 200 once recorded
 * — also for Shopify's retry of a delivery already recorded. Throws when the store cannot record (the caller
 * answers 503 so that Shopify retries).
 */
export async function receiveWebhook(
  request: WebhookHttpRequest,
  options: { secret: string; store?: WebhookStore },
): Promise<WebhookAnswer> {
  const expectedTopic = webhookTopicForPath(request.path);
  if (!expectedTopic) return { status: 404 };
  const verdict = verifyWebhook(request.method, request.header, request.body, options.secret);
  if (!verdict.ok) {
    loggerFor({ module: "webhooks" }).debug(
      { path: request.path, reason: verdict.reason, missingHeaders: verdict.missingHeaders },
      "Webhook refused",
    );
    return { status: verdict.status, topic: expectedTopic };
  }
  const { webhook } = verdict;
  if (webhook.topic !== expectedTopic) {
    loggerFor({ shop: webhook.shop, module: "webhooks" }).warn(
      { topic: webhook.topic, expectedTopic, webhookId: webhook.webhookId },
      "Webhook topic does not match its address; check the subscriptions in shopify.app.toml",
    );
    return { status: 400, topic: expectedTopic, shop: webhook.shop };
  }
  const outcome = await (options.store ?? webhookStore()).record({
    shop: webhook.shop,
    topic: expectedTopic,
    webhookId: webhook.webhookId,
    eventId: webhook.eventId,
    apiVersion: webhook.apiVersion,
    triggeredAt: webhook.triggeredAt,
    receivedAt: new Date(),
    body: request.body,
  });
  return { status: 200, topic: expectedTopic, shop: webhook.shop, outcome };
}

/** Shopify caps a payload well below this; anything larger is not from Shopify and is not read into memory. */
export const MAX_WEBHOOK_BODY_BYTES = 5 * 1024 * 1024;

export function isWebhookRequest(req: IncomingMessage): boolean {
  return (req.url ?? "").startsWith(WEBHOOK_PATH_PREFIX);
}

/** node:http glue for `receiveWebhook`: reads the raw body (bounded), answers with an empty body. */
export function createWebhookRequestHandler(options: { secret: string; store?: WebhookStore; maxBodyBytes?: number }) {
  const maxBodyBytes = options.maxBodyBytes ?? MAX_WEBHOOK_BODY_BYTES;
  const log = loggerFor({ module: "webhooks" });

  return function handleWebhookHttp(req: IncomingMessage, res: ServerResponse): void {
    const started = process.hrtime.bigint();
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const path = query === -1 ? url : url.slice(0, query);
    const answer = (status: number, detail: Partial<WebhookAnswer> = {}) => {
      if (res.headersSent) return;
      res.statusCode = status;
      if (status === 405) res.setHeader("Allow", "POST");
      if (status === 503) res.setHeader("Retry-After", "5");
      res.end();
      if (log.isLevelEnabled("info")) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        log.info(
          {
            method: req.method,
            path,
            status,
            shop: detail.shop,
            topic: detail.topic,
            outcome: detail.outcome,
            ms: Math.round(ms * 10) / 10,
          },
          "webhook",
        );
      }
    };

    const declared = Number(req.headers["content-length"]);
    if (declared > maxBodyBytes) {
      answer(413);
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        answer(413);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("error", () => undefined); // the client went away: there is no one to answer
    req.on("end", () => {
      if (res.headersSent) return;
      const request: WebhookHttpRequest = {
        method: req.method ?? "GET",
        path,
        header: (name) => {
          const value = req.headers[name];
          return Array.isArray(value) ? value[0] : value;
        },
        body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size),
      };
      receiveWebhook(request, options).then(
        (result) => answer(result.status, result),
        (error) => {
          log.error({ err: error, path }, "Webhook could not be recorded; answered 503 so that Shopify retries");
          answer(503);
        },
      );
    });
  };
}
