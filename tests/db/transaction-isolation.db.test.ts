// A statement made outside a transaction while another is open must not become part of it. On SQLite, Prisma's
// adapter runs everything on one connection; app/db.server.ts makes such statements wait until the transaction
// has ended (on PostgreSQL each transaction has its own pooled connection, and the same assertions hold).
import db, { querySql, rawSql, runSql } from "~/db.server";

const { sql } = rawSql();

function sessionRow(id: string) {
  return { id, shop: `${id}.myshopify.com`, state: "state", isOnline: false, accessToken: "token" };
}

/** Opens an interactive transaction that writes `id`, then holds it open until `end` is called. */
function openTransaction(id: string, outcome: "commit" | "rollback") {
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  let begun!: () => void;
  const open = new Promise<void>((resolve) => (begun = resolve));
  const done = db
    .$transaction(
      async (tx) => {
        await tx.session.create({ data: sessionRow(id) });
        begun();
        await ended;
        if (outcome === "rollback") throw new Error("rolled back on purpose");
      },
      { timeout: 10_000 },
    )
    .then(
      () => "committed",
      (error: Error) => error.message,
    );
  return { open, end, done };
}

/** Starts a Prisma query now (its promises run only once awaited or then'd) and gives its result. */
function start<T>(query: PromiseLike<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => query.then(resolve, reject));
}

/** Whether a promise settles within a short while. */
async function settlesSoon(promise: Promise<unknown>): Promise<boolean> {
  return Promise.race([promise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 150))]);
}

describe("statements outside a transaction", () => {
  it("do not join another request's open transaction: its rollback keeps their writes", async () => {
    const held = openTransaction("held-1", "rollback");
    await held.open;
    const outside = start(db.session.create({ data: sessionRow("outside-1") }));
    await settlesSoon(outside);
    held.end();
    expect(await held.done).toBe("rolled back on purpose");
    await outside;
    expect(await db.session.count({ where: { id: "outside-1" } })).toBe(1);
    expect(await db.session.count({ where: { id: "held-1" } })).toBe(0);
  });

  it("do not read the open transaction's uncommitted rows", async () => {
    const held = openTransaction("held-2", "rollback");
    await held.open;
    const count = start(db.session.count({ where: { id: "held-2" } }));
    await settlesSoon(count);
    held.end();
    await held.done;
    expect(await count).toBe(0);
  });

  it("through querySql and runSql as well, while a transaction client's own statements run at once", async () => {
    const held = openTransaction("held-3", "rollback");
    await held.open;
    const read = querySql<{ n: number }>(db, sql`SELECT COUNT(*) AS n FROM "Session" WHERE "id" = ${"held-3"}`);
    const write = runSql(db, sql`UPDATE "Session" SET "state" = ${"changed"} WHERE "id" = ${"held-3"}`);
    await settlesSoon(Promise.all([read, write]));
    held.end();
    await held.done;
    expect(Number((await read)[0].n)).toBe(0);
    expect(await write).toBe(0);

    await db.$transaction(async (tx) => {
      await tx.session.create({ data: sessionRow("inside-3") });
      const rows = await querySql<{ n: number }>(
        tx,
        sql`SELECT COUNT(*) AS n FROM "Session" WHERE "id" = ${"inside-3"}`,
      );
      expect(Number(rows[0].n)).toBe(1);
    });
  });

  it("on SQLite wait while the transaction is open and run once it has committed", async () => {
    const held = openTransaction("held-4", "commit");
    await held.open;
    const count = start(db.session.count({ where: { id: "held-4" } }));
    const settled = await settlesSoon(count);
    held.end();
    expect(await held.done).toBe("committed");
    if (process.env.KUNDROST_TEST_PG) {
      // Its own pooled connection: the read ran at once and did not see the uncommitted row.
      expect([settled, await count]).toEqual([true, 0]);
    } else {
      // One SQLite connection: the read waited for the transaction, then saw its committed row.
      expect([settled, await count]).toEqual([false, 1]);
    }
  });
});
