// The shop's time zone as every admin page reads it: Shopify's zone when this runtime knows it, else UTC.
import { randomBytes } from "node:crypto";
import db from "~/db.server";
import { shopTimeZone } from "~/modules/shops";

async function shopIn(timezone: string): Promise<string> {
  const shop = `zone-${randomBytes(4).toString("hex")}.myshopify.com`;
  await db.shop.create({ data: { shop, name: "Lind & Co", timezone } });
  return shop;
}

describe("the shop's time zone", () => {
  it("is the zone Shopify gave, asked as often as pages ask", async () => {
    const shop = await shopIn("Europe/Stockholm");
    expect(await shopTimeZone(shop)).toBe("Europe/Stockholm");
    expect(await shopTimeZone(shop)).toBe("Europe/Stockholm");
  });

  it("is UTC for a zone this runtime does not know, and for a shop without a row yet", async () => {
    const shop = await shopIn("Mars/Olympus_Mons");
    expect(await shopTimeZone(shop)).toBe("UTC");
    expect(await shopTimeZone(shop)).toBe("UTC");
    expect(await shopTimeZone(`missing-${randomBytes(4).toString("hex")}.myshopify.com`)).toBe("UTC");
  });

  it("follows a change of zone at the next read", async () => {
    const shop = await shopIn("Europe/Stockholm");
    expect(await shopTimeZone(shop)).toBe("Europe/Stockholm");
    await db.shop.update({ where: { shop }, data: { timezone: "America/New_York" } });
    expect(await shopTimeZone(shop)).toBe("America/New_York");
  });
});
