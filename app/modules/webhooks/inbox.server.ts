// The webhook inbox: on SQLite, deliveries are first written to a small SQLite file of their own and moved into
// the app database (WebhookEvent + Job) by the worker's pump (pump.server.ts). Why a second file: SQLite has
// one write lock per file. With the intake writing to the app database, every delivery waited for whatever
// transaction the worker was in (an order sync, a dispatch), synchronously, and a burst of webhooks queued up
// behind it — p99 in the hundreds of milliseconds (docs/decisions/005-webhook-inbox.md). Here the web
// process is the inbox's only writer besides the pump's short deletes, and the pump only reads while the web
// process writes (WAL readers never block the writer), so a delivery is durable in one small local commit.
//
// The inbox is the durable record a 200 stands for: a delivery is appended (and committed) before Shopify hears
// 200, and removed only after the app database holds it. Moving is at-least-once and the app database's
// unique (shop, webhookId) makes it exactly-once in effect (a crash between the two leaves rows that are moved
// again and ignored as duplicates). Shopify's retries of a delivery still in the inbox are dropped at once by
// the inbox's own unique key.
import { closeSync, fdatasync, fstatSync, mkdirSync, openSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { isPostgresUrl, sqliteFilePath } from "../../db-url.server";
import type { WebhookDelivery, WebhookDeliveryOutcome } from "./delivery";
import { InboxCheckpointer, type InboxCheckpointerOptions } from "./inbox-checkpointer.server";

/** Bump when the table changes; an inbox written by another layout is refused with a clear message. */
const INBOX_FORMAT = 1;

/** The page size of a new inbox (see the constructor). */
const INBOX_PAGE_SIZE = 4096;

/** How much WAL the web process lets grow before it checkpoints itself (no pump has run for a long while). */
const SAFETY_CHECKPOINT_BYTES = 256 * 1024 * 1024;

export interface InboxEntry {
  seq: number;
  delivery: WebhookDelivery;
}

interface InboxRow {
  seq: number;
  shop: string;
  topic: string;
  webhookId: string;
  eventId: string | null;
  apiVersion: string | null;
  triggeredAt: string | null;
  receivedAt: number;
  body: Buffer;
}

export class WebhookInbox {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly appendAll: (deliveries: readonly WebhookDelivery[], receivedAt: number) => WebhookDeliveryOutcome[];
  private readonly selectOldest: Database.Statement<[number], InboxRow>;
  private readonly deleteThrough: Database.Statement<[number]>;
  private readonly countAll: Database.Statement<[], { n: number }>;

  constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file, { timeout: 5_000 });
    // 4 KiB pages for a new inbox (an existing one keeps its own: SQLite cannot change it in WAL mode). A commit
    // writes every page it touched whole, and besides the delivery's own bytes it touches the table's last leaf,
    // a leaf of the (shop, webhookId) index (webhook ids are random), AUTOINCREMENT's sqlite_sequence and page 1:
    // with 16 KiB pages (sessions 7-8) a group of one delivery (~7 KB) wrote 66 KiB of WAL and a group of four
    // 34 KiB each; with 4 KiB pages 26 and 16 KiB, for ~2 us more CPU a delivery. Under a burst the 200 waits
    // for the fdatasync of those bytes, on a disk the worker writes to as well (decision 009, session 9).
    this.db.pragma(`page_size = ${INBOX_PAGE_SIZE}`);
    this.db.pragma("journal_mode = WAL");
    // Checkpoints (copying the WAL into the file, with an fsync) are most of the cost of a burst. The web process's
    // checkpointer thread runs them (`startCheckpointer()`, inbox-checkpointer.server.ts) and so does the pump after
    // each batch it moves (`checkpoint()`), so the event loop only ever appends; it checkpoints itself only as a
    // safety valve should neither run: at 256 MB of WAL whatever the page size (65,536 pages of 4 KiB, 16,384 of
    // 16 KiB).
    const pageSize = this.db.pragma("page_size", { simple: true }) as number;
    this.db.pragma(`wal_autocheckpoint = ${Math.max(1, Math.floor(SAFETY_CHECKPOINT_BYTES / pageSize))}`);
    // A 200 promises Shopify the delivery is kept: Shopify will not send it again, so it must survive a power
    // cut, not only a crashed process. SQLite's synchronous=FULL would fsync the WAL inside every commit, on the
    // event loop: 1–8 ms during which no request is read. Instead commits run NORMAL (the WAL is written, not
    // synced) and the intake answers only after `flushToDisk()` has fdatasynced the WAL on libuv's thread pool:
    // the same data on disk before the 200 as FULL gives, while the event loop reads the next requests and
    // appends the next group (https://www.sqlite.org/wal.html, https://www.sqlite.org/pragma.html#pragma_synchronous).
    // Measured in docs/decisions/009-order-batches.md.
    this.db.pragma("synchronous = NORMAL");
    const format = this.db.pragma("user_version", { simple: true }) as number;
    if (format === 0) {
      this.db.exec(`
        CREATE TABLE IF NOT EXISTS delivery (
          seq         INTEGER PRIMARY KEY AUTOINCREMENT,
          shop        TEXT    NOT NULL,
          topic       TEXT    NOT NULL,
          webhookId   TEXT    NOT NULL,
          eventId     TEXT,
          apiVersion  TEXT,
          triggeredAt TEXT,
          receivedAt  INTEGER NOT NULL,
          body        BLOB    NOT NULL,
          UNIQUE (shop, webhookId)
        );
        PRAGMA user_version = ${INBOX_FORMAT};`);
    } else if (format !== INBOX_FORMAT) {
      throw new Error(
        `The webhook inbox ${file} has format ${format}, this version of Kundröst reads format ${INBOX_FORMAT}. Let the old version's worker empty it first.`,
      );
    }
    this.insert = this.db.prepare(
      `INSERT INTO delivery (shop, topic, webhookId, eventId, apiVersion, triggeredAt, receivedAt, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (shop, webhookId) DO NOTHING`,
    );
    this.appendAll = this.db.transaction((deliveries: readonly WebhookDelivery[], receivedAt: number) =>
      deliveries.map((d) =>
        this.insert.run(
          d.shop,
          d.topic,
          d.webhookId,
          d.eventId ?? null,
          d.apiVersion ?? null,
          d.triggeredAt ?? null,
          receivedAt,
          toBuffer(d.body),
        ).changes === 1
          ? "recorded"
          : "duplicate",
      ),
    );
    this.selectOldest = this.db.prepare(`SELECT * FROM delivery ORDER BY seq LIMIT ?`);
    this.deleteThrough = this.db.prepare(`DELETE FROM delivery WHERE seq <= ?`);
    this.countAll = this.db.prepare(`SELECT count(*) AS n FROM delivery`);
    // Reading the format above opened the WAL (journal_mode=WAL creates it), so the file is there to hold open.
    try {
      this.wal = openWal(`${file}-wal`, MAX_SYNCS_IN_FLIGHT);
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  /**
   * Appends deliveries in one transaction, committed when this returns. "duplicate" means a delivery with the
   * same shop and webhook id is already waiting (one earlier in this batch included).
   */
  append(deliveries: readonly WebhookDelivery[], receivedAt: Date = new Date()): WebhookDeliveryOutcome[] {
    return this.appendAll(deliveries, receivedAt.getTime());
  }

  /** The longest-waiting deliveries, in arrival order. */
  oldest(limit: number): InboxEntry[] {
    return this.selectOldest.all(limit).map((row) => ({
      seq: row.seq,
      delivery: {
        shop: row.shop,
        topic: row.topic as WebhookDelivery["topic"],
        webhookId: row.webhookId,
        eventId: row.eventId,
        apiVersion: row.apiVersion,
        triggeredAt: row.triggeredAt,
        receivedAt: new Date(row.receivedAt),
        body: row.body.toString("utf8"),
      },
    }));
  }

  /**
   * Removes every delivery up to and including `seq`. Sequence numbers are handed out under the write lock and
   * never reused (AUTOINCREMENT), so nothing appended after the pump's read can fall below it.
   */
  removeThrough(seq: number): number {
    return this.deleteThrough.run(seq).changes;
  }

  /**
   * Copies what the WAL holds into the inbox file without waiting for or blocking the web process's appends
   * (PASSIVE), so the WAL is recycled once the pump has caught up.
   */
  checkpoint(): void {
    this.db.pragma("wal_checkpoint(PASSIVE)");
  }

  private checkpointer: InboxCheckpointer | null = null;

  /**
   * Starts the checkpointer thread (once; the web process does, for the inbox it appends to): it keeps the WAL
   * short and rewound without a checkpoint on the event loop, holding appends only for one short RESTART
   * checkpoint now and then. Whoever appends asks `appendsHeld` first and waits with `whenAppendsReleased`.
   */
  startCheckpointer(options?: InboxCheckpointerOptions): InboxCheckpointer {
    return (this.checkpointer ??= new InboxCheckpointer(this.file, options));
  }

  /** True while the checkpointer's RESTART checkpoint runs (an append now would wait for its write lock). */
  get appendsHeld(): boolean {
    return this.checkpointer?.appendsHeld ?? false;
  }

  whenAppendsReleased(callback: () => void): void {
    if (this.checkpointer) this.checkpointer.whenReleased(callback);
    else callback();
  }

  /**
   * Resolves once every commit made before the call is on disk (fdatasync of the WAL, off the event loop). Up to
   * `MAX_SYNCS_IN_FLIGHT` syncs run at once, each started right after the commit of the group that asked for
   * it; a call that finds them all busy shares the next one to start (one sync covers every append made before
   * it started). Overlapping syncs let a group's sync start at once instead of waiting for the running one to
   * end (measured in decision 009, session 7: the 200's wait is mostly this wait).
   */
  flushToDisk(): Promise<void> {
    if (this.inFlight.size < MAX_SYNCS_IN_FLIGHT) return this.startSync();
    if (!this.queued) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      this.queued = { promise, resolve, reject };
    }
    return this.queued.promise;
  }

  private readonly inFlight = new Set<Promise<void>>();
  private queued: { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } | null = null;

  /**
   * Set by the first failed sync; every later sync fails with it. Linux reports a write-back error to a file
   * once: a later fdatasync can succeed while the pages that failed are not on disk, and SQLite's recovery
   * keeps a WAL only up to its first missing frame, so no later commit could be promised durable either. Every
   * delivery is answered 503 (Shopify retries) until the process restarts and SQLite recovers the inbox.
   */
  private syncFailure: Error | null = null;

  private startSync(): Promise<void> {
    const attempt = this.syncFailure ? Promise.reject(this.syncFailure) : this.syncWal();
    const sync = attempt
      .catch((error: unknown) => {
        this.syncFailure ??= new Error(
          `The webhook inbox ${this.file} could not be synced to disk (${error instanceof Error ? error.message : String(error)}); no later delivery can be promised durable: restart the web process`,
          { cause: error },
        );
        throw error;
      })
      .finally(() => {
        this.inFlight.delete(sync);
        const queued = this.queued;
        this.queued = null;
        if (queued) this.startSync().then(queued.resolve, queued.reject);
      });
    this.inFlight.add(sync);
    return sync;
  }

  /** Closes descriptors once no sync that may use them is running (a closed number is soon another file's). */
  private closeAfterSyncs(fds: readonly number[]): void {
    const closeAll = () => fds.forEach((fd) => closeSync(fd));
    if (this.inFlight.size === 0) closeAll();
    else void Promise.allSettled([...this.inFlight]).then(closeAll);
  }

  /**
   * The WAL file, held open (one descriptor per sync in flight) from the constructor to `close()`, so a sync is
   * one fdatasync on libuv's thread pool rather than open + fdatasync + close (three hops; measured in decision
   * 009, session 7). SQLite rewrites the WAL from its start after a checkpoint and may truncate it
   * (journal_size_limit, wal_checkpoint(TRUNCATE)): the file stays the same, so the descriptors stay good. SQLite
   * deletes the file only when the last connection closes, and this connection is open as long as the
   * descriptors; should the path name another file all the same (replaced from outside), they are reopened on
   * it before the sync, which costs one stat on the event loop per sync.
   */
  private wal: HeldWal | null;

  private syncWal(): Promise<void> {
    if (!this.db.open) return Promise.reject(new Error(`The webhook inbox ${this.file} is closed`));
    let wal: HeldWal;
    try {
      wal = this.currentWal();
    } catch (error) {
      return Promise.reject(error);
    }
    // A descriptor of its own per sync in flight: Linux reports a write-back error once per open file, so two
    // syncs sharing one could see one of them succeed over pages the other was told were lost.
    const fd = wal.free.pop();
    if (fd === undefined) return Promise.reject(new Error(`No free descriptor on ${this.file}-wal`));
    return new Promise<void>((resolve, reject) =>
      fdatasync(fd, (error) => {
        wal.free.push(fd);
        if (error) reject(error);
        else resolve();
      }),
    );
  }

  /** The WAL's descriptors this inbox syncs, and the file they were opened on (null once closed). */
  walHandle(): { fds: number[]; dev: number; ino: number } | null {
    return this.wal ? { fds: [...this.wal.fds], dev: this.wal.dev, ino: this.wal.ino } : null;
  }

  private currentWal(): HeldWal {
    const walFile = `${this.file}-wal`;
    const onDisk = statSync(walFile, { throwIfNoEntry: false });
    if (this.wal && onDisk && onDisk.ino === this.wal.ino && onDisk.dev === this.wal.dev) return this.wal;
    // Replaced (or not there yet): the commits this sync must cover went to whatever the path names now.
    if (this.wal) this.closeAfterSyncs(this.wal.fds);
    this.wal = null;
    this.wal = openWal(walFile, MAX_SYNCS_IN_FLIGHT);
    return this.wal;
  }

  /** How many syncs `flushToDisk()` runs at once; a caller that waits for a free one groups more per sync. */
  get maxSyncsInFlight(): number {
    return MAX_SYNCS_IN_FLIGHT;
  }

  backlog(): number {
    return this.countAll.get()!.n;
  }

  close(): void {
    this.checkpointer?.stop();
    this.checkpointer = null;
    if (this.db.open) this.db.close();
    const wal = this.wal;
    this.wal = null;
    if (!wal) return;
    this.closeAfterSyncs(wal.fds);
  }
}

/**
 * Two: a group's sync starts as soon as its commit is written while the previous group's is still running, and
 * two of libuv's four threads stay free for the process's other file work.
 */
const MAX_SYNCS_IN_FLIGHT = 2;

interface HeldWal {
  fds: number[];
  /** The descriptors no sync is using now. */
  free: number[];
  dev: number;
  ino: number;
}

function openWal(walFile: string, count: number): HeldWal {
  const fds: number[] = [];
  try {
    while (fds.length < count) fds.push(openSync(walFile, "r"));
  } catch (error) {
    fds.forEach((fd) => closeSync(fd));
    throw error;
  }
  const { dev, ino } = fstatSync(fds[0]);
  return { fds, free: [...fds], dev, ino };
}

function toBuffer(body: string | Buffer): Buffer {
  return typeof body === "string" ? Buffer.from(body, "utf8") : body;
}

/**
 * Where the inbox of an app database lives: WEBHOOK_INBOX_PATH, else next to the SQLite file
 * (data/kundrost.sqlite -> data/kundrost.webhook-inbox.sqlite). PostgreSQL has no file lock to avoid: there the
 * intake writes straight into the app database and there is no inbox (null).
 */
export function webhookInboxFile(
  databaseUrl: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | null {
  if (isPostgresUrl(databaseUrl)) return null;
  if (env.WEBHOOK_INBOX_PATH && env.WEBHOOK_INBOX_PATH.trim() !== "") return path.resolve(env.WEBHOOK_INBOX_PATH);
  const file = sqliteFilePath(databaseUrl);
  const parsed = path.parse(file);
  return path.join(parsed.dir, `${parsed.name}.webhook-inbox${parsed.ext || ".sqlite"}`);
}

const opened = new Map<string, WebhookInbox>();

/** One connection per inbox file per process (the web process's intake and an in-process pump share it). */
export function openWebhookInbox(file: string): WebhookInbox {
  let inbox = opened.get(file);
  if (!inbox) {
    inbox = new WebhookInbox(file);
    opened.set(file, inbox);
  }
  return inbox;
}

export function closeWebhookInboxes(): void {
  for (const inbox of opened.values()) inbox.close();
  opened.clear();
}
