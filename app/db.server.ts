// The Prisma client. SQLite (a file, created on first run) unless DATABASE_URL starts with postgres.
// Both clients come from the same schema (prisma/schema.prisma), so their model types are identical.
import path from "node:path";
import { mkdirSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { createRequire } from "node:module";
import type Database from "better-sqlite3";

// Both clients are generated into node_modules/.prisma/. A specifier starting with a dot is not a package
// name to Node's ESM resolver (tsx scripts) nor to Remix's bundler (which would inline the CJS client into
// the ESM server build, where its require() calls fail), so they are loaded with require(). The relative
// path is the same from app/ (tsx, Vitest) and from build/ (the Remix server bundle).
const loadGenerated = createRequire(import.meta.url);
const SqlitePrisma = loadGenerated("../node_modules/.prisma/client-sqlite") as typeof import(".prisma/client-sqlite");
const PgPrisma = loadGenerated("../node_modules/.prisma/client-pg") as typeof import(".prisma/client-pg");

export type Db = InstanceType<typeof SqlitePrisma.PrismaClient>;
export type { Prisma } from ".prisma/client-sqlite";
import { logger } from "./logger.server";
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
  // The adapter's one connection, kept for runSql/querySql (statements below Prisma on hot paths). Prisma opens
  // it on the first query (and again after $disconnect), always through connect().
  const connect = adapter.connect.bind(adapter);
  adapter.connect = async () => {
    const connected = await connect();
    const connection = (connected as unknown as { client: Database.Database }).client;
    const gate = new TransactionGate();
    gateStatementsOutsideTransactions(connected, gate);
    sqliteConnections.set(engineOf(client), new SqliteStatements(connection, gate));
    return connected;
  };
  const client = new SqlitePrisma.PrismaClient({ adapter });
  // The adapter keeps one connection, so these run before any other statement. In WAL mode NORMAL stays
  // safe against a crashed process and only risks the last commits on a power cut, for far cheaper commits.
  // The WAL is copied into the file (with an fsync) every 10,000 pages instead of SQLite's 1,000: a drain
  // rewrites the same pages (the Job and WebhookEvent rows of the batch) many times over, and a checkpoint
  // copies each page once however often it was rewritten; it halved a drain's COMMIT time (decision 009).
  void client
    .$queryRawUnsafe(`PRAGMA synchronous = ${options.durableCommits ? "FULL" : "NORMAL"}`)
    .then(() => client.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = 10000`))
    .catch(() => undefined);
  return client;
}

declare global {
  var __kundrostDb: Db | undefined;
  var __kundrostSqliteConnections: WeakMap<object, SqliteStatements> | undefined;
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
  const columns = Object.keys(rows[0]);
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `;
  const tail = options.onConflictDoNothing
    ? ` ON CONFLICT (${options.onConflictDoNothing.map((c) => `"${c}"`).join(", ")}) DO NOTHING`
    : "";
  let written = 0;
  const direct = await directConnection(client);
  if (direct) {
    // SQLite: the statement's text and its values made here, without a Prisma fragment per row and per value
    // (they were a tenth of a sale's drain allocations, docs/decisions/009). Same text for the same row count,
    // so the prepared statement is reused.
    const placeholders = `(${columns.map(() => "?").join(", ")})`;
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const values: unknown[] = [];
      for (const row of chunk) for (const column of columns) values.push(row[column] ?? null);
      written += direct.run(`${head}${chunk.map(() => placeholders).join(", ")}${tail}`, values);
    }
    return written;
  }
  const { sql, join } = rawSql();
  for (let i = 0; i < rows.length; i += 500) {
    const values = join(rows.slice(i, i + 500).map((row) => sql`(${join(columns.map((c) => row[c] ?? null))})`));
    written += await runSql(client, sql([head, tail] as unknown as TemplateStringsArray, values));
  }
  return written;
}

let orderedIdMs = 0;
let orderedIdCounter = 0;

/**
 * A new row id that sorts after the ids this process made before it: a UUID version 7 (RFC 9562: the time in
 * milliseconds, a 12-bit counter within the millisecond, 62 random bits), lowercase hex, so byte order is time
 * order. For rows written in bulk on hot paths (a sale's orders, their lines, requests and jobs): each id index
 * then grows at its right edge, where a random UUID put every row of a batch on a page of its own — the pages a
 * batch dirties, and so its COMMIT and the WAL it writes, shrank by more than half (docs/decisions/009). Prisma's
 * own default (cuid) is time-ordered too. Not a secret: ids that leave the app do so inside signed tokens.
 */
export function orderedId(): string {
  const now = Date.now();
  if (now > orderedIdMs) {
    orderedIdMs = now;
    orderedIdCounter = 0;
  } else if (++orderedIdCounter > 0xfff) {
    // 4,096 ids in one millisecond: borrow the next one, so the order holds.
    orderedIdMs += 1;
    orderedIdCounter = 0;
  }
  const time = orderedIdMs.toString(16).padStart(12, "0");
  // randomUUID's variant nibble and its last 60 random bits (Node keeps a pool of random bytes for it).
  const random = randomUUID().slice(19);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${orderedIdCounter.toString(16).padStart(3, "0")}-${random}`;
}

export type RawSqlFragment = ReturnType<typeof SqlitePrisma.Prisma.sql>;

/**
 * A subquery of the given values as one bound parameter (a JSON array), to write `"id" IN ${inList(ids)}`: Prisma's
 * model calls bind and compile every element of an `in` list (~3 ms of CPU for 200 ids,
 * docs/decisions/009-order-batches.md), this costs one parameter whatever the count. Strings only.
 */
export function inList(values: readonly string[], url: string = databaseUrl()): RawSqlFragment {
  const { sql } = rawSql(url);
  const json = JSON.stringify(values);
  return isPostgresUrl(url)
    ? sql`(SELECT jsonb_array_elements_text(${json}::jsonb))`
    : sql`(SELECT value FROM json_each(${json}))`;
}

type ModelName = (typeof dataModel.models)[number]["name"];

const columnsOf = new Map<string, { list: string; convert: [string, "date" | "boolean" | "number"][] }>();

/**
 * `SELECT <every column, or the columns named> FROM <model's table> WHERE <where> [ORDER BY ...] [LIMIT n]` as raw
 * SQL, each row typed as Prisma's model would return it (dates, booleans and numbers converted from what either
 * driver gives back). For hot paths (many rows by a list of keys, a page read at every load of a screen); anything
 * else reads through the Prisma model. The table is named by the model, so a subquery in `where` can refer to it.
 */
export async function selectRows<Row>(
  client: DbClient,
  model: ModelName,
  where: RawSqlFragment,
  orderBy?: string,
  options: { columns?: readonly string[]; limit?: number } = {},
): Promise<Row[]> {
  const cacheKey = options.columns ? `${model}:${options.columns.join(",")}` : model;
  let columns = columnsOf.get(cacheKey);
  if (!columns) {
    const wanted = options.columns ? new Set(options.columns) : null;
    const fields = dataModel.models
      .find((m) => m.name === model)!
      .fields.filter((f) => f.kind === "scalar" && (!wanted || wanted.has(f.name)));
    if (wanted && fields.length !== wanted.size)
      throw new Error(`selectRows: unknown column of ${model} in ${cacheKey}`);
    columns = {
      list: fields.map((f) => `"${f.name}"`).join(", "),
      convert: fields.flatMap((f): [string, "date" | "boolean" | "number"][] =>
        f.type === "DateTime"
          ? [[f.name, "date"]]
          : f.type === "Boolean"
            ? [[f.name, "boolean"]]
            : f.type === "Int" || f.type === "Float"
              ? [[f.name, "number"]]
              : [],
      ),
    };
    columnsOf.set(cacheKey, columns);
  }
  const { sql } = rawSql();
  const head = `SELECT ${columns.list} FROM "${model}" WHERE `;
  const limit = options.limit === undefined ? "" : ` LIMIT ${Math.max(0, Math.floor(options.limit))}`;
  const tail = `${orderBy ? ` ORDER BY ${orderBy}` : ""}${limit}`;
  const rows = await querySql(client, sql([head, tail] as unknown as TemplateStringsArray, where));
  for (const row of rows) {
    for (const [name, kind] of columns.convert) {
      const value = row[name];
      if (value === null || value === undefined) continue;
      if (kind === "date") {
        if (!(value instanceof Date))
          row[name] = new Date(typeof value === "bigint" ? Number(value) : (value as string));
      } else if (kind === "boolean") row[name] = value === true || value === 1 || value === 1n || value === "1";
      else if (typeof value !== "number") row[name] = Number(value);
    }
  }
  return rows as Row[];
}

// ------------------------------------------------------------------ statements below Prisma, for hot paths

/**
 * A client and its interactive transactions share Prisma's engine object; it is how a transaction client finds
 * its connection (Prisma does not expose the driver adapter's connection).
 */
function engineOf(client: DbClient): object {
  return (client as unknown as { _engine: object })._engine;
}

// On globalThis, as the client is: a process that loads the app twice (the server's own modules and the Remix
// build, which bundles its own copy of this file) shares one client, and so must share what its connection
// registered here, or the build's statements would never find the connection and fall back to Prisma's compiler.
const sqliteConnections: WeakMap<object, SqliteStatements> = (globalThis.__kundrostSqliteConnections ??= new WeakMap());

/**
 * Held from an interactive (or batch) transaction's BEGIN until its COMMIT or ROLLBACK has run. Prisma's SQLite
 * adapter has one connection, and it serialises transactions but not the statements made outside them: without
 * the gate, another request's statement made while a transaction awaits ran inside that transaction — it read
 * its uncommitted rows, and a write of its own vanished when the transaction rolled back
 * (tests/db/transaction-isolation.db.test.ts). Statements outside a transaction wait until none is open.
 */
const SLOW_GATE_MS = 2_000;

class TransactionGate {
  private held: Promise<void> | null = null;

  /** True while a transaction is open on the connection. */
  get busy(): boolean {
    return this.held !== null;
  }

  async acquire(): Promise<() => void> {
    while (this.held) await this.held;
    let release!: () => void;
    this.held = new Promise<void>((resolve) => {
      release = () => {
        this.held = null;
        resolve();
      };
    });
    return release;
  }

  /**
   * Waits until no transaction is open. The caller must then run its statement synchronously (better-sqlite3).
   * A wait of seconds is nearly always a statement on the root client inside that very transaction's callback
   * (it should use `tx`): it is logged, and Prisma's transaction timeout ends the wait.
   */
  async outside(): Promise<void> {
    const started = Date.now();
    while (this.held) await this.held;
    const waited = Date.now() - started;
    if (waited >= SLOW_GATE_MS) {
      logger.warn(
        { waitedMs: waited, stack: new Error("waited here").stack },
        "a statement outside a transaction waited for one to end; inside $transaction(async (tx) => ...) use tx",
      );
    }
  }
}

interface GatedTransaction {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

interface GatedConnection {
  startTransaction(isolationLevel?: unknown): Promise<GatedTransaction>;
  queryRaw(query: unknown): Promise<unknown>;
  executeRaw(query: unknown): Promise<unknown>;
  executeScript(script: string): Promise<void>;
}

/**
 * The adapter's transaction holds the gate from before its BEGIN until after its COMMIT/ROLLBACK; the adapter's
 * own statements outside a transaction wait for it. Each wrapped statement calls the driver in the same tick as its
 * last check of the gate, and better-sqlite3 runs it synchronously, so none can slip into a transaction.
 */
function gateStatementsOutsideTransactions(adapterConnection: unknown, gate: TransactionGate): void {
  const connection = adapterConnection as GatedConnection;
  const startTransaction = connection.startTransaction.bind(connection);
  connection.startTransaction = async (isolationLevel) => {
    const release = await gate.acquire();
    let transaction: GatedTransaction;
    try {
      transaction = await startTransaction(isolationLevel);
    } catch (error) {
      release();
      throw error;
    }
    for (const end of ["commit", "rollback"] as const) {
      const finish = transaction[end].bind(transaction);
      transaction[end] = async () => {
        try {
          await finish();
        } finally {
          release();
        }
      };
    }
    return transaction;
  };
  for (const method of ["queryRaw", "executeRaw", "executeScript"] as const) {
    const run = (connection[method] as (argument: unknown) => Promise<unknown>).bind(connection);
    (connection[method] as (argument: unknown) => Promise<unknown>) = async (argument: unknown) => {
      if (gate.busy) await gate.outside();
      return run(argument);
    };
  }
}

/** better-sqlite3 statements, prepared once per SQL text, with values bound as Prisma's adapter binds them. */
class SqliteStatements {
  private readonly prepared = new Map<string, Database.Statement>();

  constructor(
    private readonly connection: Database.Database,
    readonly gate: TransactionGate,
  ) {}

  /** False after $disconnect: Prisma opens a new connection on its next query, and that one is used then. */
  get open(): boolean {
    return this.connection.open;
  }

  private statement(text: string): Database.Statement {
    let statement = this.prepared.get(text);
    if (!statement) {
      // Bulk inserts make a text per row count; a bounded cache keeps the hot ones.
      if (this.prepared.size >= 256) this.prepared.clear();
      statement = this.connection.prepare(text);
      if (statement.reader) statement.safeIntegers(false);
      this.prepared.set(text, statement);
    }
    return statement;
  }

  all(text: string, values: readonly unknown[]): Record<string, unknown>[] {
    return this.statement(text).all(...values.map(sqliteValue)) as Record<string, unknown>[];
  }

  run(text: string, values: readonly unknown[]): number {
    const statement = this.statement(text);
    const bound = values.map(sqliteValue);
    if (statement.reader) return statement.all(...bound).length;
    return statement.run(...bound).changes;
  }
}

/** As @prisma/adapter-better-sqlite3 writes values: dates as ISO text with "+00:00", booleans as 0/1. */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value === undefined ? null : value;
}

/**
 * Runs a raw query (built with rawSql's `sql`) and returns its rows. On SQLite it goes straight to the driver on
 * the connection Prisma uses (inside the caller's transaction when `client` is one), as a prepared statement
 * reused across calls: Prisma's raw queries pass every bound value through its query compiler, which was most of
 * a sale's drain (docs/decisions/009-order-batches.md). On PostgreSQL it is Prisma's $queryRaw. Rows hold what
 * the driver gives: on SQLite dates are ISO text and booleans 0/1 (selectRows types them).
 */
export async function querySql<Row = Record<string, unknown>>(client: DbClient, query: RawSqlFragment): Promise<Row[]> {
  const direct = await directConnection(client);
  if (direct) return direct.all(query.sql, query.values) as Row[];
  return client.$queryRaw<Row[]>(query);
}

/** Runs a raw statement and returns how many rows it changed; the same path as querySql. */
export async function runSql(client: DbClient, query: RawSqlFragment): Promise<number> {
  const direct = await directConnection(client);
  if (direct) return direct.run(query.sql, query.values);
  return client.$executeRaw(query);
}

/**
 * The SQLite connection for a statement of `client`, ready to run in this tick: a transaction client's statement
 * runs in its transaction at once; the root client's waits until no transaction is open (TransactionGate).
 */
async function directConnection(client: DbClient): Promise<SqliteStatements | null> {
  const direct = sqliteConnections.get(engineOf(client));
  if (!direct?.open) return null;
  const inTransaction = !("$transaction" in client);
  if (!inTransaction && direct.gate.busy) {
    await direct.gate.outside();
    // $disconnect may have closed it while this waited; Prisma then opens a new one on its next statement.
    if (!direct.open) return null;
  }
  return direct;
}
