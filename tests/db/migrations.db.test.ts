import db from "~/db.server";
import { migrateDatabase } from "~/db-migrate.server";
import { databaseUrl } from "~/db-url.server";

describe("database migrations", () => {
  it("creates every table the schema names and is a no-op the second time", async () => {
    expect(await migrateDatabase(databaseUrl())).toEqual([]);
    const shop = await db.shop.create({ data: { shop: "migrated.myshopify.com", name: "Migrated" } });
    expect(shop.timezone).toBe("UTC");
    expect(await db.job.count()).toBe(0);
  });
});
