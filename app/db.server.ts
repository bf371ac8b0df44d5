// The Prisma client. SQLite (a file, created on first run) unless DATABASE_URL starts with postgres.
// Both clients come from the same schema (prisma/schema.prisma), so their model types are identical.
import path from "node:path";
import { mkdirSync } from "node:fs";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { createRequire } from "node:module";

// Both clients are generated into node_modules/.prisma/. A specifier starting with a dot is not a package
// name to Node's ESM resolver (tsx scripts) nor to Remix's bundler (which would inline the CJS client into
// the ESM server build, where its require() calls fail), so they are loaded with require(). The relative
// path is the same from app/ (tsx, Vitest) and from build/ (the Remix server bundle).
const loadGenerated = createRequire(import.meta.url);
const SqlitePrisma = loadGenerated("../node_modules/.prisma/client-sqlite") as typeof import(".prisma/client-sqlite");
const PgPrisma = loadGenerated("../node_modules/.prisma/client-pg") as typeof import(".prisma/client-pg");

export type Db = InstanceType<typeof SqlitePrisma.PrismaClient>;
export type { Prisma } from ".prisma/client-sqlite";
import { databaseUrl, isPostgresUrl, pgConfigFromUrl, sqliteFilePath } from "./db-url.server";
export { databaseUrl, isPostgresUrl } from "./db-url.server";

export interface DbOptions {
  /**
   * SQLite: fsync the WAL at every commit (synchronous=FULL), so a commit survives a power cut. The default
   * (NORMAL) only survives a crashed process. Used by the webhook inbox pump, whose commits replace the inbox's
   * durable copy of a delivery. PostgreSQL commits durably either way (synchronous_commit=on).
   */
  durableCommits?: boolean;
}

export function createDb(url: string = databaseUrl(), options: DbOptions = {}): Db {
  if (isPostgresUrl(url)) {
    const { connectionString, schema, options } = pgConfigFromUrl(url);
    const adapter = new PrismaPg(
      { connectionString, options, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) },
      schema ? { schema } : undefined,
    );
    return new PgPrisma.PrismaClient({ adapter }) as unknown as Db;
  }
  const file = sqliteFilePath(url);
  mkdirSync(path.dirname(file), { recursive: true });
  // WAL lets the worker and the web process read while the other writes; busy_timeout waits out short locks.
  const adapter = new PrismaBetterSQLite3({ url: file, timeout: 10_000 });
  const client = new SqlitePrisma.PrismaClient({ adapter });
  // The adapter keeps one connection, so this runs before any other statement. In WAL mode NORMAL stays
  // safe against a crashed process and only risks the last commits on a power cut, for far cheaper commits.
  void client
    .$queryRawUnsafe(`PRAGMA synchronous = ${options.durableCommits ? "FULL" : "NORMAL"}`)
    .catch(() => undefined);
  return client;
}

declare global {
  var __kundrostDb: Db | undefined;
}

// One client per process; in development Remix reloads modules, so it is kept on globalThis.
const db: Db = globalThis.__kundrostDb ?? (globalThis.__kundrostDb = createDb());
export default db;

/**
 * Every model and its fields (Prisma's DMMF; identical for both providers). Code that must cover every
 * shop-owned table reads it, so a model added later cannot be forgotten.
 */
export const dataModel = SqlitePrisma.Prisma.dmmf.datamodel;

export function dbProvider(): "sqlite" | "postgresql" {
  return isPostgresUrl(databaseUrl()) ? "postgresql" : "sqlite";
}

/** The client or an interactive transaction's client: module functions that write take either. */
export type DbClient = Db | import(".prisma/client-sqlite").Prisma.TransactionClient;

/**
 * Prisma's `sql` and `join` for raw statements, from the runtime of the client that DATABASE_URL selects
 * (each generated client checks raw fragments against its own runtime's classes).
 */
export function rawSql(url: string = databaseUrl()): {
  sql: typeof SqlitePrisma.Prisma.sql;
  join: typeof SqlitePrisma.Prisma.join;
} {
  const runtime = isPostgresUrl(url) ? (PgPrisma.Prisma as unknown as typeof SqlitePrisma.Prisma) : SqlitePrisma.Prisma;
  return { sql: runtime.sql, join: runtime.join };
}

/**
 * INSERT of many rows in as few statements as the databases allow (500 rows each), as raw SQL through the
 * driver adapter: for bulk writes on hot paths, where Prisma's query compiler costs more than the insert
 * (createMany compiles and maps every row; measured in docs/decisions/009-order-batches.md). Every row must
 * have the same keys, named as the table's columns (prisma/schema.prisma); nothing is defaulted, so give ids,
 * createdAt and updatedAt. Dates and booleans are converted by the adapter as for Prisma's own writes.
 */
export async function bulkInsert(
  client: DbClient,
  table: string,
  rows: readonly Record<string, unknown>[],
  options: { onConflictDoNothing?: string[] } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const { sql, join } = rawSql();
  const columns = Object.keys(rows[0]);
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `;
  const tail = options.onConflictDoNothing
    ? ` ON CONFLICT (${options.onConflictDoNothing.map((c) => `"${c}"`).join(", ")}) DO NOTHING`
    : "";
  let written = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const values = join(rows.slice(i, i + 500).map((row) => sql`(${join(columns.map((c) => row[c] ?? null))})`));
    written += await client.$executeRaw(sql([head, tail] as unknown as TemplateStringsArray, values));
  }
  return written;
}
