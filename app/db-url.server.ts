// Where the database is and which provider it is, without opening it.
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/kundrost.sqlite";

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL && env.DATABASE_URL.trim() !== "" ? env.DATABASE_URL : DEFAULT_DATABASE_URL;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export function sqliteFilePath(url: string): string {
  const file = url.replace(/^file:/, "");
  return path.isAbsolute(file) ? file : path.resolve(process.cwd(), file);
}

/** Postgres connection settings from a URL; `?schema=name` selects a schema (used to isolate test runs). */
export function pgConfigFromUrl(url: string): { connectionString: string; schema?: string; options?: string } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? undefined;
  parsed.searchParams.delete("schema");
  return {
    connectionString: parsed.toString(),
    schema,
    options: schema ? `-c search_path="${schema.replace(/"/g, "")}"` : undefined,
  };
}
