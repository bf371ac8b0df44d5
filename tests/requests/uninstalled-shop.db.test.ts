// An uninstalled shop stops emailing its customers and stops calling the Admin API: every job that acts for a
// shop asks "installed now?" at the moment it acts (modules/shops requireInstalledShop / isShopInstalled). A
// reinstall (the OAuth grant's markShopInstalled) resumes the work, and the ordinary re-checks decide what is
// still worth doing.
import db from "~/db.server";
import { jobDefinitions } from "~/jobs.server";
import { drainJobs, enqueueJob } from "~/modules/jobs";
import { dispatchDueRequests, syncReviewRequestForOrder } from "~/modules/requests";
import { markProductRatingsStale, RECONCILE_PRODUCT_RATINGS_JOB, SYNC_PRODUCT_RATINGS_JOB } from "~/modules/reviews";
import { markShopInstalled, SYNC_SHOP_JOB_TYPE } from "~/modules/shops";
import { captureEmailDuringTests } from "../support/smtp";
import { deliverWebhook } from "../support/deliver-webhook";
import { webhookFixture } from "../support/signed-webhooks";
import { createCustomer, createOrder, createShop, timeline } from "./factories";

const t = (iso: string) => new Date(iso);
captureEmailDuringTests();

/** A shop (installed on 1 January) with one fulfilled order whose request is due at 10:00 Stockholm on 15 May. */
async function scheduledRequest() {
  const shop = await createShop();
  const customer = await createCustomer(shop, { locale: "en" });
  const order = await createOrder(shop, { customer, fulfilledAt: t("2026-05-01T08:00:00Z") });
  await syncReviewRequestForOrder({ shop, orderId: order.id }, { now: t("2026-05-01T09:00:00Z") });
  const request = await db.reviewRequest.findUniqueOrThrow({ where: { orderId: order.id } });
  return { shop, customer, order, request };
}

async function uninstall(shop: string, at = new Date()) {
  await deliverWebhook("app/uninstalled", webhookFixture("app-uninstalled"), { shop, triggeredAt: at.toISOString() });
  await drainJobs(jobDefinitions);
}

const mailTo = (address: string) => db.capturedEmail.count({ where: { envelopeTo: address } });
const DUE = t("2026-05-15T08:01:00Z");

describe("an uninstalled shop", () => {
  it("does not email a request that fell due after the uninstall", async () => {
    const { shop, customer, request } = await scheduledRequest();
    await uninstall(shop);

    const summary = await dispatchDueRequests({ now: DUE });

    expect(summary).toMatchObject({ sent: 0 });
    expect(await mailTo(customer.email!)).toBe(0);
    expect(await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "scheduled",
      sentAt: null,
      claimedUntil: null,
    });
  });

  it("does not send the reminder of a request emailed before the uninstall", async () => {
    const { shop, customer, request } = await scheduledRequest();
    expect(await dispatchDueRequests({ now: DUE, shop })).toMatchObject({ sent: 1 });
    await uninstall(shop);

    const reminderDue = (await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } })).reminderAt!;
    expect(await dispatchDueRequests({ now: new Date(reminderDue.getTime() + 60_000) })).toMatchObject({ reminded: 0 });

    expect(await mailTo(customer.email!)).toBe(1);
    expect(await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "sent",
      remindedAt: null,
    });
  });

  it("stops its queued Admin API and request jobs, and a reinstall resumes them", async () => {
    const { shop, order } = await scheduledRequest();
    await uninstall(shop);
    // Queued after the uninstall (a retry, a late enqueue): they must not act either.
    const sync = await enqueueJob({ type: SYNC_SHOP_JOB_TYPE, shop, payload: { shop, products: false } });
    await markProductRatingsStale(db, shop, [order.lines[0].productShopifyId!]);
    const rating = await db.job.findFirstOrThrow({ where: { shop, type: SYNC_PRODUCT_RATINGS_JOB } });
    const reconcile = await enqueueJob({ type: RECONCILE_PRODUCT_RATINGS_JOB, shop, payload: { shop } });
    const syncOrder = await enqueueJob({ type: "requests.sync-order", shop, payload: { shop, orderId: order.id } });

    await drainJobs(jobDefinitions);

    for (const job of [sync, rating, reconcile, syncOrder]) {
      expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "cancelled" });
    }
    expect(await db.adminApiCall.count({ where: { shop } })).toBe(0);

    expect(await markShopInstalled(shop)).toMatchObject({ reinstalled: true, jobsResumed: 4 });
    await drainJobs(jobDefinitions);

    for (const job of [sync, rating, reconcile, syncOrder]) {
      expect(
        await db.job.findUniqueOrThrow({
          where: { id: job.id },
          select: { type: true, status: true, lastError: true },
        }),
      ).toMatchObject({ status: "succeeded" });
    }
    expect(await db.adminApiCall.count({ where: { shop } })).toBeGreaterThan(0);
    // The product marked while the shop was away was written once it came back.
    expect(await db.adminApiCall.count({ where: { shop, operation: "MetafieldsSetMutation" } })).toBeGreaterThan(0);
  });

  it("a reinstall resumes what is still valid: the request is sent, a cancelled order's is not", async () => {
    const kept = await scheduledRequest();
    const dropped = await scheduledRequest();
    await uninstall(kept.shop);
    await uninstall(dropped.shop);
    await db.order.update({ where: { id: dropped.order.id }, data: { cancelledAt: t("2026-05-10T10:00:00Z") } });
    expect(await dispatchDueRequests({ now: DUE })).toMatchObject({ claimed: 0, sent: 0 });

    await markShopInstalled(kept.shop);
    await markShopInstalled(dropped.shop);
    await dispatchDueRequests({ now: DUE });

    expect(await mailTo(kept.customer.email!)).toBe(1);
    expect(await timeline(kept.request.id)).toEqual(["scheduled", "sent"]);
    expect(await mailTo(dropped.customer.email!)).toBe(0);
    expect(await db.reviewRequest.findUniqueOrThrow({ where: { id: dropped.request.id } })).toMatchObject({
      status: "cancelled",
      cancelReason: "order_cancelled",
    });
  });

  it("a shop whose row a webhook created, without an OAuth grant, is never emailed for", async () => {
    const { shop, customer } = await scheduledRequest();
    await db.shop.update({ where: { shop }, data: { installedAt: null } });

    expect(await dispatchDueRequests({ now: DUE })).toMatchObject({ sent: 0 });
    expect(await mailTo(customer.email!)).toBe(0);
  });
});
