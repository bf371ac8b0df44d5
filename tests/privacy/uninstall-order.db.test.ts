// app/uninstalled and shop/redact processed after the merchant installed the app again: deliveries go through
// the real intake (deliverWebhook) and their jobs run later (drainJobs), as the worker would run them after a
// backlog, a retry or Shopify's out-of-order delivery. The reinstall is markShopInstalled, what afterAuth calls.
import { setUpValidSession } from "@shopify/shopify-api/test-helpers";
import db from "~/db.server";
import { jobDefinitions } from "~/jobs.server";
import { drainJobs, enqueueJob } from "~/modules/jobs";
import { decideShopRedaction, recordAppUninstalled, SHOP_REDACT_DELAY_MS, shopOwnedModels } from "~/modules/privacy";
import { markShopInstalled } from "~/modules/shops";
import { sessionStorage } from "~/shopify.server";
import { captureLogs } from "../support/capture-logs";
import { deliverWebhook } from "../support/deliver-webhook";
import { OTHER_SHOP, TEST_SHOP, webhookFixture } from "../support/signed-webhooks";

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms);
const iso = (date: Date) => date.toISOString();

/** The merchant grants access at `at` (afterAuth): the Shop row says installed, the new offline session is stored. */
async function install(at: Date, accessToken: string, shop = TEST_SHOP) {
  await sessionStorage.storeSession(setUpValidSession({ shop, expires: undefined, accessToken }));
  return markShopInstalled(shop, db, at);
}

/** Work the shop has queued for later (a review request to send tomorrow). */
async function pendingWork(shop = TEST_SHOP) {
  return enqueueJob({
    type: "requests.sync-order",
    shop,
    payload: { shop, orderId: `o-${Math.random()}` },
    runAt: new Date(Date.now() + 86_400_000),
  });
}

async function uninstallDelivered(
  triggeredAt: Date | null,
  options: { shop?: string; webhookId?: string; eventId?: string } = {},
) {
  await deliverWebhook("app/uninstalled", webhookFixture("app-uninstalled"), {
    ...options,
    ...(triggeredAt ? { triggeredAt: iso(triggeredAt) } : { omitHeaders: ["X-Shopify-Triggered-At"] }),
  });
}

const runJobs = () => drainJobs(jobDefinitions);
const shopRow = () => db.shop.findUniqueOrThrow({ where: { shop: TEST_SHOP } });
const tokens = async (shop = TEST_SHOP) =>
  (await db.session.findMany({ where: { shop }, select: { accessToken: true } })).map((s) => s.accessToken);
const jobStatus = async (id: string) => (await db.job.findUniqueOrThrow({ where: { id } })).status;
const deliveries = (topic: string) =>
  db.webhookEvent.findMany({ where: { shop: TEST_SHOP, topic }, orderBy: { receivedAt: "asc" } });

beforeEach(async () => {
  for (const model of shopOwnedModels()) {
    await (db as unknown as Record<string, { deleteMany(): Promise<unknown> }>)[
      model[0].toLowerCase() + model.slice(1)
    ].deleteMany();
  }
});
afterEach(() => vi.restoreAllMocks());

describe("app/uninstalled processed after a reinstall", () => {
  it("an uninstall whose job runs after the merchant reinstalled changes nothing: still installed, new session kept, jobs queued", async () => {
    await install(ago(30 * 24 * HOUR), "shpat_first");
    const queued = await pendingWork();
    const uninstalledAt = ago(10 * 60_000);
    await uninstallDelivered(uninstalledAt); // recorded; its job waits behind a backlog

    // The merchant reinstalls before the job ran: the shop was never marked uninstalled, yet the grant counts.
    const reinstalledAt = ago(5 * 60_000);
    expect(await install(reinstalledAt, "shpat_reinstalled")).toEqual({
      created: false,
      reinstalled: false,
      jobsResumed: 0,
    });
    const logs = captureLogs();

    expect(await runJobs()).toMatchObject({ succeeded: 1, failed: 0 });

    expect(await shopRow()).toMatchObject({ uninstalledAt: null, installedAt: reinstalledAt });
    expect(await tokens()).toEqual(["shpat_reinstalled"]);
    expect(await jobStatus(queued.id)).toBe("queued");
    const [delivery] = await deliveries("APP_UNINSTALLED");
    expect(delivery).toMatchObject({ status: "ignored", triggeredAt: uninstalledAt, payload: null, error: null });
    const line = logs.lines.find((l) => l.stale === true);
    expect(line).toMatchObject({ shop: TEST_SHOP, uninstalledAt: iso(uninstalledAt), installedAt: iso(reinstalledAt) });
    expect(String(line?.msg)).toMatch(/^Stale app\/uninstalled ignored/);
  });

  it("the old uninstall delivered again after it was processed and the shop reinstalled is ignored", async () => {
    await install(ago(30 * 24 * HOUR), "shpat_first");
    const queued = await pendingWork();
    const uninstalledAt = ago(HOUR);
    await uninstallDelivered(uninstalledAt, { eventId: "evt-uninstall-1" });
    await runJobs();
    expect((await shopRow()).uninstalledAt).toBeInstanceOf(Date);
    expect(await jobStatus(queued.id)).toBe("cancelled");

    expect(await install(ago(30 * 60_000), "shpat_reinstalled")).toMatchObject({ reinstalled: true, jobsResumed: 1 });
    // The same event again under a new delivery id (past the dedupe), after the reinstall.
    await uninstallDelivered(uninstalledAt, { eventId: "evt-uninstall-1" });
    await runJobs();

    expect((await shopRow()).uninstalledAt).toBeNull();
    expect(await tokens()).toEqual(["shpat_reinstalled"]);
    expect(await jobStatus(queued.id)).toBe("queued");
    expect((await deliveries("APP_UNINSTALLED")).map((d) => d.status)).toEqual(["processed", "ignored"]);
  });

  it("a genuine uninstall after the reinstall still uninstalls", async () => {
    await install(ago(30 * 24 * HOUR), "shpat_first");
    await uninstallDelivered(ago(3 * HOUR));
    await runJobs();
    await install(ago(2 * HOUR), "shpat_reinstalled");
    const queued = await pendingWork();
    expect((await shopRow()).uninstalledAt).toBeNull();

    const logs = captureLogs();
    await uninstallDelivered(ago(HOUR));
    await runJobs();

    expect((await shopRow()).uninstalledAt).toBeInstanceOf(Date);
    expect(await tokens()).toEqual([]);
    expect(await jobStatus(queued.id)).toBe("cancelled");
    expect(logs.lines.find((l) => l.msg === "App uninstalled: sessions removed, pending jobs cancelled")).toMatchObject(
      { sessionsDeleted: 1, jobsCancelled: 1 },
    );
    expect(logs.lines.some((l) => l.stale === true)).toBe(false);
  });

  it("the same millisecond as the install is not stale (one millisecond earlier is); Shopify's nanoseconds do not change that", async () => {
    const installedAt = new Date("2026-03-01T10:00:00.000Z");
    await install(installedAt, "shpat_first");
    const queued = await pendingWork();

    await uninstallDelivered(new Date(installedAt.getTime() - 1));
    await runJobs();
    expect((await shopRow()).uninstalledAt).toBeNull();
    expect(await tokens()).toEqual(["shpat_first"]);
    expect(await jobStatus(queued.id)).toBe("queued");

    // X-Shopify-Triggered-At as Shopify writes it, to the nanosecond, within the install's millisecond.
    await deliverWebhook("app/uninstalled", webhookFixture("app-uninstalled"), {
      triggeredAt: "2026-03-01T10:00:00.000999999Z",
    });
    await runJobs();
    expect((await shopRow()).uninstalledAt).toBeInstanceOf(Date);
    expect(await tokens()).toEqual([]);
    expect(await jobStatus(queued.id)).toBe("cancelled");
  });

  it("without X-Shopify-Triggered-At the delivery's receivedAt decides", async () => {
    await install(ago(30 * 24 * HOUR), "shpat_first");
    await uninstallDelivered(null);
    const [delivery] = await deliveries("APP_UNINSTALLED");
    expect(delivery.triggeredAt).toBeNull();

    await install(new Date(delivery.receivedAt.getTime() + 1_000), "shpat_reinstalled");
    await runJobs();
    expect((await shopRow()).uninstalledAt).toBeNull();
    expect(await tokens()).toEqual(["shpat_reinstalled"]);

    // Received after the install: a genuine uninstall.
    await uninstallDelivered(null);
    await db.shop.update({ where: { shop: TEST_SHOP }, data: { installedAt: ago(60_000) } });
    await runJobs();
    expect((await shopRow()).uninstalledAt).toBeInstanceOf(Date);
    expect(await tokens()).toEqual([]);
  });

  it("leaves another shop's install, sessions and jobs alone", async () => {
    await install(ago(30 * 24 * HOUR), "shpat_mine");
    await install(ago(30 * 24 * HOUR), "shpat_other", OTHER_SHOP);
    const othersJob = await pendingWork(OTHER_SHOP);
    // The other shop reinstalled recently; this shop's (genuine) uninstall must not be judged by it.
    await install(ago(60_000), "shpat_other_again", OTHER_SHOP);

    await uninstallDelivered(ago(10 * 60_000));
    await runJobs();

    expect((await shopRow()).uninstalledAt).toBeInstanceOf(Date);
    expect(await tokens()).toEqual([]);
    expect((await db.shop.findUniqueOrThrow({ where: { shop: OTHER_SHOP } })).uninstalledAt).toBeNull();
    expect(await tokens(OTHER_SHOP)).toEqual(["shpat_other_again"]);
    expect(await jobStatus(othersJob.id)).toBe("queued");
  });

  it("an uninstall racing the reinstall that supersedes it ends installed with the work queued, whichever commits first", async () => {
    for (let round = 0; round < 8; round++) {
      const shop = `race-${round}.myshopify.com`;
      await markShopInstalled(shop, db, ago(HOUR));
      const queued = await pendingWork(shop);

      // The uninstall starts up to a few milliseconds late, so both interleavings happen.
      const [uninstall, reinstall] = await Promise.all([
        new Promise((resolve) => setTimeout(resolve, round % 4)).then(() =>
          recordAppUninstalled(shop, db, new Date(), ago(10 * 60_000)),
        ),
        markShopInstalled(shop, db, new Date()),
      ]);

      // Either the uninstall committed first and the reinstall undid it, or it found the newer install and stood down.
      expect(uninstall.stale).toBe(!reinstall.reinstalled);
      expect((await db.shop.findUniqueOrThrow({ where: { shop } })).uninstalledAt).toBeNull();
      expect(await jobStatus(queued.id)).toBe("queued");
    }
  });

  it("recordAppUninstalled refuses an invalid event time and, called without one, uninstalls unconditionally", async () => {
    await install(ago(60_000), "shpat_first");
    await expect(recordAppUninstalled(TEST_SHOP, db, new Date(), new Date("not a date"))).rejects.toThrow(
      /occurredAt .* is not a valid date/,
    );
    expect((await shopRow()).uninstalledAt).toBeNull();

    expect(await recordAppUninstalled(TEST_SHOP, db, new Date(), ago(HOUR))).toMatchObject({
      stale: true,
      sessionsDeleted: 0,
    });
    expect(await recordAppUninstalled(TEST_SHOP, db)).toMatchObject({ stale: false, sessionsDeleted: 1 });
    expect((await shopRow()).uninstalledAt).toBeInstanceOf(Date);
  });
});

describe("shop/redact after a reinstall", () => {
  /** An order, its customer and the review request schedule: the shop's data a redaction would delete. */
  async function shopData() {
    await deliverWebhook("orders/fulfilled", webhookFixture("orders-fulfilled"));
    await runJobs();
    const counts = {
      orders: await db.order.count({ where: { shop: TEST_SHOP } }),
      customers: await db.customer.count({ where: { shop: TEST_SHOP } }),
    };
    expect(counts.orders).toBeGreaterThan(0);
    return counts;
  }
  const redactDelivered = (triggeredAt: Date) =>
    deliverWebhook("shop/redact", webhookFixture("shop-redact"), { triggeredAt: iso(triggeredAt) });

  it("is ignored when the merchant reinstalled within the 48 hours: the live shop keeps its data", async () => {
    await install(ago(30 * 24 * HOUR), "shpat_first");
    const before = await shopData();
    const uninstalledAt = ago(49 * HOUR);
    await uninstallDelivered(uninstalledAt);
    await runJobs();
    await install(new Date(uninstalledAt.getTime() + 10 * 60_000), "shpat_reinstalled");

    const logs = captureLogs();
    await redactDelivered(new Date(uninstalledAt.getTime() + SHOP_REDACT_DELAY_MS));
    await runJobs();

    expect(await shopRow()).toMatchObject({ uninstalledAt: null });
    expect(await tokens()).toEqual(["shpat_reinstalled"]);
    expect(await db.order.count({ where: { shop: TEST_SHOP } })).toBe(before.orders);
    expect(await db.customer.count({ where: { shop: TEST_SHOP } })).toBe(before.customers);
    const [redaction] = await deliveries("SHOP_REDACT");
    expect(redaction).toMatchObject({ status: "ignored", payload: null });
    expect(await db.job.findFirstOrThrow({ where: { type: "privacy.shop-redact" } })).toMatchObject({
      status: "succeeded",
    });
    expect(logs.lines.find((l) => l.stale === true)).toMatchObject({
      shop: TEST_SHOP,
      uninstalledAt: iso(uninstalledAt),
    });
  });

  it("deletes everything when the shop is uninstalled, even if it had reinstalled in between", async () => {
    await install(ago(30 * 24 * HOUR), "shpat_first");
    await shopData();
    const firstUninstall = ago(49 * HOUR);
    await uninstallDelivered(firstUninstall);
    await runJobs();
    await install(ago(40 * HOUR), "shpat_reinstalled");
    await uninstallDelivered(ago(30 * HOUR));
    await runJobs();

    await redactDelivered(new Date(firstUninstall.getTime() + SHOP_REDACT_DELAY_MS));
    await runJobs();

    expect(await db.shop.count({ where: { shop: TEST_SHOP } })).toBe(0);
    expect(await db.order.count({ where: { shop: TEST_SHOP } })).toBe(0);
    expect(await db.webhookEvent.count({ where: { shop: TEST_SHOP } })).toBe(0);
  });

  it("decides by the uninstall it follows, or 48 hours before it when that uninstall was never recorded", async () => {
    const requestedAt = new Date("2026-03-10T12:00:00.000Z");
    const uninstalledAt = new Date(requestedAt.getTime() - SHOP_REDACT_DELAY_MS);
    expect(await decideShopRedaction(TEST_SHOP, requestedAt)).toEqual({ redact: true, reason: "not-installed" });

    // Installed long before, no uninstall on record: the uninstall was missed; redact.
    await markShopInstalled(TEST_SHOP, db, new Date("2026-01-01T00:00:00.000Z"));
    expect(await decideShopRedaction(TEST_SHOP, requestedAt)).toMatchObject({
      redact: true,
      reason: "no-install-since-uninstall",
      uninstalledAt,
    });
    // Installed exactly then: a tie is not a reinstall.
    await markShopInstalled(TEST_SHOP, db, uninstalledAt);
    expect(await decideShopRedaction(TEST_SHOP, requestedAt)).toMatchObject({
      redact: true,
      reason: "no-install-since-uninstall",
    });
    // Installed within the 48 hours: stale.
    await markShopInstalled(TEST_SHOP, db, new Date(uninstalledAt.getTime() + 1));
    expect(await decideShopRedaction(TEST_SHOP, requestedAt)).toMatchObject({
      redact: false,
      reason: "reinstalled",
      uninstalledAt,
    });

    // A recorded uninstall decides instead of the estimate; one after the request does not count.
    await db.webhookEvent.createMany({
      data: [
        {
          shop: TEST_SHOP,
          topic: "APP_UNINSTALLED",
          webhookId: "u-1",
          triggeredAt: new Date(uninstalledAt.getTime() + 60_000),
          receivedAt: new Date(uninstalledAt.getTime() + 61_000),
          status: "processed",
        },
        {
          shop: TEST_SHOP,
          topic: "APP_UNINSTALLED",
          webhookId: "u-2",
          triggeredAt: new Date(requestedAt.getTime() + 60_000),
          receivedAt: new Date(requestedAt.getTime() + 61_000),
          status: "processed",
        },
        {
          shop: OTHER_SHOP,
          topic: "APP_UNINSTALLED",
          webhookId: "u-3",
          triggeredAt: new Date(requestedAt.getTime() - 1_000),
          receivedAt: new Date(requestedAt.getTime() - 1_000),
          status: "processed",
        },
      ],
    });
    expect(await decideShopRedaction(TEST_SHOP, requestedAt)).toMatchObject({
      redact: true,
      reason: "no-install-since-uninstall",
      uninstalledAt: new Date(uninstalledAt.getTime() + 60_000),
    });
    await markShopInstalled(TEST_SHOP, db, new Date(uninstalledAt.getTime() + 60_001));
    expect(await decideShopRedaction(TEST_SHOP, requestedAt)).toMatchObject({ redact: false, reason: "reinstalled" });

    await expect(decideShopRedaction(TEST_SHOP, new Date("nope"))).rejects.toThrow(
      /requestedAt .* is not a valid date/,
    );
  });
});

describe("customers/redact", () => {
  it("stays unconditional: a request older than the latest install still redacts the customer", async () => {
    await install(ago(30 * 24 * HOUR), "shpat_first");
    await deliverWebhook("orders/fulfilled", webhookFixture("orders-fulfilled"));
    await runJobs();
    const redaction = webhookFixture("customers-redact");
    await install(ago(60_000), "shpat_reinstalled");

    await deliverWebhook("customers/redact", redaction, { triggeredAt: iso(ago(HOUR)) });
    await runJobs();

    const customer = await db.customer.findFirstOrThrow({
      where: { shop: TEST_SHOP, shopifyId: String(redaction.customer.id) },
    });
    expect(customer).toMatchObject({ email: null, firstName: null });
    expect(customer.redactedAt).toBeInstanceOf(Date);
  });
});
