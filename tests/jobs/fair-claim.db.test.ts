// Fair claiming (claim.server.ts, claimRuns): a sale's burst of one shop's orders does not hold back another
// shop's email. Issue 17: no more than a minute.
import { randomUUID } from "node:crypto";
import db from "~/db.server";
import { jobDefinitions } from "~/jobs.server";
import { startWorker } from "~/modules/jobs";
import { sendRequestNow, syncReviewRequestForOrder } from "~/modules/requests";
import { commitWebhookBatch } from "~/modules/webhooks";
import { createCustomer, createOrder, createShop } from "../requests/factories";
import { captureEmailDuringTests } from "../support/smtp";
import { webhookFixture } from "../support/signed-webhooks";

captureEmailDuringTests();
const BURST_SHOP = "burst-store.myshopify.com";
const FAIRNESS_BOUND_MS = 60_000;

/** `count` orders/fulfilled deliveries of one shop, recorded as the intake and pump leave them (queued jobs). */
async function queueBurst(count: number): Promise<void> {
  const fixture = webhookFixture("orders-fulfilled");
  const deliveries = Array.from({ length: count }, (_, n) => {
    const id = 7_300_000_000_000 + n;
    const order = {
      ...fixture,
      id,
      name: `#${5000 + n}`,
      line_items: fixture.line_items.map((l: object, i: number) => ({ ...l, id: id * 10 + i })),
    };
    return {
      shop: BURST_SHOP,
      topic: "ORDERS_FULFILLED" as const,
      webhookId: randomUUID(),
      body: JSON.stringify(order),
    };
  });
  for (let i = 0; i < deliveries.length; i += 500) await commitWebhookBatch(deliveries.slice(i, i + 500));
}

it(
  "sends another shop's due email while one shop's burst of orders is still queued ahead of it",
  { timeout: 120_000 },
  async () => {
    // Installed, so the burst's orders are really applied (a shop that is not installed has its deliveries ignored).
    await db.shop.create({ data: { shop: BURST_SHOP, name: "Burst store", installedAt: new Date() } });
    await queueBurst(1_000);
    // Another shop's request, which its merchant sends now: queued after every order of the burst.
    const shop = await createShop();
    const customer = await createCustomer(shop);
    const order = await createOrder(shop, { customer, fulfilledAt: new Date(Date.now() - 2 * 86_400_000) });
    await syncReviewRequestForOrder({ shop, orderId: order.id });
    const request = await db.reviewRequest.findUniqueOrThrow({ where: { orderId: order.id } });
    expect(await sendRequestNow({ shop, requestId: request.id })).toMatchObject({ ok: true });
    const dueSince = Date.now();

    const worker = startWorker({ definitions: jobDefinitions, concurrency: 1, pollIntervalMs: 50 });
    try {
      await vi.waitFor(
        async () => expect(await db.capturedEmail.count({ where: { envelopeTo: customer.email! } })).toBe(1),
        {
          timeout: FAIRNESS_BOUND_MS,
          interval: 100,
        },
      );
      const waited = Date.now() - dueSince;
      expect(waited).toBeLessThan(FAIRNESS_BOUND_MS);
      // It went out between the burst's batches, not after them: some of the burst's orders were applied after
      // the email was captured. (Whether any are still queued at this moment depends on how fast the machine
      // drains a batch, so the order of events is compared, not a count at one instant.)
      await vi.waitFor(
        async () =>
          expect(
            await db.job.count({ where: { shop: BURST_SHOP, type: "orders.order-fulfilled", status: "queued" } }),
          ).toBe(0),
        { timeout: 110_000, interval: 200 },
      );
      const email = await db.capturedEmail.findFirstOrThrow({ where: { envelopeTo: customer.email! } });
      const appliedAfter = await db.job.count({
        where: { shop: BURST_SHOP, type: "orders.order-fulfilled", finishedAt: { gt: email.receivedAt } },
      });
      expect(appliedAfter).toBeGreaterThan(0);
    } finally {
      await worker.stop();
    }
  },
);
