import db from "~/db.server";
import { DEFAULT_SETTINGS, getSettings, updateSettings } from "~/modules/settings";

const shop = "settings-shop.myshopify.com";

describe("shop settings", () => {
  it("creates the defaults on first read, once", async () => {
    const [a, b] = await Promise.all([getSettings(shop), getSettings(shop)]);
    expect(a).toMatchObject({ ...DEFAULT_SETTINGS, shop });
    expect(b.excludedProductIds).toEqual([]);
    expect(await db.settings.count({ where: { shop } })).toBe(1);
  });

  it("creates them once when two transactions read them first at once, and neither transaction breaks", async () => {
    const newShop = "settings-race.myshopify.com";
    let bStarted!: () => void;
    const bHasStarted = new Promise<void>((resolve) => (bStarted = resolve));
    // A creates the row and holds its transaction open while B reads, finds nothing and inserts too (on
    // PostgreSQL B's insert waits for A's commit); each then goes on with a statement of its own. (SQLite runs one
    // transaction at a time: B starts after A, and A stops waiting for it after a second.)
    const a = db.$transaction(
      async (tx) => {
        const settings = await getSettings(newShop, tx);
        await Promise.race([bHasStarted, new Promise((resolve) => setTimeout(resolve, 1_000))]);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await tx.session.create({
          data: { id: "race-a", shop: newShop, state: "a", accessToken: "a" },
        });
        return settings;
      },
      { timeout: 20_000 },
    );
    const b = db.$transaction(
      async (tx) => {
        bStarted();
        const settings = await getSettings(newShop, tx);
        await tx.session.create({ data: { id: "race-b", shop: newShop, state: "b", accessToken: "b" } });
        return settings;
      },
      { timeout: 20_000, maxWait: 20_000 },
    );
    const [sa, sb] = await Promise.all([a, b]);
    expect(sa).toEqual(sb);
    expect(sa).toMatchObject({ ...DEFAULT_SETTINGS, shop: newShop });
    expect(await db.settings.count({ where: { shop: newShop } })).toBe(1);
    expect(await db.session.count({ where: { shop: newShop } })).toBe(2);
  });

  it("saves what a form posts (strings, checkboxes, a list of product ids) and keeps the rest", async () => {
    const result = await updateSettings(shop, {
      requestTrigger: "delivery",
      daysAfterDelivery: "7",
      reminderEnabled: "false",
      excludedProductIds: "8001, 8002\n8001",
      senderName: "  Lind & Co  ",
      replyToEmail: "",
    });
    expect(result).toMatchObject({
      ok: true,
      settings: {
        requestTrigger: "delivery",
        daysAfterDelivery: 7,
        reminderEnabled: false,
        excludedProductIds: ["8001", "8002"],
        senderName: "Lind & Co",
        replyToEmail: null,
        daysAfterFulfillment: 14,
      },
    });
    expect((await getSettings(shop)).excludedProductIds).toEqual(["8001", "8002"]);
  });

  it.each([
    [
      { daysAfterFulfillment: "two weeks" },
      "daysAfterFulfillment",
      "Days after fulfillment must be a whole number from 0 to 90 days.",
    ],
    [
      { daysAfterFulfillment: 120 },
      "daysAfterFulfillment",
      "Days after fulfillment must be a whole number from 0 to 90 days.",
    ],
    [
      { maxProductsPerRequest: 2.5 },
      "maxProductsPerRequest",
      "Products per email must be a whole number from 1 to 10.",
    ],
    [{ requestTrigger: "shipping" }, "requestTrigger", 'Choose when to ask: "fulfillment" or "delivery".'],
    [
      { sendWindowStartHour: 18, sendWindowEndHour: 9 },
      "sendWindowEndHour",
      "The send window must end after it starts (for example from 9 to 17).",
    ],
    [
      { sendWindowStartHour: 17 },
      "sendWindowEndHour",
      "The send window must end after it starts (for example from 9 to 17).",
    ],
    [
      { replyToEmail: "support at shop" },
      "replyToEmail",
      "Enter a reply-to address like support@yourshop.com, or leave it empty.",
    ],
    [{ defaultLocale: "de" }, "defaultLocale", "Choose a default email language: English (en) or Swedish (sv)."],
    [{ colour: "red" }, "colour", "Unknown setting."],
  ])("refuses %j with a message next to %s", async (input, field, message) => {
    const before = await getSettings(shop);
    const result = await updateSettings(shop, input);
    expect(result).toEqual({ ok: false, fieldErrors: { [field]: message } });
    expect(await getSettings(shop)).toEqual(before);
  });
});
