// `npm run db:generate` (and postinstall): derive the PostgreSQL schema, then generate both Prisma clients.
// Both run on Prisma's JavaScript engine (engineType = "client"): nothing is downloaded.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { derivePostgresSchema } from "./prisma-schemas";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sqliteSchema = path.join(root, "prisma", "schema.prisma");
const pgSchema = path.join(root, "prisma", "postgresql", "schema.prisma");

mkdirSync(path.dirname(pgSchema), { recursive: true });
writeFileSync(pgSchema, derivePostgresSchema(readFileSync(sqliteSchema, "utf8")));
mkdirSync(path.join(root, "data"), { recursive: true });

const prismaBin = path.join(root, "node_modules", ".bin", "prisma");
for (const [schema, url] of [
  [sqliteSchema, "file:./data/kundrost.sqlite"],
  [pgSchema, "postgresql://generate@127.0.0.1:5432/generate"],
] as const) {
  execFileSync(prismaBin, ["generate", "--no-hints", "--schema", schema], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, DATABASE_URL: url },
  });
}
