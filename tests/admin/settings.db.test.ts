// The Settings screen: what the form shows, what it saves, and each problem next to its field.
import db from "~/db.server";
import { syncReviewRequestForOrder } from "~/modules/requests";
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

async function catalogueProduct(shop: string, shopifyId: string, title: string) {
  await db.product.create({
    data: {
      shop,
      shopifyId,
      title,
      handle: title.toLowerCase().replace(/\W+/g, "-"),
      imageUrl: `https://cdn.example/${shopifyId}.jpg`,
    },
  });
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
    await catalogueProduct(shop, "8123456789012", "Sample sachet");
    await catalogueProduct(shop, "8123456789013", "Spare buttons");
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

  it("takes products from the catalogue (picker ids or numbers) and shows their names and pictures", async () => {
    const shop = await installedShop();
    await catalogueProduct(shop, "8123456789012", "Sample sachet");
    const response = await save(shop, {
      ...(await openSettings(shop)),
      excludedProductIds: "gid://shopify/Product/8123456789012",
    });
    expect(response.status).toBe(200);
    expect(await getSettings(shop)).toMatchObject({ excludedProductIds: ["8123456789012"] });
    const request = await adminPageRequest(shop, "/app/settings");
    const opened = await jsonOf<{ excludedProducts: unknown[] }>(() => settingsLoader(loaderArgs(request)));
    expect(opened.excludedProducts).toEqual([
      { shopifyId: "8123456789012", title: "Sample sachet", imageUrl: "https://cdn.example/8123456789012.jpg" },
    ]);
  });

  it("refuses product ids that are garbage or not in the catalogue, and saves nothing", async () => {
    const shop = await installedShop();
    await catalogueProduct(shop, "8123456789012", "Sample sachet");
    const garbage = await save(shop, { ...(await openSettings(shop)), excludedProductIds: "not-a-product, 12abc" });
    expect(garbage.status).toBe(422);
    expect(((await garbage.json()) as { fieldErrors: Record<string, string> }).fieldErrors.excludedProductIds).toMatch(
      /“not-a-product” is not a Shopify product/,
    );
    const unknown = await save(shop, {
      ...(await openSettings(shop)),
      excludedProductIds: "8123456789012\n8999999999999",
    });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { fieldErrors: Record<string, string> }).fieldErrors.excludedProductIds).toBe(
      "Not found in your catalogue: 8999999999999. Choose products from the list.",
    );
    expect((await getSettings(shop)).excludedProductIds).toEqual([]);
  });

  it("re-plans the requests already scheduled when the timing changes, and says how many moved", async () => {
    const shop = await installedShop();
    const fulfilledAt = new Date(Date.now() - 86_400_000);
    const orderIds: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      await catalogueProduct(shop, String(8300 + i), `Mug ${i}`);
      const customer = await db.customer.create({
        data: { shop, shopifyId: String(7300 + i), email: `replan${i}-${shop}@example.se` },
      });
      const order = await db.order.create({
        data: {
          shop,
          shopifyId: String(5300 + i),
          name: `#R${i}`,
          customerId: customer.id,
          email: customer.email,
          placedAt: fulfilledAt,
          fulfilledAt,
          lines: {
            create: [
              {
                shop,
                shopifyLineId: String(6300 + i),
                productShopifyId: String(8300 + i),
                title: `Mug ${i}`,
                quantity: 1,
                priceCents: 9900,
              },
            ],
          },
        },
      });
      await syncReviewRequestForOrder({ shop, orderId: order.id });
      orderIds.push(order.id);
    }
    const before = await db.reviewRequest.findMany({ where: { shop }, orderBy: { orderId: "asc" } });
    expect(before.every((request) => request.status === "scheduled")).toBe(true);

    const response = await save(shop, { ...(await openSettings(shop)), daysAfterFulfillment: "10" });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, replan: { mode: "done", scheduled: 3, moved: 3 } });
    const after = await db.reviewRequest.findMany({ where: { shop }, orderBy: { orderId: "asc" } });
    for (const [i, request] of after.entries()) {
      expect(before[i].sendAt.getTime() - request.sendAt.getTime()).toBeGreaterThan(3 * 86_400_000);
    }

    // A save that changes nothing about timing re-plans nothing.
    const unrelated = await save(shop, { ...(await openSettings(shop)), senderName: "Lind & Co" });
    expect(await unrelated.json()).toMatchObject({ ok: true, replan: null });
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
