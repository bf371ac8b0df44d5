// The Loyalty admin screens (authenticated for real, as App Bridge sends requests), the balance import, and the
// daily sweep's expiry, emails and tiers.
import db from "~/db.server";
import { jobDefinitions } from "~/jobs.server";
import { drainJobs } from "~/modules/jobs";
import { markShopInstalled } from "~/modules/shops";
import { sendMemberEmail } from "~/modules/loyalty/member-emails.server";
import {
  adjustPoints,
  DEFAULT_PROGRAM,
  ensureAccount,
  importBalances,
  ledgerTotals,
  reconcileReviewCredit,
  saveLoyaltyProgram,
  sweepShop,
} from "~/modules/loyalty";
import { loader as homeLoader } from "~/routes/app.loyalty._index/route";
import { action as memberAction, loader as memberLoader } from "~/routes/app.loyalty.members.$id/route";
import { action as settingsAction } from "~/routes/app.loyalty.settings/route";
import { action as rewardsAction } from "~/routes/app.loyalty.rewards/route";
import {
  actionArgs,
  adminFormPost,
  adminPageRequest,
  installedShop,
  jsonOf,
  loaderArgs,
  responseOf,
} from "../admin/support";
import { captureEmailDuringTests } from "../support/smtp";
import { customer, requestId } from "./support";

captureEmailDuringTests();
const DAY = 86_400_000;

describe("the Loyalty admin", () => {
  it("lists members with search, and shows a member's ledger", async () => {
    const shop = await installedShop();
    const astrid = await customer(shop, { email: "astrid@example.se", firstName: "Astrid" });
    const bo = await customer(shop, { email: "bo@example.se", firstName: "Bo" });
    for (const [person, points] of [
      [astrid, 300],
      [bo, 900],
    ] as const) {
      const { id } = await ensureAccount(shop, person.shopifyId!);
      await adjustPoints(shop, id, { points, reason: "Welcome", requestId: requestId() });
    }
    const home = await jsonOf<{
      rows: { name: string; points: string }[];
      total: number;
      cards: { label: string; value: string }[];
    }>(async () => homeLoader(loaderArgs(await adminPageRequest(shop, "/app/loyalty"))));
    expect(home.rows.map((r) => r.points)).toEqual(["900", "300"]);
    expect(home.cards.find((c) => c.label === "Members")?.value).toBe("2");
    const searched = await jsonOf<{ rows: { name: string }[]; total: number }>(async () =>
      homeLoader(loaderArgs(await adminPageRequest(shop, "/app/loyalty?q=astrid"))),
    );
    expect(searched.rows.map((r) => r.name)).toEqual(["Astrid Lind"]);

    const account = await db.loyaltyAccount.findFirstOrThrow({ where: { shop, customerId: astrid.shopifyId! } });
    const detail = await jsonOf<{ entries: { what: string; points: number }[]; requestId: string }>(async () =>
      memberLoader(loaderArgs(await adminPageRequest(shop, `/app/loyalty/members/${account.id}`), { id: account.id })),
    );
    expect(detail.entries[0]).toMatchObject({ what: "Manual adjustment — Welcome", points: 300 });

    const form = { points: "-500", reason: "Goodwill reversal", requestId: detail.requestId };
    const refused = await responseOf(async () =>
      memberAction(
        actionArgs(await adminFormPost(shop, `/app/loyalty/members/${account.id}`, form), { id: account.id }),
      ),
    );
    expect(refused.status).toBe(422);
    const ok = { ...form, points: "-100" };
    for (let i = 0; i < 2; i++)
      await responseOf(async () =>
        memberAction(
          actionArgs(await adminFormPost(shop, `/app/loyalty/members/${account.id}`, ok), { id: account.id }),
        ),
      );
    expect(await ledgerTotals(shop, account.id)).toEqual({ available: 200, pending: 0 });

    // Another shop's member is not found here.
    const other = await installedShop();
    const notFound = await responseOf(async () =>
      memberLoader(loaderArgs(await adminPageRequest(other, `/app/loyalty/members/${account.id}`), { id: account.id })),
    );
    expect(notFound.status).toBe(404);
  });

  it("shows a review's points becoming available as one line of the member's ledger, the entries untouched", async () => {
    const shop = await installedShop();
    const person = await customer(shop);
    const review = (status: string) => ({
      customerId: person.shopifyId!,
      productShopifyId: "8210000001117",
      reviews: [{ status, verifiedBuyer: true, mediaCount: 0 }],
    });
    await reconcileReviewCredit(shop, review("pending"));
    await reconcileReviewCredit(shop, review("published"), new Date(Date.now() + 60_000));
    const account = await db.loyaltyAccount.findFirstOrThrow({ where: { shop, customerId: person.shopifyId! } });
    const detail = await jsonOf<{ entries: { what: string; points: number; bucket: string }[] }>(async () =>
      memberLoader(loaderArgs(await adminPageRequest(shop, `/app/loyalty/members/${account.id}`), { id: account.id })),
    );
    expect(detail.entries.map(({ what, points, bucket }) => ({ what, points, bucket }))).toEqual([
      { what: "Review, now available", points: 50, bucket: "available" },
      { what: "Review", points: 50, bucket: "pending" },
    ]);
    expect(await db.loyaltyEntry.count({ where: { shop, accountId: account.id } })).toBe(3);
    expect(await ledgerTotals(shop, account.id)).toEqual({ available: 50, pending: 0 });
  });

  it("compares repeat purchases of members and non-members over the last 12 months", async () => {
    const shop = await installedShop();
    let n = 0;
    const order = (customerId: string, daysAgo: number, cancelled = false) =>
      db.order.create({
        data: {
          shop,
          shopifyId: String(4_400_000 + ++n),
          name: `#${n}`,
          customerId,
          placedAt: new Date(Date.now() - daysAgo * DAY),
          cancelledAt: cancelled ? new Date() : null,
        },
      });
    const [a, b, c, d, e, f] = await Promise.all(Array.from({ length: 6 }, () => customer(shop)));
    for (const member of [a, b]) await ensureAccount(shop, member.shopifyId!);
    // Members: a ordered twice, b once. Non-members: c twice, d and e once; f's second order is over a year
    // old and a cancelled one does not count, so f ordered once.
    for (const [who, daysAgo, cancelled] of [
      [a, 10],
      [a, 200],
      [b, 30],
      [c, 5],
      [c, 90],
      [d, 40],
      [e, 60],
      [f, 20],
      [f, 400],
      [f, 25, true],
    ] as const)
      await order(who.id, daysAgo, cancelled);
    const repeatCards = async () => {
      const figures = await jsonOf<{ cards: { label: string; value: string }[] }>(async () =>
        homeLoader(loaderArgs(await adminPageRequest(shop, "/app/loyalty"))),
      );
      return figures.cards.filter((card) => card.label.startsWith("Repeat purchases")).map((card) => card.value);
    };
    expect(await repeatCards()).toEqual(["50%", "25%"]);

    // Kept from that count (it reads a year of orders) until the daily sweep counts again.
    await order(b.id, 3);
    expect(await repeatCards()).toEqual(["50%", "25%"]);
    await sweepShop(shop);
    expect(await repeatCards()).toEqual(["100%", "25%"]);
  });

  it("saves earning rules and tiers, with field errors for a bad tier ladder", async () => {
    const shop = await installedShop();
    const fields = {
      enabled: "true",
      pointsPerCurrencyUnit: "2",
      includeShipping: "false",
      includeTax: "false",
      returnWindowDays: "30",
      reviewPoints: "40",
      photoBonusPoints: "20",
      signupPoints: "0",
      birthdayPoints: "50",
      dailyCapPoints: "300",
      expiryDays: "",
      tierBasis: "spend",
      tierWindow: "calendar",
      tier0Name: "Silver",
      tier0Threshold: "1000",
      tier0Multiplier: "1.5",
      tier1Name: "Gold",
      tier1Threshold: "500",
      tier1Multiplier: "2",
    };
    const bad = await responseOf(async () =>
      settingsAction(actionArgs(await adminFormPost(shop, "/app/loyalty/settings", fields))),
    );
    expect(bad.status).toBe(422);
    expect((await bad.json()).fieldErrors["tiers.1.threshold"]).toMatch(/higher threshold/);
    const good = await responseOf(async () =>
      settingsAction(
        actionArgs(await adminFormPost(shop, "/app/loyalty/settings", { ...fields, tier1Threshold: "5000" })),
      ),
    );
    expect(good.status).toBe(200);
    const row = await db.loyaltySettings.findFirstOrThrow({ where: { shop } });
    expect(row).toMatchObject({ pointsPerCurrencyUnit: 2, expiryDays: null, tierBasis: "spend" });
    expect(JSON.parse(row.tiers).map((t: { key: string }) => t.key)).toEqual(["silver", "gold"]);
  });

  it("adds a reward and explains what is missing", async () => {
    const shop = await installedShop();
    const missing = await responseOf(async () =>
      rewardsAction(
        actionArgs(
          await adminFormPost(shop, "/app/loyalty/rewards", {
            name: "Ten off",
            kind: "fixed_amount",
            pointsCost: "100",
            amount: "",
          }),
        ),
      ),
    );
    expect(missing.status).toBe(422);
    expect((await missing.json()).fieldErrors.amount).toMatch(/Amount off/);
    const ok = await responseOf(async () =>
      rewardsAction(
        actionArgs(
          await adminFormPost(shop, "/app/loyalty/rewards", {
            name: "Ten off",
            kind: "fixed_amount",
            pointsCost: "100",
            amount: "10",
          }),
        ),
      ),
    );
    expect(ok.status).toBe(200);
    expect(await db.loyaltyReward.count({ where: { shop } })).toBe(1);
  });
});

describe("importing balances", () => {
  it("imports Stamped's columns and plain email,points as opening balances, and adds nothing the second time", async () => {
    const shop = await installedShop();
    const a = await customer(shop, { email: "anna@example.se" });
    await customer(shop, { email: "bengt@example.se" });
    const stamped =
      "\uFEFFfirst_name,last_name,email,points,birthday,vip_tier\nAnna,Berg,Anna@Example.se,1200,1990-04-17,Gold\nX,Y,nobody@example.se,50,,\nZ,Z,not-an-email,5,,\n";
    const first = await importBalances(shop, stamped);
    expect(first).toMatchObject({ ok: true, report: { layout: "stamped", imported: 1, pointsImported: 1200 } });
    if (!first.ok) return;
    expect(first.report.rejected.map((r) => r.line)).toEqual([3, 4]);
    const again = await importBalances(shop, stamped);
    expect(again).toMatchObject({ ok: true, report: { imported: 0, alreadyImported: 1 } });
    const account = await db.loyaltyAccount.findFirstOrThrow({ where: { shop, customerId: a.shopifyId! } });
    expect(account).toMatchObject({ availablePoints: 1200, tier: "gold", birthday: "04-17" });

    const plain = await importBalances(shop, "email,points\nbengt@example.se,300\nbengt@example.se,999\n");
    expect(plain).toMatchObject({ ok: true, report: { layout: "plain", imported: 1, pointsImported: 300 } });
    expect((await importBalances(shop, "name,score\nx,1\n")).ok).toBe(false);
  });
});

describe("the daily sweep", () => {
  it("warns 30 and 7 days before points expire, then expires them, and never pending points", async () => {
    const shop = await installedShop();
    await saveLoyaltyProgram(shop, { ...DEFAULT_PROGRAM, expiryDays: 100 });
    const person = await customer(shop, { email: "cecilia@example.se", firstName: "Cecilia" });
    // The emails go out now (the jobs run on the real clock), a few days before the points expire.
    const start = new Date(Date.now() - 96 * DAY);
    const { id } = await ensureAccount(shop, person.shopifyId!);
    await adjustPoints(shop, id, { points: 400, reason: "Opening", requestId: requestId() }, start);
    await db.loyaltyAccount.update({ where: { id }, data: { lastActivityAt: start, pendingPoints: 0 } });

    const warnAt = new Date(start.getTime() + 75 * DAY);
    expect(await sweepShop(shop, warnAt)).toMatchObject({ warned: 1, lastChance: 0, expired: 0 });
    expect(await sweepShop(shop, warnAt)).toMatchObject({ warned: 0 });
    const lastAt = new Date(start.getTime() + 95 * DAY);
    expect(await sweepShop(shop, lastAt)).toMatchObject({ lastChance: 1 });
    await drainJobs(jobDefinitions);
    const subjects = (await db.emailMessage.findMany({ where: { shop, kind: { startsWith: "loyalty_" } } })).map(
      (m) => m.subject,
    );
    expect(subjects).toEqual(
      expect.arrayContaining([expect.stringMatching(/points expire on/), expect.stringMatching(/^Last chance/)]),
    );

    expect(await sweepShop(shop, new Date(start.getTime() + 101 * DAY))).toMatchObject({ expired: 1 });
    expect(await ledgerTotals(shop, id)).toEqual({ available: 0, pending: 0 });
    const expiry = await db.loyaltyEntry.findFirstOrThrow({ where: { shop, kind: "expire" } });
    expect(expiry.points).toBe(-400);
  });

  it("does not send an expiry email whose date has passed (held while the shop was uninstalled)", async () => {
    const shop = await installedShop();
    const person = await customer(shop, { email: "dag@example.se" });
    const { id } = await ensureAccount(shop, person.shopifyId!);
    const outcome = await sendMemberEmail({
      shop,
      accountId: id,
      kind: "expiry_warning",
      key: "2026-01-01T00:00:00.000Z",
      points: 100,
      expiresAt: new Date(Date.now() - DAY).toISOString(),
    });
    expect(outcome).toEqual({ status: "skipped", reason: "date passed" });
    expect(await db.capturedEmail.count({ where: { envelopeTo: "dag@example.se" } })).toBe(0);
  });

  it("mirrors the balance and tier to the customer's metafields", async () => {
    const shop = await installedShop();
    const person = await customer(shop);
    const { id } = await ensureAccount(shop, person.shopifyId!);
    await adjustPoints(shop, id, { points: 250, reason: "Opening", requestId: requestId() });
    await drainJobs(jobDefinitions, { now: new Date(Date.now() + 20_000) });
    const call = await db.adminApiCall.findFirstOrThrow({ where: { shop, operation: "MetafieldsSetMutation" } });
    const metafields = JSON.parse(call.variables).metafields;
    expect(metafields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ownerId: `gid://shopify/Customer/${person.shopifyId}`,
          namespace: "$app:loyalty",
          key: "points",
          value: "250",
        }),
        expect.objectContaining({ key: "tier", value: "Member" }),
      ]),
    );
    expect(JSON.parse(call.response).data.metafieldsSet.userErrors).toEqual([]);
  });

  it("sends nothing and mirrors nothing while the shop is uninstalled, and catches up after a reinstall", async () => {
    const shop = await installedShop();
    const person = await customer(shop);
    const { id } = await ensureAccount(shop, person.shopifyId!);
    await adjustPoints(shop, id, { points: 250, reason: "Opening", requestId: requestId() });
    const uninstalledAt = new Date();
    await db.shop.update({ where: { shop }, data: { uninstalledAt } });
    await drainJobs(jobDefinitions, { now: new Date(Date.now() + 20_000) });
    expect(await db.adminApiCall.count({ where: { shop } })).toBe(0);
    const held = await db.job.findFirstOrThrow({ where: { shop, type: "loyalty.mirror-balance" } });
    expect(held.status).toBe("cancelled");

    await markShopInstalled(shop, db, new Date(uninstalledAt.getTime() + 1_000));
    await drainJobs(jobDefinitions, { now: new Date(Date.now() + 40_000) });
    expect(await db.adminApiCall.count({ where: { shop, operation: "MetafieldsSetMutation" } })).toBe(1);
  });
});
