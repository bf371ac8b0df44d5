// `npm run db:migration -- <name>`: writes the next migration for BOTH providers from the difference between
// the schema at the last migration (prisma/migrations/schema.snapshot.prisma) and prisma/schema.prisma.
// `prisma migrate dev` needs a schema-engine binary that cannot be downloaded here; `migrate diff` between
// two datamodels runs on the JavaScript engine (it still opens a connection: MIGRATION_PG_URL, default local).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync, mkdtempSync, copyFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrationsDir } from "../app/db-migrate.server";
import { derivePostgresSchema } from "./prisma-schemas";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
if (!name) {
  console.error("Usage: npm run db:migration -- <name>");
  process.exit(2);
}
const root = process.cwd();
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const prismaBin = path.join(root, "node_modules", ".bin", "prisma");
const schemaPath = path.join(root, "prisma", "schema.prisma");
const snapshotPath = path.join(migrationsDir("sqlite", root), "schema.snapshot.prisma");
const scratch = mkdtempSync(path.join(os.tmpdir(), "kundrost-migration-"));

function diff(from: string | null, to: string, url: string): string {
  const fromArgs = from ? ["--from-schema-datamodel", from] : ["--from-empty"];
  return execFileSync(prismaBin, ["migrate", "diff", ...fromArgs, "--to-schema-datamodel", to, "--script"], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
}

function write(provider: "sqlite" | "postgresql", sql: string): boolean {
  if (!/\b(CREATE|ALTER|DROP)\b/i.test(sql)) return false;
  const dir = path.join(migrationsDir(provider, root), `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`${provider}: wrote ${path.relative(root, dir)}/migration.sql`);
  return true;
}

try {
  const hasSnapshot = existsSync(snapshotPath);
  const sqliteUrl = `file:${path.join(scratch, "scratch.sqlite")}`;
  const wroteSqlite = write("sqlite", diff(hasSnapshot ? snapshotPath : null, schemaPath, sqliteUrl));

  const pgTo = path.join(scratch, "to.prisma");
  writeFileSync(pgTo, derivePostgresSchema(readFileSync(schemaPath, "utf8")));
  let pgFrom: string | null = null;
  if (hasSnapshot) {
    pgFrom = path.join(scratch, "from.prisma");
    writeFileSync(pgFrom, derivePostgresSchema(readFileSync(snapshotPath, "utf8")));
  }
  const wrotePg = write(
    "postgresql",
    diff(pgFrom, pgTo, process.env.MIGRATION_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres"),
  );
  if (wroteSqlite || wrotePg) copyFileSync(schemaPath, snapshotPath);
  else console.log("No changes: prisma/schema.prisma matches the last migration.");
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
