// The Settings screen: what the form shows, what it saves, and each problem next to its field.
import { getSettings } from "~/modules/settings";
import { action as settingsAction, loader as settingsLoader } from "~/routes/app.settings/route";
import { actionArgs, adminFormPost, adminPageRequest, installedShop, jsonOf, loaderArgs, responseOf } from "./support";

type Values = Record<string, string>;

async function openSettings(shop: string): Promise<Values> {
  const request = await adminPageRequest(shop, "/app/settings");
  return (await jsonOf<{ values: Values }>(() => settingsLoader(loaderArgs(request)))).values;
}

async function save(shop: string, fields: Record<string, string>) {
  const request = await adminFormPost(shop, "/app/settings", fields);
  return responseOf(() => settingsAction(actionArgs(request)));
}

describe("the Settings screen", () => {
  it("opens with a new shop's defaults", async () => {
    const shop = await installedShop();
    expect(await openSettings(shop)).toMatchObject({
      requestTrigger: "fulfillment",
      daysAfterFulfillment: "14",
      daysAfterDelivery: "5",
      frequencyCapDays: "30",
      sendWindowStartHour: "9",
      sendWindowEndHour: "17",
      reminderEnabled: "true",
      reminderDelayDays: "7",
      postponeDays: "7",
      maxPostpones: "2",
      tokenTtlDays: "60",
      defaultLocale: "en",
      excludedProductIds: "",
    });
  });

  it("saves the whole form and shows what was saved", async () => {
    const shop = await installedShop();
    const form = {
      ...(await openSettings(shop)),
      requestTrigger: "delivery",
      daysAfterDelivery: "3",
      deliveryFallbackDays: "21",
      excludedProductIds: "8123456789012\n8123456789013, 8123456789012",
      reminderEnabled: "false",
      senderName: "Lind & Co",
      replyToEmail: "hej@lindco.se",
      defaultLocale: "sv",
      sendWindowStartHour: "8",
      sendWindowEndHour: "20",
    };
    const response = await save(shop, form);
    expect(response.status).toBe(200);
    const saved = (await response.json()) as { ok: true; values: Values };
    expect(saved.ok).toBe(true);
    expect(saved.values).toMatchObject({
      requestTrigger: "delivery",
      excludedProductIds: "8123456789012\n8123456789013",
      reminderEnabled: "false",
    });
    expect(await getSettings(shop)).toMatchObject({
      requestTrigger: "delivery",
      daysAfterDelivery: 3,
      deliveryFallbackDays: 21,
      excludedProductIds: ["8123456789012", "8123456789013"],
      reminderEnabled: false,
      senderName: "Lind & Co",
      replyToEmail: "hej@lindco.se",
      defaultLocale: "sv",
      sendWindowStartHour: 8,
      sendWindowEndHour: 20,
    });
  });

  it("puts each problem next to its field and saves nothing", async () => {
    const shop = await installedShop();
    const form = {
      ...(await openSettings(shop)),
      daysAfterFulfillment: "-3",
      maxProductsPerRequest: "many",
      replyToEmail: "not an address",
      sendWindowStartHour: "17",
      sendWindowEndHour: "9",
    };
    const response = await save(shop, form);
    expect(response.status).toBe(422);
    const { ok, fieldErrors } = (await response.json()) as { ok: false; fieldErrors: Record<string, string> };
    expect(ok).toBe(false);
    expect(Object.keys(fieldErrors).sort()).toEqual(["daysAfterFulfillment", "maxProductsPerRequest", "replyToEmail"]);
    expect(fieldErrors.daysAfterFulfillment).toMatch(/Days after fulfillment/);
    expect(fieldErrors.replyToEmail).toMatch(/reply-to/i);
    expect(await getSettings(shop)).toMatchObject({
      daysAfterFulfillment: 14,
      maxProductsPerRequest: 3,
      replyToEmail: null,
    });
  });

  it("explains a send window that ends before it starts", async () => {
    const shop = await installedShop();
    const response = await save(shop, {
      ...(await openSettings(shop)),
      sendWindowStartHour: "17",
      sendWindowEndHour: "9",
    });
    const { fieldErrors } = (await response.json()) as { fieldErrors: Record<string, string> };
    expect(fieldErrors).toEqual({ sendWindowEndHour: expect.stringMatching(/end after it starts/) });
  });

  it("ignores fields the form does not have", async () => {
    const shop = await installedShop();
    const response = await save(shop, {
      ...(await openSettings(shop)),
      shop: "someone-else.myshopify.com",
      tokenTtlDays: "30",
    });
    expect(response.status).toBe(200);
    expect((await getSettings(shop)).tokenTtlDays).toBe(30);
  });

  it("refuses a save without a valid session token", async () => {
    const response = await responseOf(() =>
      settingsAction(
        actionArgs(
          new Request("http://localhost:3000/app/settings", {
            method: "POST",
            body: new URLSearchParams({ tokenTtlDays: "7" }),
          }),
        ),
      ),
    );
    expect([302, 401]).toContain(response.status);
  });
});
