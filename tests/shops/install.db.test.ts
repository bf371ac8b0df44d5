// Install and reinstall: markShopInstalled undoes what app/uninstalled did, and Shopify's auth (afterAuth)
// calls it — driven here through the real embedded token-exchange flow, with Shopify's token endpoint
// answered locally.
import { randomBytes } from "node:crypto";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import { LOCAL_API_KEY, LOCAL_API_SECRET, shopifyCredentials } from "~/config.server";
import db from "~/db.server";
import { cancelPendingJobs, enqueueJob } from "~/modules/jobs";
import { recordAppUninstalled } from "~/modules/privacy";
import { markShopInstalled, SYNC_SHOP_JOB_TYPE } from "~/modules/shops";
import { authenticate } from "~/shopify.server";

const newShop = () => `install-${randomBytes(4).toString("hex")}.myshopify.com`;
const at = (iso: string) => new Date(iso);

async function queuedJob(shop: string, name: string, runAt = new Date("2026-03-01T10:00:00Z")) {
  const { id } = await enqueueJob({ type: "test.install", shop, payload: { name }, runAt });
  return id;
}

describe("markShopInstalled", () => {
  it("creates the Shop row on a first install", async () => {
    const shop = newShop();
    const result = await markShopInstalled(shop, db, at("2026-03-01T10:00:00Z"));
    expect(result).toEqual({ created: true, reinstalled: false, jobsResumed: 0 });
    const row = await db.shop.findUniqueOrThrow({ where: { shop } });
    expect(row).toMatchObject({ name: shop, uninstalledAt: null, installedAt: at("2026-03-01T10:00:00Z") });
  });

  it("for a shop that is installed (every re-auth calls it) only moves installedAt forward to the grant", async () => {
    const shop = newShop();
    await db.shop.create({ data: { shop, name: "Nordic Linen", installedAt: at("2025-01-01T00:00:00Z") } });
    expect(await markShopInstalled(shop, db, at("2026-03-01T10:00:00Z"))).toEqual({
      created: false,
      reinstalled: false,
      jobsResumed: 0,
    });
    expect(await db.shop.findUniqueOrThrow({ where: { shop } })).toMatchObject({
      name: "Nordic Linen",
      installedAt: at("2026-03-01T10:00:00Z"),
      uninstalledAt: null,
    });
    await markShopInstalled(shop, db, at("2026-02-01T00:00:00Z"));
    expect((await db.shop.findUniqueOrThrow({ where: { shop } })).installedAt).toEqual(at("2026-03-01T10:00:00Z"));
  });

  it("after an uninstall: clears uninstalledAt and queues again exactly the jobs the uninstall cancelled", async () => {
    const shop = newShop();
    const other = newShop();
    await db.shop.create({ data: { shop, name: "Nordic Linen", installedAt: at("2025-01-01T00:00:00Z") } });
    await db.shop.create({ data: { shop: other, name: "Other" } });

    // Cancelled by an uninstall long ago (that shop was reinstalled before this code existed): stays cancelled.
    const earlier = await queuedJob(shop, "earlier-uninstall");
    await cancelPendingJobs(shop);
    await db.job.update({ where: { id: earlier }, data: { finishedAt: at("2025-06-01T00:00:00Z") } });
    // Work that finished normally is not touched.
    const done = await queuedJob(shop, "done");
    await db.job.update({ where: { id: done }, data: { status: "succeeded", finishedAt: at("2026-02-01T00:00:00Z") } });

    const pending = [
      await queuedJob(shop, "sync-order", at("2026-03-01T10:00:00Z")),
      await queuedJob(shop, "reminder", at("2026-03-20T09:00:00Z")),
    ];
    await db.job.update({ where: { id: pending[0] }, data: { attempts: 2 } });
    const othersJob = await queuedJob(other, "other-shop");

    const uninstall = await recordAppUninstalled(shop, db, new Date());
    await recordAppUninstalled(other, db, new Date());
    expect(uninstall.jobsCancelled).toBe(2);
    expect((await db.shop.findUniqueOrThrow({ where: { shop } })).uninstalledAt).not.toBeNull();

    const reinstalledAt = new Date(Date.now() + 60_000);
    const result = await markShopInstalled(shop, db, reinstalledAt);
    expect(result).toEqual({ created: false, reinstalled: true, jobsResumed: 2 });

    expect(await db.shop.findUniqueOrThrow({ where: { shop } })).toMatchObject({
      uninstalledAt: null,
      installedAt: reinstalledAt,
      name: "Nordic Linen",
    });
    const jobs = await db.job.findMany({ where: { id: { in: pending } }, orderBy: { runAt: "asc" } });
    expect(jobs.map((j) => j.status)).toEqual(["queued", "queued"]);
    // As they were before the uninstall: same due time and attempts, no cancellation left on them.
    expect(jobs.map((j) => j.runAt.toISOString())).toEqual(["2026-03-01T10:00:00.000Z", "2026-03-20T09:00:00.000Z"]);
    expect(jobs[0].attempts).toBe(2);
    expect(jobs.every((j) => j.finishedAt === null && j.lastError === null)).toBe(true);

    expect((await db.job.findUniqueOrThrow({ where: { id: earlier } })).status).toBe("cancelled");
    expect((await db.job.findUniqueOrThrow({ where: { id: done } })).status).toBe("succeeded");
    // Another shop's uninstall is its own.
    expect((await db.job.findUniqueOrThrow({ where: { id: othersJob } })).status).toBe("cancelled");
    expect((await db.shop.findUniqueOrThrow({ where: { shop: other } })).uninstalledAt).not.toBeNull();

    // Again (a second OAuth right after): nothing more.
    expect(await markShopInstalled(shop, db)).toEqual({ created: false, reinstalled: false, jobsResumed: 0 });
  });

  it("when two requests race on a reinstall, one of them resumes the jobs, once", async () => {
    const shop = newShop();
    await db.shop.create({ data: { shop, name: "Nordic Linen" } });
    await queuedJob(shop, "a");
    await queuedJob(shop, "b");
    await recordAppUninstalled(shop, db, new Date(Date.now() - 1_000));

    const results = await Promise.all([markShopInstalled(shop), markShopInstalled(shop), markShopInstalled(shop)]);
    expect(results.filter((r) => r.reinstalled)).toHaveLength(1);
    expect(results.reduce((sum, r) => sum + r.jobsResumed, 0)).toBe(2);
    expect(await db.job.count({ where: { shop, status: "queued" } })).toBe(2);
  });

  it("works for a shop whose uninstall arrived before we ever saw it", async () => {
    const shop = newShop();
    await recordAppUninstalled(shop, db);
    expect(await markShopInstalled(shop)).toMatchObject({ created: false, reinstalled: true });
    expect((await db.shop.findUniqueOrThrow({ where: { shop } })).uninstalledAt).toBeNull();
  });

  it("refuses something that is not a shop domain", async () => {
    await expect(markShopInstalled("")).rejects.toThrow(/must be a shop's myshopify.com domain/);
    await expect(markShopInstalled("evil.example.com")).rejects.toThrow(
      /markShopInstalled: shop "evil.example.com" must be a shop's myshopify.com domain/,
    );
    expect(await db.shop.count({ where: { shop: "evil.example.com" } })).toBe(0);
  });
});

describe("Shopify auth (afterAuth)", () => {
  const tokenRequests: string[] = [];
  beforeAll(() => {
    // Shopify's token endpoint for the token exchange; nothing else may leave the process.
    setAbstractFetchFunc(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (
        !/^https:\/\/install-[0-9a-f]+\.myshopify\.com\/admin\/oauth\/access_token$/.test(url) ||
        init?.method !== "POST"
      ) {
        throw new Error(`unexpected request in a test: ${init?.method ?? "GET"} ${url}`);
      }
      tokenRequests.push(url);
      return new Response(
        JSON.stringify({
          access_token: "shpat_reinstalled",
          scope: "read_orders,read_products",
          expires_in: 3600,
          refresh_token: "shprt_x",
          refresh_token_expires_in: 7_776_000,
        }),
        { status: 200, headers: { "Content-Type": "application/json" } },
      );
    });
  });
  afterAll(() => setAbstractFetchFunc(globalThis.fetch));

  it("a merchant reinstalling opens the app: the shop is installed again and its details are synced", async () => {
    const shop = newShop();
    await db.shop.create({ data: { shop, name: "Nordic Linen" } });
    const pending = await queuedJob(shop, "sync-order");
    await recordAppUninstalled(shop, db, new Date(Date.now() - 60_000));
    expect(await db.session.count({ where: { shop } })).toBe(0);

    const request = await setUpValidRequest(
      {
        type: RequestType.Admin,
        store: shop.replace(".myshopify.com", ""),
        apiKey: LOCAL_API_KEY,
        apiSecretKey: LOCAL_API_SECRET,
      },
      new Request(`${shopifyCredentials().appUrl}/app`),
    );
    const { session } = await authenticate.admin(request);

    expect(session.shop).toBe(shop);
    expect(tokenRequests).toContain(`https://${shop}/admin/oauth/access_token`);
    expect((await db.shop.findUniqueOrThrow({ where: { shop } })).uninstalledAt).toBeNull();
    expect((await db.job.findUniqueOrThrow({ where: { id: pending } })).status).toBe("queued");
    expect(await db.job.count({ where: { shop, type: SYNC_SHOP_JOB_TYPE } })).toBe(1);
    expect(await db.session.count({ where: { shop } })).toBe(1);
  });
});
