// The webhook inbox (SQLite installs) and its pump: a delivery answered 200 is in the inbox; the pump moves it
// into WebhookEvent + Job exactly once in effect, whatever crashes or second pumps happen in between.
import { copyFileSync, fstatSync, mkdtempSync, readFileSync, readSync, renameSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import db, { databaseUrl } from "~/db.server";
import { commitWebhookBatch } from "~/modules/webhooks/group-commit.server";
import { WebhookInbox, webhookInboxFile } from "~/modules/webhooks/inbox.server";
import { InboxGroupCommit } from "~/modules/webhooks/intake.server";
import { processWebhookInbox, pumpWebhookInbox, startWebhookInboxPump, type WebhookDelivery } from "~/modules/webhooks";

const scratch = mkdtempSync(path.join(os.tmpdir(), "kundrost-inbox-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let inbox: WebhookInbox;
let seq = 0;
beforeEach(async () => {
  inbox = new WebhookInbox(path.join(scratch, `inbox-${++seq}.sqlite`));
  await db.job.deleteMany();
  await db.webhookEvent.deleteMany();
});
afterEach(() => inbox.close());

function delivery(webhookId: string, shop = "nordic-linen.myshopify.com"): WebhookDelivery {
  return {
    shop,
    topic: "ORDERS_FULFILLED",
    webhookId,
    eventId: `event-${webhookId}`,
    apiVersion: "2026-07",
    triggeredAt: "2026-11-20T10:00:00.000Z",
    body: Buffer.from(JSON.stringify({ id: webhookId, note: "Tröjan är för liten" }), "utf8"),
  };
}

function pageSize(file: string): number {
  const reader = new Database(file, { readonly: true });
  try {
    return reader.pragma("page_size", { simple: true }) as number;
  } finally {
    reader.close();
  }
}

async function recorded() {
  const [events, jobs] = await Promise.all([db.webhookEvent.count(), db.job.count()]);
  return { events, jobs };
}

describe("webhook inbox", () => {
  it("appends a batch in one go and tells a retry already waiting apart", () => {
    expect(inbox.append([delivery("a"), delivery("b"), delivery("a")])).toEqual(["recorded", "recorded", "duplicate"]);
    expect(inbox.append([delivery("b"), delivery("b", "fjallbacka-home.myshopify.com")])).toEqual([
      "duplicate",
      "recorded",
    ]);
    expect(inbox.backlog()).toBe(3);
  });

  it("hands deliveries back in arrival order with everything the intake read", () => {
    const receivedAt = new Date("2026-11-24T08:00:00.123Z");
    inbox.append([delivery("first")], receivedAt);
    inbox.append([delivery("second")]);

    const [first, second] = inbox.oldest(10);
    expect(first.seq).toBeLessThan(second.seq);
    expect(first.delivery).toEqual({
      ...delivery("first"),
      body: JSON.stringify({ id: "first", note: "Tröjan är för liten" }),
      receivedAt,
    });
    expect(second.delivery.webhookId).toBe("second");
  });

  it("never hands out a sequence number twice, even after the newest rows were removed", () => {
    inbox.append([delivery("a"), delivery("b")]);
    const [, last] = inbox.oldest(10);
    expect(inbox.removeThrough(last.seq)).toBe(2);
    inbox.append([delivery("c")]);
    expect(inbox.oldest(1)[0].seq).toBeGreaterThan(last.seq);
  });

  /** An inbox file as versions before session 9 made it: 16 KiB pages, in WAL mode. */
  function inboxWith16KiBPages(name: string): string {
    const file = path.join(scratch, name);
    const older = new Database(file);
    older.pragma("page_size = 16384");
    older.pragma("journal_mode = WAL");
    older.close();
    return file;
  }

  it("is made with 4 KiB pages, so a commit of a few deliveries writes few bytes of WAL; an existing inbox keeps its own", () => {
    expect(pageSize(inbox.file)).toBe(4_096);
    const file = inboxWith16KiBPages("older.sqlite");
    const reopened = new WebhookInbox(file);
    try {
      expect(pageSize(file)).toBe(16_384);
      expect(reopened.append([delivery("a")])).toEqual(["recorded"]);
    } finally {
      reopened.close();
    }
  });

  it("checkpoints itself only at 256 MB of WAL, whatever its page size", () => {
    const autocheckpoint = (target: WebhookInbox) =>
      (target as unknown as { db: Database.Database }).db.pragma("wal_autocheckpoint", { simple: true });
    expect(autocheckpoint(inbox)).toBe(65_536); // 4 KiB pages
    const reopened = new WebhookInbox(inboxWith16KiBPages("older-16k.sqlite"));
    try {
      expect(autocheckpoint(reopened)).toBe(16_384); // 16 KiB pages: 1 GiB at 65,536 pages
    } finally {
      reopened.close();
    }
  });

  it("refuses an inbox written in another format, with what to do about it", () => {
    const file = path.join(scratch, "future.sqlite");
    const other = new Database(file);
    other.pragma("user_version = 99");
    other.close();
    expect(() => new WebhookInbox(file)).toThrow(/format 99.*empty it first/);
  });

  it("lives next to a SQLite database, or where WEBHOOK_INBOX_PATH says, and not at all on PostgreSQL", () => {
    expect(webhookInboxFile("file:/srv/kundrost/data/kundrost.sqlite", {})).toBe(
      "/srv/kundrost/data/kundrost.webhook-inbox.sqlite",
    );
    expect(
      webhookInboxFile("file:/srv/kundrost/data/kundrost.sqlite", { WEBHOOK_INBOX_PATH: "/fast-disk/inbox.sqlite" }),
    ).toBe("/fast-disk/inbox.sqlite");
    expect(webhookInboxFile("postgresql://kundrost@db.internal:5432/kundrost", {})).toBeNull();
    expect(processWebhookInbox()?.file).toBe(webhookInboxFile(databaseUrl()));
  });
});

describe("inbox group commit", () => {
  it("answers every delivery of a burst from one commit, duplicates included", async () => {
    const store = new InboxGroupCommit(inbox);
    const outcomes = await Promise.all(
      [...Array.from({ length: 50 }, (_, i) => delivery(`burst-${i}`)), delivery("burst-7")].map((d) =>
        store.record(d),
      ),
    );
    expect(outcomes.filter((o) => o === "recorded")).toHaveLength(50);
    expect(outcomes[50]).toBe("duplicate");
    expect(inbox.backlog()).toBe(50);
  });

  it("answers only once the commit is on disk (the WAL's fdatasync), not when it is written", async () => {
    const store = new InboxGroupCommit(inbox);
    let synced!: () => void;
    const flushToDisk = inbox.flushToDisk.bind(inbox);
    inbox.flushToDisk = () => new Promise<void>((resolve) => (synced = () => void flushToDisk().then(resolve)));
    let answered = false;
    const outcome = store.record(delivery("durable")).then((o) => ((answered = true), o));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(inbox.backlog()).toBe(1); // written
    expect(answered).toBe(false); // but not yet on disk: no 200
    synced();
    expect(await outcome).toBe("recorded");
  });

  it("answers no delivery whose commit could not be synced to disk", async () => {
    const store = new InboxGroupCommit(inbox);
    inbox.flushToDisk = () => Promise.reject(new Error("EIO: i/o error, fdatasync"));
    const outcomes = await Promise.allSettled([store.record(delivery("a")), store.record(delivery("b"))]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
  });

  it("syncs the WAL for every caller, callers during a sync sharing the next one", async () => {
    inbox.append([delivery("one")]);
    const first = inbox.flushToDisk();
    inbox.append([delivery("two")]);
    const waiting = [inbox.flushToDisk(), inbox.flushToDisk()];
    await expect(Promise.all([first, ...waiting])).resolves.toHaveLength(3);
    // A reader that opens the file now sees both (the WAL is the committed record until a checkpoint).
    const reader = new Database(inbox.file, { readonly: true });
    expect(reader.prepare("SELECT count(*) AS n FROM delivery").get()).toEqual({ n: 2 });
    reader.close();
  });

  it("starts a group's sync while the previous one runs, and lets later callers share the next", async () => {
    // The syncs themselves, held until released: which ones run at once, and whom each one answers.
    const running: { release: () => void }[] = [];
    (inbox as unknown as { syncWal: () => Promise<void> }).syncWal = () =>
      new Promise<void>((resolve) => running.push({ release: resolve }));
    const answered: string[] = [];
    const flush = (name: string) => inbox.flushToDisk().then(() => answered.push(name));

    const first = flush("first");
    const second = flush("second");
    expect(running).toHaveLength(2); // two at once: the second group did not wait for the first's sync
    const third = flush("third");
    const fourth = flush("fourth");
    expect(running).toHaveLength(2); // both busy: the third and fourth wait for the next sync to start

    running[0].release();
    await first;
    await vi.waitFor(() => expect(running).toHaveLength(3)); // the next one started after the first ended
    expect(answered).toEqual(["first"]);
    running[1].release();
    await second;
    expect(running).toHaveLength(3); // nobody was waiting any more
    running[2].release();
    await Promise.all([third, fourth]);
    expect(answered).toEqual(["first", "second", "third", "fourth"]);
  });

  it("while every sync slot is busy, keeps arriving deliveries in memory and appends them in one commit when a sync ends, answered only by a sync started after that commit", async () => {
    const store = new InboxGroupCommit(inbox);
    const running: { release: () => void }[] = [];
    (inbox as unknown as { syncWal: () => Promise<void> }).syncWal = () =>
      new Promise<void>((resolve) => running.push({ release: resolve }));
    const appended: string[][] = [];
    const append = inbox.append.bind(inbox);
    inbox.append = (deliveries, receivedAt) => {
      appended.push(deliveries.map((d) => d.webhookId));
      return append(deliveries, receivedAt);
    };
    const answered: string[] = [];
    const record = (id: string) => store.record(delivery(id)).then(() => answered.push(id));
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

    const a = record("a");
    await nextTurn();
    const b = record("b");
    await nextTurn();
    expect(running).toHaveLength(inbox.maxSyncsInFlight); // a's and b's syncs, both running
    const c = record("c");
    await nextTurn();
    const d = record("d");
    await nextTurn();
    expect(appended).toEqual([["a"], ["b"]]); // c and d wait in memory, not yet committed
    expect(inbox.backlog()).toBe(2);

    running[0].release();
    await a;
    await vi.waitFor(() => expect(appended).toEqual([["a"], ["b"], ["c", "d"]])); // one commit for both
    await vi.waitFor(() => expect(running).toHaveLength(3)); // and a sync of their own, started after it
    running[1].release();
    await b;
    await nextTurn();
    expect(answered).toEqual(["a", "b"]); // b's sync ran before c and d were committed: it answers neither
    running[2].release();
    await Promise.all([c, d]);
    expect(answered).toEqual(["a", "b", "c", "d"]);
    expect(inbox.backlog()).toBe(4);
  });

  it("rejects every delivery of a batch the inbox could not commit, so none of them is answered 200", async () => {
    const store = new InboxGroupCommit(inbox);
    inbox.close();
    const outcomes = await Promise.allSettled([store.record(delivery("x")), store.record(delivery("y"))]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
  });
});

describe("the inbox's checkpointer thread", () => {
  function bigDelivery(webhookId: string): WebhookDelivery {
    return { ...delivery(webhookId), body: Buffer.from(JSON.stringify({ id: webhookId, note: "x".repeat(7_000) })) };
  }

  it("keeps the WAL short and rewound while a burst is appended, with no checkpoint on the event loop and every delivery kept", async () => {
    // Without the thread the web connection checkpoints only at 256 MB: this burst's ~20 MB of WAL would all stay.
    const checkpointer = inbox.startCheckpointer({ intervalMs: 2, restartAtBytes: 512 * 1024 });
    const store = new InboxGroupCommit(inbox);
    const walFile = `${inbox.file}-wal`;
    let largestWal = 0;
    const answers: Promise<string>[] = [];
    for (let i = 0; i < 2_000; i++) {
      answers.push(store.record(bigDelivery(`burst-${i}`)));
      // A burst arrives over many turns of the event loop, as requests do.
      if (i % 20 === 19) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        largestWal = Math.max(largestWal, statSync(walFile).size);
      }
    }
    expect(new Set(await Promise.all(answers))).toEqual(new Set(["recorded"]));
    expect(checkpointer.restarts.some((r) => r.busy === 0)).toBe(true);
    expect(largestWal).toBeLessThan(8 * 1024 * 1024);
    expect(inbox.backlog()).toBe(2_000);
    expect(new Set(inbox.oldest(2_000).map((e) => e.delivery.webhookId)).size).toBe(2_000);
  }, 30_000);

  it("holds appends while its RESTART checkpoint runs and appends what waited in one group when it lets go", async () => {
    const checkpointer = inbox.startCheckpointer({ intervalMs: 1, restartAtBytes: 64 * 1024 });
    const store = new InboxGroupCommit(inbox);
    // Enough WAL for the thread to ask for a hold.
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.record(bigDelivery(`before-${i}`))));
    for (let i = 0; i < 500 && !inbox.appendsHeld; i++) {
      await store.record(bigDelivery(`more-${i}`));
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(inbox.appendsHeld).toBe(true);
    const appended = inbox.backlog();
    const waiting = [store.record(delivery("during-1")), store.record(delivery("during-2"))];
    await new Promise((resolve) => setImmediate(resolve));
    // Not appended while held (the backlog is read on a connection of the same file).
    if (inbox.appendsHeld) expect(inbox.backlog()).toBe(appended);
    expect(await Promise.all(waiting)).toEqual(["recorded", "recorded"]);
    expect(inbox.appendsHeld).toBe(false);
    expect(checkpointer.restarts.length).toBeGreaterThan(0);
  }, 30_000);
});

describe("the WAL's descriptor (held open between syncs)", () => {
  /** The WAL's bytes as the inbox's descriptor sees them. */
  function readThrough(fd: number): Buffer {
    const bytes = Buffer.alloc(fstatSync(fd).size);
    let read = 0;
    while (read < bytes.length) read += readSync(fd, bytes, read, bytes.length - read, read);
    return bytes;
  }

  it("stays the WAL's own through checkpoints that rewind and truncate it, and syncs what was appended after", async () => {
    const walFile = `${inbox.file}-wal`;
    inbox.append([delivery("before")]);
    await inbox.flushToDisk();
    const held = inbox.walHandle()!;
    expect(held.ino).toBe(statSync(walFile).ino);
    // One descriptor per sync in flight: a write-back error is reported once per open file, so each sync needs
    // its own to hear of it.
    expect(new Set(held.fds).size).toBe(2);

    // The pump (another process: another connection) moves the deliveries and checkpoints; TRUNCATE empties the
    // file, as journal_size_limit does after a rewind.
    const pump = new Database(inbox.file);
    try {
      expect(inbox.removeThrough(inbox.oldest(10)[0].seq)).toBe(1);
      pump.pragma("wal_checkpoint(TRUNCATE)");
      expect(statSync(walFile).size).toBe(0);
      for (const fd of held.fds) expect(fstatSync(fd).size).toBe(0); // the same file, seen through each descriptor

      inbox.append([delivery("after-truncate")]);
      await inbox.flushToDisk();
      expect(inbox.walHandle()).toEqual(held);
      expect(readThrough(held.fds[0]).length).toBeGreaterThan(0);
      for (const fd of held.fds) expect(readThrough(fd).equals(readFileSync(walFile))).toBe(true);

      // A PASSIVE checkpoint that catches up rewinds the WAL: the next commit is written from its start.
      inbox.removeThrough(inbox.oldest(10)[0].seq);
      inbox.checkpoint();
      inbox.append([delivery("after-rewind")]);
      await inbox.flushToDisk();
      expect(inbox.walHandle()).toEqual(held);
      for (const fd of held.fds) expect(readThrough(fd).equals(readFileSync(walFile))).toBe(true);
    } finally {
      pump.close();
    }
    expect(inbox.oldest(10).map((e) => e.delivery.webhookId)).toEqual(["after-rewind"]);
  });

  it("reopens the WAL when its path names another file", async () => {
    const walFile = `${inbox.file}-wal`;
    inbox.append([delivery("a")]);
    await inbox.flushToDisk();
    const before = inbox.walHandle()!;
    // Replaced from outside (SQLite itself removes the WAL only when its last connection closes).
    renameSync(walFile, `${walFile}.old`);
    copyFileSync(`${walFile}.old`, walFile);
    expect(statSync(walFile).ino).not.toBe(before.ino);

    await inbox.flushToDisk();

    expect(inbox.walHandle()!.ino).toBe(statSync(walFile).ino);
  });

  it("fails the sync, answering nobody, when there is no WAL to sync", async () => {
    inbox.append([delivery("a")]);
    rmSync(`${inbox.file}-wal`);
    await expect(inbox.flushToDisk()).rejects.toThrow(/ENOENT/);
  });

  it("fails every sync after one failed, until the process restarts", async () => {
    const sync = inbox as unknown as { syncWal: () => Promise<void> };
    const real = sync.syncWal.bind(inbox);
    sync.syncWal = () => Promise.reject(new Error("EIO: i/o error, fdatasync"));
    await expect(inbox.flushToDisk()).rejects.toThrow(/EIO/);
    sync.syncWal = real; // the disk answers again: what it lost before is lost all the same
    inbox.append([delivery("after-the-error")]);
    await expect(inbox.flushToDisk()).rejects.toThrow(/could not be synced to disk \(EIO.*restart the web process/);
    const restarted = new WebhookInbox(inbox.file); // what a new process opens
    try {
      await expect(restarted.flushToDisk()).resolves.toBeUndefined();
    } finally {
      restarted.close();
    }
  });

  it("is closed with the inbox, and a sync after that fails", async () => {
    inbox.append([delivery("a")]);
    const syncing = inbox.flushToDisk();
    inbox.close(); // while the sync runs: the descriptor is closed after it
    await syncing;
    expect(inbox.walHandle()).toBeNull();
    await expect(inbox.flushToDisk()).rejects.toThrow(/closed/);
  });
});

describe("inbox pump", () => {
  it("moves waiting deliveries into WebhookEvent + Job and empties the inbox", async () => {
    const receivedAt = new Date("2026-11-24T08:00:00.000Z");
    inbox.append([delivery("m1"), delivery("m2")], receivedAt);

    expect(await pumpWebhookInbox({ inbox })).toBe(2);

    expect(inbox.backlog()).toBe(0);
    const events = await db.webhookEvent.findMany({ orderBy: { webhookId: "asc" } });
    expect(events.map((e) => [e.webhookId, e.status, e.receivedAt.toISOString()])).toEqual([
      ["m1", "enqueued", receivedAt.toISOString()],
      ["m2", "enqueued", receivedAt.toISOString()],
    ]);
    expect(JSON.parse(events[0].payload!)).toEqual({ id: "m1", note: "Tröjan är för liten" });
    const jobs = await db.job.findMany();
    expect(jobs.map((j) => j.id).sort()).toEqual(events.map((e) => e.jobId).sort());
  });

  it("moves a big backlog in batches", async () => {
    inbox.append(Array.from({ length: 1_234 }, (_, i) => delivery(`big-${i}`)));
    expect(await pumpWebhookInbox({ inbox, batchSize: 500 })).toBe(1_234);
    expect(await recorded()).toEqual({ events: 1_234, jobs: 1_234 });
  });

  it("moves a delivery again after a crash between the database commit and the inbox delete, without a second event or job", async () => {
    inbox.append([delivery("crash")]);
    // What the pump does before it removes the row; then the process dies.
    await commitWebhookBatch(
      inbox.oldest(10).map((e) => e.delivery),
      db,
    );
    expect(inbox.backlog()).toBe(1);

    expect(await pumpWebhookInbox({ inbox })).toBe(1);

    expect(inbox.backlog()).toBe(0);
    expect(await recorded()).toEqual({ events: 1, jobs: 1 });
  });

  it("ignores Shopify's retry of a delivery that was already moved", async () => {
    inbox.append([delivery("late-retry")]);
    await pumpWebhookInbox({ inbox });
    expect(inbox.append([delivery("late-retry")])).toEqual(["recorded"]);

    await pumpWebhookInbox({ inbox });

    expect(inbox.backlog()).toBe(0);
    expect(await recorded()).toEqual({ events: 1, jobs: 1 });
  });

  it("lets two pumps race over the same backlog with each delivery recorded once", async () => {
    inbox.append(Array.from({ length: 300 }, (_, i) => delivery(`race-${i}`)));
    const twin = new WebhookInbox(inbox.file);
    try {
      await Promise.all([pumpWebhookInbox({ inbox, batchSize: 64 }), pumpWebhookInbox({ inbox: twin, batchSize: 64 })]);
    } finally {
      twin.close();
    }
    expect(inbox.backlog()).toBe(0);
    expect(await recorded()).toEqual({ events: 300, jobs: 300 });
  });

  it("runs continuously beside the worker and stops cleanly", async () => {
    const pump = startWebhookInboxPump({ inbox, intervalMs: 10 })!;
    try {
      inbox.append([delivery("live-1"), delivery("live-2")]);
      await vi.waitFor(async () => expect(await recorded()).toEqual({ events: 2, jobs: 2 }), { timeout: 5_000 });
      expect(inbox.backlog()).toBe(0);
    } finally {
      await pump.stop();
    }
  });
});
