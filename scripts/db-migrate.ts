// `npm run db:migrate`: applies pending migrations to DATABASE_URL (SQLite file by default, or PostgreSQL).
import { migrateDatabase } from "../app/db-migrate.server";
import { databaseUrl, isPostgresUrl } from "../app/db-url.server";

const url = databaseUrl();
const applied = await migrateDatabase(url);
const where = isPostgresUrl(url) ? "PostgreSQL" : url;
console.log(
  applied.length
    ? `Applied ${applied.length} migration(s) to ${where}: ${applied.join(", ")}`
    : `${where} is up to date.`,
);
