// Applies the checked-in migration history of the provider the URL names, once each, in order.
// SQLite: prisma/migrations; PostgreSQL: prisma/postgresql/migrations. A small tracked runner instead of
// `prisma migrate deploy`, which fails on PostgreSQL through a driver adapter (prisma/orm#27403).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { isPostgresUrl, pgConfigFromUrl, sqliteFilePath } from "./db-url.server";

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

const TRACKING_TABLE = "_kundrost_migrations";

export function migrationsDir(provider: "sqlite" | "postgresql", root = process.cwd()): string {
  return provider === "postgresql"
    ? path.join(root, "prisma", "postgresql", "migrations")
    : path.join(root, "prisma", "migrations");
}

export function readMigrations(dir: string): MigrationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export async function migrateDatabase(url: string, root = process.cwd()): Promise<string[]> {
  if (isPostgresUrl(url)) return migratePostgres(url, readMigrations(migrationsDir("postgresql", root)));
  return migrateSqlite(url, readMigrations(migrationsDir("sqlite", root)));
}

function assertUnchanged(applied: Map<string, string>, migrations: MigrationFile[]): void {
  for (const m of migrations) {
    const checksum = applied.get(m.name);
    if (checksum && checksum !== m.checksum) {
      throw new Error(`Migration ${m.name} was changed after it was applied. Add a new migration instead.`);
    }
  }
}

function migrateSqlite(url: string, migrations: MigrationFile[]): string[] {
  const file = sqliteFilePath(url);
  mkdirSync(path.dirname(file), { recursive: true });
  const conn = new Database(file, { timeout: 10_000 });
  try {
    conn.pragma("journal_mode = WAL");
    conn.exec(
      `CREATE TABLE IF NOT EXISTS "${TRACKING_TABLE}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`,
    );
    const rows = conn.prepare(`SELECT name, checksum FROM "${TRACKING_TABLE}"`).all() as {
      name: string;
      checksum: string;
    }[];
    const applied = new Map(rows.map((r) => [r.name, r.checksum]));
    assertUnchanged(applied, migrations);
    const done: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.name)) continue;
      conn.transaction(() => {
        conn.exec(m.sql);
        conn
          .prepare(`INSERT INTO "${TRACKING_TABLE}" (name, checksum, applied_at) VALUES (?, ?, ?)`)
          .run(m.name, m.checksum, new Date().toISOString());
      })();
      done.push(m.name);
    }
    return done;
  } finally {
    conn.close();
  }
}

async function migratePostgres(url: string, migrations: MigrationFile[]): Promise<string[]> {
  const config = pgConfigFromUrl(url);
  const client = new pg.Client({ connectionString: config.connectionString, options: config.options });
  await client.connect();
  try {
    if (config.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${config.schema.replace(/"/g, "")}"`);
    // One migrator at a time across every process that starts together.
    await client.query("SELECT pg_advisory_lock(727311)");
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${TRACKING_TABLE}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ name: string; checksum: string }>(
      `SELECT name, checksum FROM "${TRACKING_TABLE}"`,
    );
    const applied = new Map(rows.map((r) => [r.name, r.checksum]));
    assertUnchanged(applied, migrations);
    const done: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.name)) continue;
      await client.query("BEGIN");
      try {
        await client.query(m.sql.replace(/CREATE SCHEMA IF NOT EXISTS "public";/g, ""));
        await client.query(`INSERT INTO "${TRACKING_TABLE}" (name, checksum) VALUES ($1, $2)`, [m.name, m.checksum]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(error as Error).message}`);
      }
      done.push(m.name);
    }
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock(727311)").catch(() => undefined);
    await client.end();
  }
}
