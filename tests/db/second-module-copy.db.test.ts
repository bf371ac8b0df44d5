// The web server loads app/db.server.ts twice: its own modules import it, and the Remix build bundles a copy of
// it. Both copies share the one client (kept on globalThis); the statements below Prisma (querySql, selectRows)
// of either copy must find that client's SQLite connection, or they silently go through Prisma's raw queries,
// which compile every bound value (the Reviews list paid ~3 ms a page for it before the fix).
import { vi } from "vitest";
import db, { dbProvider, querySql, rawSql } from "~/db.server";

describe("a second copy of the db module in the same process", () => {
  it("shares the client and runs its plain statements on the client's own connection", async () => {
    // A query string makes the module loader evaluate the file again, as a second bundle of it would be.
    const secondCopy = "../../app/db.server.ts?second-copy";
    const copy = (await import(/* @vite-ignore */ secondCopy)) as typeof import("~/db.server");
    expect(copy.default).toBe(db);
    // The first statement opens the connection, through the first copy's client as the server does.
    await querySql(db, rawSql().sql`SELECT 1 AS "one"`);
    const viaPrisma = vi.spyOn(db, "$queryRaw");
    try {
      const rows = await copy.querySql<{ one: number | bigint }>(db, copy.rawSql().sql`SELECT 1 AS "one"`);
      expect(Number(rows[0].one)).toBe(1);
      // On SQLite the statement goes straight to the driver; on PostgreSQL it is Prisma's $queryRaw by design.
      expect(viaPrisma).toHaveBeenCalledTimes(dbProvider() === "sqlite" ? 0 : 1);
    } finally {
      viaPrisma.mockRestore();
    }
  });
});
