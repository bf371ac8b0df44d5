// Runs before every test file, in that file's own process: each file gets its own fresh, migrated database
// (a temporary SQLite file, or its own PostgreSQL schema when KUNDROST_TEST_PG is set), so files can run in
// parallel without seeing each other's rows. Modules import `~/db.server` after this has set DATABASE_URL.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import pg from "pg";
import { migrateDatabase } from "../../app/db-migrate.server";
import { closeWebhookInboxes, webhookInboxFile } from "../../app/modules/webhooks/inbox.server";

process.env.TZ = "UTC";
process.env.NODE_ENV = "test";
process.env.LOG_LEVEL ??= "silent";
// Each file's inbox sits next to its own database, never at a path set for the whole machine.
delete process.env.WEBHOOK_INBOX_PATH;

const id = `${process.pid}_${randomBytes(4).toString("hex")}`;
const pgBase = process.env.KUNDROST_TEST_PG;
let cleanup: () => Promise<void>;

if (pgBase) {
  const schema = `t_${id}`;
  process.env.DATABASE_URL = `${pgBase}${pgBase.includes("?") ? "&" : "?"}schema=${schema}`;
  cleanup = async () => {
    const client = new pg.Client({ connectionString: pgBase });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  };
} else {
  const file = path.join(os.tmpdir(), `kundrost-test-${id}.sqlite`);
  process.env.DATABASE_URL = `file:${file}`;
  // The webhook intake's inbox lives next to the database (app/modules/webhooks/inbox.server.ts).
  const inbox = webhookInboxFile(process.env.DATABASE_URL)!;
  cleanup = async () => {
    closeWebhookInboxes();
    for (const base of [file, inbox])
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(base + suffix, { force: true });
  };
}

// Review photos and videos a test stores (local disk storage) go to this file's own folder, never data/media.
const mediaDir = path.join(os.tmpdir(), `kundrost-test-media-${id}`);
process.env.MEDIA_DIR = mediaDir;

await migrateDatabase(process.env.DATABASE_URL);

afterAll(async () => {
  const db = globalThis.__kundrostDb;
  if (db) await db.$disconnect();
  await cleanup();
  rmSync(mediaDir, { recursive: true, force: true });
});
