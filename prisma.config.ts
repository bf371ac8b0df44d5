// Prisma runs on its JavaScript engine with a driver adapter: no engine binary is downloaded.
// The schema in prisma/schema.prisma is the one source of truth; the PostgreSQL copy under
// prisma/postgresql/ is derived from it by scripts/prisma-schemas.ts.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

const url = process.env.DATABASE_URL ?? "file:./data/kundrost.sqlite";
const isPostgres = /^postgres(ql)?:/.test(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: isPostgres ? path.join("prisma", "postgresql", "schema.prisma") : path.join("prisma", "schema.prisma"),
  async adapter() {
    if (isPostgres) return new PrismaPg({ connectionString: url });
    return new PrismaBetterSQLite3({ url: url.replace(/^file:/, "") });
  },
});
