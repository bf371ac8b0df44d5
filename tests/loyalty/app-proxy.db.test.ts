// The storefront's loyalty endpoints behind Shopify's app proxy, signed exactly as Shopify signs: parameters
// sorted, repeated values joined with a comma, HMAC-SHA256 hex with the app secret, a timestamp within 90 s.
import type { ActionFunctionArgs } from "@remix-run/node";
import { LOCAL_API_SECRET } from "~/config.server";
import db from "~/db.server";
import { appProxyMessage, signAppProxyParams, verifyAppProxySignature } from "~/modules/app-proxy";
import { adjustPoints, ensureAccount, reconcileReviewCredit, saveReward } from "~/modules/loyalty";
import { loader as panelLoader } from "~/routes/proxy.loyalty._index";
import { action as redeemAction } from "~/routes/proxy.loyalty.redeem";
import { action as birthdayAction } from "~/routes/proxy.loyalty.birthday";
import { loyaltyShop, requestId } from "./support";

function signedUrl(
  path: string,
  params: Record<string, string | string[]>,
  options: { secret?: string; at?: number } = {},
): string {
  const query = new URLSearchParams();
  const all = {
    path_prefix: "/apps/kundrost",
    timestamp: String(options.at ?? Math.floor(Date.now() / 1000)),
    ...params,
  };
  for (const [key, value] of Object.entries(all)) for (const v of [value].flat()) query.append(key, v);
  query.append("signature", signAppProxyParams(query, options.secret ?? LOCAL_API_SECRET));
  return `https://kundrost.example.com/proxy/loyalty${path}?${query}`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies of several shapes, read field by field
async function answer(run: () => Promise<unknown>): Promise<{ status: number; body: any; headers: Headers }> {
  let response: Response;
  try {
    response = (await run()) as Response;
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    response = thrown;
  }
  return { status: response.status, body: await response.json(), headers: response.headers };
}

const get = (url: string) => answer(() => panelLoader({ request: new Request(url), params: {}, context: {} }));
const post = (
  url: string,
  fields: Record<string, string>,
  action: (args: ActionFunctionArgs) => Promise<unknown> = redeemAction,
) =>
  answer(() =>
    action({
      request: new Request(url, { method: "POST", body: new URLSearchParams(fields) }),
      params: {},
      context: {},
    }),
  );

describe("Shopify's app proxy signature", () => {
  it("signs the sorted parameters with repeated values joined by a comma and no separators", () => {
    const params = new URLSearchParams("shop=a.myshopify.com&ids=2&ids=1&path_prefix=%2Fapps%2Fk&timestamp=1700000000");
    expect(appProxyMessage(params)).toBe("ids=2,1path_prefix=/apps/kshop=a.myshopify.comtimestamp=1700000000");
    params.append("signature", signAppProxyParams(params, "s3cret"));
    expect(verifyAppProxySignature(params, "s3cret", { now: new Date(1_700_000_030_000) })).toMatchObject({
      ok: true,
      shop: "a.myshopify.com",
    });
  });
});

describe("the loyalty panel through the app proxy", () => {
  it("answers a signed request with the member's own balance, tier, history and rewards, never cached", async () => {
    const shop = await loyaltyShop();
    const { id } = await ensureAccount(shop, "7700000001");
    await adjustPoints(shop, id, { points: 640, reason: "Welcome gift", requestId: requestId() });
    await saveReward(shop, { name: "100 kr off", kind: "fixed_amount", pointsCost: "500", amount: "100" });
    const { status, body, headers } = await get(signedUrl("", { shop, logged_in_customer_id: "7700000001" }));
    expect(status).toBe(200);
    expect(headers.get("Cache-Control")).toBe("private, no-store");
    expect(body).toMatchObject({
      loggedIn: true,
      member: { points: 640, pendingPoints: 0, tier: "Member", nextTier: { name: "Silver" } },
    });
    expect(body.rewards[0]).toMatchObject({ name: "100 kr off", pointsCost: 500, affordable: true });
    expect(body.history[0]).toMatchObject({ points: 640, label: "Adjustment from the shop: Welcome gift" });
  });

  it("shows a review's points as one event: pending while the review waits, available once it is published", async () => {
    const shop = await loyaltyShop();
    const customerId = "7700000002";
    const review = (status: string) => ({
      customerId,
      productShopifyId: "8210000001117",
      reviews: [{ status, verifiedBuyer: true, mediaCount: 0 }],
    });
    const history = async () => (await get(signedUrl("", { shop, logged_in_customer_id: customerId }))).body.history;

    await reconcileReviewCredit(shop, review("pending"));
    const event = { points: 50, label: "Review", reason: "review", kind: "earn", note: null };
    expect(await history()).toEqual([{ at: expect.any(String), pending: true, ...event }]);
    const earnedAt = (await history())[0].at;

    await reconcileReviewCredit(shop, review("published"), new Date(Date.now() + 60_000));
    expect(await history()).toEqual([{ at: earnedAt, pending: false, ...event }]);
    // The ledger itself is untouched: the pending credit and the pair that made it available.
    const ledger = await db.loyaltyEntry.findMany({ where: { shop }, orderBy: { createdAt: "asc" } });
    expect(ledger.map((e) => [e.kind, e.bucket, e.points])).toEqual([
      ["earn", "pending", 50],
      ["mature", "pending", -50],
      ["mature", "available", 50],
    ]);

    // Rejected afterwards: the event stays, and the points taken back are an event of their own.
    await reconcileReviewCredit(shop, review("rejected"), new Date(Date.now() + 120_000));
    expect(
      (await history()).map((e: { points: number; label: string; kind: string }) => [e.label, e.kind, e.points]),
    ).toEqual([
      ["Review (taken back)", "reverse", -50],
      ["Review", "earn", 50],
    ]);
  });

  it("gives a shopper who is not logged in the programme's rules and nothing personal", async () => {
    const shop = await loyaltyShop();
    const { status, body } = await get(signedUrl("", { shop }));
    expect(status).toBe(200);
    expect(body).toMatchObject({ loggedIn: false, member: null, earning: { review: 50 } });
  });

  it("refuses a forged signature, an expired timestamp and a repeated signature before reading anything", async () => {
    const shop = await loyaltyShop();
    expect((await get(signedUrl("", { shop, logged_in_customer_id: "1" }, { secret: "not-our-secret" }))).status).toBe(
      401,
    );
    expect(
      (await get(signedUrl("", { shop, logged_in_customer_id: "1" }, { at: Math.floor(Date.now() / 1000) - 91 })))
        .status,
    ).toBe(401);
    const valid = signedUrl("", { shop, logged_in_customer_id: "1" });
    const repeated = `${valid}&signature=${new URL(valid).searchParams.get("signature")}`;
    expect(await get(repeated)).toMatchObject({ status: 400, body: { problem: "repeated_signature" } });
    // A customer id changed after signing no longer matches.
    expect((await get(valid.replace("logged_in_customer_id=1", "logged_in_customer_id=2"))).status).toBe(401);
    expect((await get(`https://kundrost.example.com/proxy/loyalty?shop=${shop}&logged_in_customer_id=1`)).status).toBe(
      401,
    );
  });

  it("shows no member for another shop's customer or a customer id that does not exist, and creates no account", async () => {
    const shop = await loyaltyShop();
    const other = await loyaltyShop();
    const { id } = await ensureAccount(other, "7700000002");
    await adjustPoints(other, id, { points: 900, reason: "Other shop", requestId: requestId() });
    for (const customerId of ["7700000002", "9999999999"]) {
      const { status, body } = await get(signedUrl("", { shop, logged_in_customer_id: customerId }));
      expect(status).toBe(200);
      expect(body.member).toBeNull();
      expect(JSON.stringify(body)).not.toContain("900");
    }
    expect(await db.loyaltyAccount.count({ where: { shop } })).toBe(0);
  });

  it("answers 404 for a shop that is not installed: uninstalled, or never granted access", async () => {
    const shop = await loyaltyShop();
    await db.shop.update({ where: { shop }, data: { uninstalledAt: new Date() } });
    expect((await get(signedUrl("", { shop, logged_in_customer_id: "1" }))).status).toBe(404);
    const neverInstalled = await loyaltyShop();
    await db.shop.update({ where: { shop: neverInstalled }, data: { installedAt: null } });
    expect((await get(signedUrl("", { shop: neverInstalled, logged_in_customer_id: "1" }))).status).toBe(404);
  });
});

describe("redeeming and birthdays through the app proxy", () => {
  it("redeems once per request id, and refuses without a logged-in customer", async () => {
    const shop = await loyaltyShop();
    const { id } = await ensureAccount(shop, "7700000003");
    await adjustPoints(shop, id, { points: 1200, reason: "Test", requestId: requestId() });
    const saved = await saveReward(shop, { name: "Free shipping", kind: "free_shipping", pointsCost: "400" });
    if (!saved.ok) throw new Error("reward");
    const url = signedUrl("/redeem", { shop, logged_in_customer_id: "7700000003" });
    const form = { reward_id: saved.reward.id, request_id: requestId() };
    const first = await post(url, form);
    const again = await post(url, form);
    expect(first).toMatchObject({ status: 200, body: { status: "issued" } });
    expect(again.body.code).toBe(first.body.code);
    expect((await db.loyaltyAccount.findUniqueOrThrow({ where: { id } })).availablePoints).toBe(800);
    expect((await post(signedUrl("/redeem", { shop }), form)).status).toBe(401);
    expect(
      (
        await post(signedUrl("/redeem", { shop, logged_in_customer_id: "7700000003" }), {
          reward_id: saved.reward.id,
          request_id: "x",
        })
      ).status,
    ).toBe(400);
  });

  it("refuses a form a browser says was started on another site, and takes the storefront's own", async () => {
    const shop = await loyaltyShop();
    const { id } = await ensureAccount(shop, "7700000005");
    await adjustPoints(shop, id, { points: 500, reason: "Test", requestId: requestId() });
    const saved = await saveReward(shop, { name: "Free shipping", kind: "free_shipping", pointsCost: "400" });
    if (!saved.ok) throw new Error("reward");
    const send = (site: string) =>
      answer(() =>
        redeemAction({
          request: new Request(signedUrl("/redeem", { shop, logged_in_customer_id: "7700000005" }), {
            method: "POST",
            headers: { "Sec-Fetch-Site": site, Origin: "https://evil.example" },
            body: new URLSearchParams({ reward_id: saved.reward.id, request_id: requestId() }),
          }),
          params: {},
          context: {},
        }),
      );
    expect(await send("cross-site")).toMatchObject({ status: 403 });
    expect(await db.redemption.count({ where: { shop } })).toBe(0);
    expect(await send("same-origin")).toMatchObject({ status: 200, body: { status: "issued" } });
  });

  it("sets a birthday for the logged-in member only", async () => {
    const shop = await loyaltyShop();
    const ok = await post(
      signedUrl("/birthday", { shop, logged_in_customer_id: "7700000004" }),
      { birthday: "1988-11-02" },
      birthdayAction,
    );
    expect(ok).toMatchObject({ status: 200, body: { ok: true, birthday: "11-02" } });
    const bad = await post(
      signedUrl("/birthday", { shop, logged_in_customer_id: "7700000004" }),
      { birthday: "2nd Nov" },
      birthdayAction,
    );
    expect(bad.status).toBe(400);
  });
});
