// Re-planning the scheduled requests after a timing change (#14 point 5): a request the new timing moves ahead of
// another request of the same customer holds that one back by the frequency cap, as a request planned first does.
import db from "~/db.server";
import { replanScheduledRequests, syncReviewRequestForOrder } from "~/modules/requests";
import { updateSettings } from "~/modules/settings";
import { LINEN_SHIRT, MUG, createCustomer, createOrder, createShop } from "./factories";

const DAY = 86_400_000;

describe("re-planning scheduled requests", () => {
  it("holds a customer's later request back by the cap when the new timing moves another one ahead of it", async () => {
    const shop = await createShop({ timezone: "UTC" });
    expect(
      await updateSettings(shop, { daysAfterFulfillment: 14, daysAfterDelivery: 20, frequencyCapDays: 30 }),
    ).toMatchObject({ ok: true });
    const customer = await createCustomer(shop);
    const start = new Date("2026-12-01T10:00:00Z");
    // The shirt was shipped but its delivery is not known; the mug was delivered a day after it was shipped.
    const shirt = await createOrder(shop, { customer, lines: [LINEN_SHIRT], fulfilledAt: start });
    const mug = await createOrder(shop, {
      customer,
      lines: [MUG],
      fulfilledAt: new Date(start.getTime() + DAY),
      deliveredAt: new Date(start.getTime() + 2 * DAY),
    });
    await syncReviewRequestForOrder({ shop, orderId: shirt.id }, { now: start });
    await syncReviewRequestForOrder({ shop, orderId: mug.id }, { now: start });
    const planned = async () => {
      const [shirtRequest, mugRequest] = await Promise.all(
        [shirt.id, mug.id].map((orderId) => db.reviewRequest.findUniqueOrThrow({ where: { orderId } })),
      );
      return { shirt: shirtRequest.sendAt.getTime(), mug: mugRequest.sendAt.getTime() };
    };
    const before = await planned();
    // The shirt's email first (14 days after shipping), the mug's a cap after it.
    expect(before.mug - before.shirt).toBeGreaterThanOrEqual(30 * DAY);

    // Three days after delivery now: the mug's email moves ahead of the shirt's.
    expect(await updateSettings(shop, { daysAfterDelivery: 3 })).toMatchObject({ ok: true });
    const outcome = await replanScheduledRequests(shop, { now: start });
    expect(outcome).toMatchObject({ mode: "done", scheduled: 2, moved: 2 });
    const after = await planned();
    expect(after.mug).toBeLessThan(after.shirt);
    expect(after.shirt - after.mug).toBeGreaterThanOrEqual(30 * DAY);
  });
});
