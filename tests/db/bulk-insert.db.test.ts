// bulkInsert writes rows as Prisma would (dates, booleans, nulls read back the same through the model), in
// chunks of 500, and skips conflicting rows when told to; on SQLite it builds its statement without Prisma's
// fragments, on PostgreSQL through them.
import db, { bulkInsert } from "~/db.server";

function sessionRow(n: number) {
  return {
    id: `bulk-${n}`,
    shop: `bulk-${n % 3}.myshopify.com`,
    state: `state-${n}`,
    isOnline: n % 2 === 0,
    expires: n % 5 === 0 ? null : new Date(Date.UTC(2030, 0, 1, 0, 0, n % 60)),
    accessToken: `token-${n}`,
    email: n % 7 === 0 ? null : `person-${n}@example.com`,
  };
}

describe("bulkInsert", () => {
  it("stores every row of a batch larger than one statement as Prisma reads it back", async () => {
    const rows = Array.from({ length: 1_203 }, (_, n) => sessionRow(n));
    expect(await bulkInsert(db, "Session", rows)).toBe(rows.length);
    const stored = await db.session.findMany({ where: { id: { startsWith: "bulk-" } }, orderBy: { id: "asc" } });
    expect(stored).toHaveLength(rows.length);
    const byId = new Map(stored.map((s) => [s.id, s]));
    for (const row of rows) expect(byId.get(row.id)).toMatchObject(row);
  });

  it("skips the rows that conflict when asked to, and counts only the written ones", async () => {
    await bulkInsert(db, "Session", [sessionRow(5_000)]);
    const written = await bulkInsert(db, "Session", [sessionRow(5_000), sessionRow(5_001)], {
      onConflictDoNothing: ["id"],
    });
    expect(written).toBe(1);
    await expect(bulkInsert(db, "Session", [sessionRow(5_001)])).rejects.toThrow();
  });

  it("writes inside the caller's transaction and is rolled back with it", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await bulkInsert(tx, "Session", [sessionRow(6_000), sessionRow(6_001)]);
        expect(await tx.session.count({ where: { id: { in: ["bulk-6000", "bulk-6001"] } } })).toBe(2);
        throw new Error("rolled back on purpose");
      }),
    ).rejects.toThrow("rolled back on purpose");
    expect(await db.session.count({ where: { id: { in: ["bulk-6000", "bulk-6001"] } } })).toBe(0);
  });
});
