// The ledger under the compliance webhooks. customers/redact anonymises a member instead of deleting them: the
// ledger is append-only and is the shop's books, so every amount stays (balance == sum(entries), the liability
// and the issued/redeemed figures unchanged) while nothing that says who the member was remains anywhere.
// shop/redact takes the whole shop's ledger and leaves other shops' alone.
import db from "~/db.server";
import { jobDefinitions } from "~/jobs.server";
import { drainJobs } from "~/modules/jobs";
import { createStandInGraphql } from "~/modules/demo";
import {
  adjustPoints,
  checkLedger,
  ledgerTotals,
  listMembers,
  programFigures,
  redeemReward,
  saveReward,
  setMemberBirthday,
} from "~/modules/loyalty";
import { sendMemberEmail } from "~/modules/loyalty/member-emails.server";
import { shopOwnedModels } from "~/modules/privacy";
import { markShopInstalled } from "~/modules/shops";
import { loader as panelLoader } from "~/routes/proxy.loyalty._index";
import { LOCAL_API_SECRET } from "~/config.server";
import { signAppProxyParams } from "~/modules/app-proxy";
import { deliverWebhook } from "../support/deliver-webhook";
import { webhookFixture } from "../support/signed-webhooks";
import { captureEmailDuringTests } from "../support/smtp";
import { adminOptions, requestId, uniqueShop } from "./support";

captureEmailDuringTests();

const ASTRID = { shopifyId: "7412093386804", email: "astrid.lindqvist@example.se" };
const OLLE = { shopifyId: "7412093419572" };
/** Words that would identify Astrid: her address, her names, and her customer id in Shopify. */
const ASTRID_TRACES = /astrid|lindqvist|\+46701234567/i;

async function deliver(shop: string, topic: string, payload: Record<string, unknown>, triggeredAt?: Date) {
  await deliverWebhook(
    topic,
    { ...payload, ...("shop_domain" in payload ? { shop_domain: shop } : {}) },
    {
      shop,
      triggeredAt: triggeredAt?.toISOString(),
    },
  );
  await drainJobs(jobDefinitions, { now: new Date(Date.now() + 60_000) });
}

/** Astrid and Olle as members: an order, a sign-up, an adjustment, a birthday, a reward code, an email. */
async function shopWithMembers() {
  const shop = uniqueShop("redact");
  await markShopInstalled(shop);
  await db.shop.update({ where: { shop }, data: { name: "Nordic Linen", currency: "SEK" } });
  await deliver(shop, "orders/fulfilled", webhookFixture("orders-fulfilled"));
  await deliver(shop, "orders/paid", webhookFixture("orders-paid"));
  await deliver(shop, "customers/create", webhookFixture("customers-create"));
  const astrid = await db.loyaltyAccount.findUniqueOrThrow({
    where: { shop_customerId: { shop, customerId: ASTRID.shopifyId } },
  });
  await adjustPoints(shop, astrid.id, {
    points: 300,
    reason: "Sorry Astrid Lindqvist, the parcel was late",
    requestId: requestId(),
  });
  expect(await setMemberBirthday(shop, ASTRID.shopifyId, "1988-11-02")).toEqual({ ok: true, birthday: "11-02" });
  const saved = await saveReward(shop, { name: "100 kr off", kind: "fixed_amount", pointsCost: "200", amount: "100" });
  if (!saved.ok) throw new Error("reward");
  const redeemed = await redeemReward(
    shop,
    { customerId: ASTRID.shopifyId, rewardId: saved.reward.id, requestId: requestId() },
    createStandInGraphql(shop),
    { admin: adminOptions() },
  );
  expect(redeemed.status).toBe("issued");
  const emailed = await sendMemberEmail({
    shop,
    accountId: astrid.id,
    kind: "expiry_warning",
    key: "2026-12-01",
    points: 100,
    expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  });
  expect(emailed.status).toBe("sent");
  await drainJobs(jobDefinitions, { now: new Date(Date.now() + 60_000) });
  const olle = await db.loyaltyAccount.findUniqueOrThrow({
    where: { shop_customerId: { shop, customerId: OLLE.shopifyId } },
  });
  return { shop, astridId: astrid.id, olleId: olle.id };
}

/** Every row the shop owns, in every model, as text. */
async function everyRowOf(shop: string): Promise<string[]> {
  const rows: string[] = [];
  for (const model of shopOwnedModels()) {
    const delegate = (db as unknown as Record<string, { findMany(args: unknown): Promise<unknown[]> }>)[
      model[0].toLowerCase() + model.slice(1)
    ];
    for (const row of await delegate.findMany({ where: { shop } })) rows.push(`${model} ${JSON.stringify(row)}`);
  }
  return rows;
}

async function loyaltyRows(shop: string, accountId: string) {
  const [account, entries, redemptions] = await Promise.all([
    db.loyaltyAccount.findUniqueOrThrow({ where: { id: accountId } }),
    db.loyaltyEntry.findMany({ where: { shop, accountId }, orderBy: { id: "asc" } }),
    db.redemption.findMany({ where: { shop, accountId }, orderBy: { id: "asc" } }),
  ]);
  return { account, entries, redemptions };
}

describe("customers/redact on the points ledger", () => {
  it("anonymises the member and keeps every amount, so the ledger and the shop's liability still add up", async () => {
    const { shop, astridId, olleId } = await shopWithMembers();
    const figuresBefore = await programFigures(shop);
    const before = await loyaltyRows(shop, astridId);
    const olleBefore = await loyaltyRows(shop, olleId);
    expect(before.account.availablePoints).toBeGreaterThan(0);
    expect(before.account.pendingPoints).toBeGreaterThan(0);
    expect(before.entries.length).toBeGreaterThanOrEqual(3);
    expect(before.redemptions).toHaveLength(1);
    // Before: Astrid is all over the shop's rows (her customer row, order, emails, the adjustment's note).
    expect((await everyRowOf(shop)).filter((row) => ASTRID_TRACES.test(row)).length).toBeGreaterThan(3);

    await deliver(shop, "customers/redact", webhookFixture("customers-redact"));

    const after = await loyaltyRows(shop, astridId);
    expect(after.account).toMatchObject({
      customerId: `redacted:${astridId}`,
      birthday: null,
      birthdaySetAt: null,
      availablePoints: before.account.availablePoints,
      pendingPoints: before.account.pendingPoints,
      lifetimeEarned: before.account.lifetimeEarned,
      lifetimeRedeemed: before.account.lifetimeRedeemed,
      tier: before.account.tier,
    });
    expect(after.account.redactedAt).toBeInstanceOf(Date);
    // Not one entry deleted or changed in amount; the adjustment's free text is gone.
    expect(after.entries.map((e) => [e.id, e.points, e.bucket, e.kind, e.reason, e.sourceKey])).toEqual(
      before.entries.map((e) => [e.id, e.points, e.bucket, e.kind, e.reason, e.sourceKey]),
    );
    expect(after.entries.find((e) => e.kind === "adjust")?.note).toBeNull();
    expect(after.redemptions.map((r) => [r.id, r.points, r.status, r.discountCode])).toEqual(
      before.redemptions.map((r) => [r.id, r.points, r.status, r.discountCode]),
    );
    // balance == sum(entries), for her and for the shop; the figures the merchant reads are unchanged.
    expect(await ledgerTotals(shop, astridId)).toEqual({
      available: after.account.availablePoints,
      pending: after.account.pendingPoints,
    });
    expect(await checkLedger(shop)).toMatchObject({ mismatches: 0, overdrafts: 0 });
    const figuresAfter = await programFigures(shop);
    for (const figure of [
      "members",
      "pointsIssued",
      "pointsRedeemed",
      "pointsOutstanding",
      "pointsPending",
      "liabilityCents",
      "codesIssued",
    ] as const) {
      expect(figuresAfter[figure], figure).toEqual(figuresBefore[figure]);
    }

    // Nothing that says who she was is left anywhere in the shop's data, and no loyalty row names her id.
    expect((await everyRowOf(shop)).filter((row) => ASTRID_TRACES.test(row))).toEqual([]);
    const loyalty = JSON.stringify(await loyaltyRows(shop, astridId));
    expect(loyalty).not.toContain(ASTRID.shopifyId);

    // The merchant still sees the member's points, under no name.
    const listed = (await listMembers(shop)).rows.find((row) => row.id === astridId);
    expect(listed).toMatchObject({ name: "Redacted customer", email: null });

    // Olle is untouched.
    expect(await loyaltyRows(shop, olleId)).toEqual(olleBefore);
  });

  it("credits a redacted customer nothing more, shows no member for them and mirrors nothing", async () => {
    const { shop, astridId } = await shopWithMembers();
    await deliver(shop, "customers/redact", webhookFixture("customers-redact"));
    const entries = await db.loyaltyEntry.count({ where: { shop } });
    const accounts = await db.loyaltyAccount.count({ where: { shop } });
    const mirrors = await db.adminApiCall.count({ where: { shop, operation: "MetafieldsSetMutation" } });

    // A late retry of her paid order (another delivery of it), and a balance change queueing the mirror.
    await deliver(shop, "orders/paid", webhookFixture("orders-paid"));
    await adjustPoints(shop, astridId, { points: -50, reason: "Correction", requestId: requestId() });
    await drainJobs(jobDefinitions, { now: new Date(Date.now() + 120_000) });

    expect(await db.loyaltyAccount.count({ where: { shop } })).toBe(accounts);
    expect(await db.loyaltyAccount.count({ where: { shop, customerId: ASTRID.shopifyId } })).toBe(0);
    expect(await db.loyaltyEntry.count({ where: { shop } })).toBe(entries + 1);
    expect(await db.adminApiCall.count({ where: { shop, operation: "MetafieldsSetMutation" } })).toBe(mirrors);
    expect(await setMemberBirthday(shop, ASTRID.shopifyId, "1988-11-02")).toMatchObject({ ok: false });
    expect(await checkLedger(shop)).toMatchObject({ mismatches: 0, overdrafts: 0 });

    const query = new URLSearchParams({
      shop,
      logged_in_customer_id: ASTRID.shopifyId,
      path_prefix: "/apps/kundrost",
      timestamp: String(Math.floor(Date.now() / 1000)),
    });
    query.append("signature", signAppProxyParams(query, LOCAL_API_SECRET));
    const panel = (await panelLoader({
      request: new Request(`https://kundrost.example.com/proxy/loyalty?${query}`),
      params: {},
      context: {},
    })) as Response;
    expect((await panel.json()).member).toBeNull();
  });
});

describe("shop/redact on the points ledger", () => {
  it("removes the shop's whole ledger and leaves another shop's ledger as it was", async () => {
    const gone = await shopWithMembers();
    const kept = await shopWithMembers();
    const keptBefore = {
      accounts: await db.loyaltyAccount.findMany({ where: { shop: kept.shop }, orderBy: { id: "asc" } }),
      entries: await db.loyaltyEntry.count({ where: { shop: kept.shop } }),
    };
    const uninstalledAt = new Date();
    await deliver(gone.shop, "app/uninstalled", webhookFixture("app-uninstalled"), uninstalledAt);
    await deliver(
      gone.shop,
      "shop/redact",
      webhookFixture("shop-redact"),
      new Date(uninstalledAt.getTime() + 48 * 3_600_000),
    );

    for (const model of ["loyaltyAccount", "loyaltyEntry", "redemption", "loyaltyReward", "loyaltySettings"]) {
      const delegate = (db as unknown as Record<string, { count(args: unknown): Promise<number> }>)[model];
      expect(await delegate.count({ where: { shop: gone.shop } }), model).toBe(0);
    }
    expect(await db.loyaltyAccount.findMany({ where: { shop: kept.shop }, orderBy: { id: "asc" } })).toEqual(
      keptBefore.accounts,
    );
    expect(await db.loyaltyEntry.count({ where: { shop: kept.shop } })).toBe(keptBefore.entries);
    expect(await checkLedger(kept.shop)).toMatchObject({ mismatches: 0, overdrafts: 0 });
  });
});
