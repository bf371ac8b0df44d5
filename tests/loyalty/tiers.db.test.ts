// VIP tiers and the emails that follow a member's points: promotion by points earned or by amount spent, over a
// rolling 12 months or the calendar year; a tier change is an entry in the member's history and an email;
// spending points never moves a member down, only earnings leaving the window do (the daily sweep). A reward
// code with an expiry gets a reminder email before it lapses.
import db from "~/db.server";
import { jobDefinitions } from "~/jobs.server";
import { drainJobs } from "~/modules/jobs";
import { createStandInGraphql } from "~/modules/demo";
import {
  checkLedger,
  creditPaidOrder,
  DEFAULT_PROGRAM,
  matureCredit,
  redeemReward,
  saveLoyaltyProgram,
  saveReward,
  sweepShop,
  type LoyaltyProgram,
} from "~/modules/loyalty";
import { captureEmailDuringTests } from "../support/smtp";
import { adminOptions, customer, loyaltyShop, requestId } from "./support";

captureEmailDuringTests();
const DAY = 86_400_000;
let orderSequence = 0;

const LADDER: LoyaltyProgram["tiers"] = [
  { key: "silver", name: "Silver", threshold: 500, multiplier: 1.25 },
  { key: "gold", name: "Gold", threshold: 1500, multiplier: 1.5 },
];

async function memberOf(program: Partial<LoyaltyProgram> = {}, locale = "en") {
  const shop = await loyaltyShop();
  await saveLoyaltyProgram(shop, { ...DEFAULT_PROGRAM, tiers: LADDER, ...program });
  const person = await customer(shop, { email: `vip${Date.now()}${orderSequence}@example.se`, locale });
  return { shop, customerId: person.shopifyId!, email: person.email! };
}

/** A paid order of `kronor` (after discounts), credited at `at`, and matured after the return window. */
async function paidOrder(shop: string, customerId: string, kronor: number, at: Date, mature = true) {
  orderSequence += 1;
  const orderId = String(6_100_000_000 + orderSequence);
  const credited = await creditPaidOrder(
    shop,
    { orderId, customerId, subtotalCents: kronor * 100, shippingCents: 0, taxCents: 0, paidAt: at },
    at,
  );
  if (credited.status !== "credited") throw new Error(JSON.stringify(credited));
  if (mature) await matureCredit(shop, credited.accountId, `order:${orderId}`, new Date(at.getTime() + 15 * DAY));
  return credited;
}

/** Saves a reward and redeems it for the member through the stand-in. */
async function redeem(shop: string, customerId: string, reward: Record<string, string>) {
  const saved = await saveReward(shop, reward);
  if (!saved.ok) throw new Error(JSON.stringify(saved.fieldErrors));
  return redeemReward(
    shop,
    { customerId, rewardId: saved.reward.id, requestId: requestId() },
    createStandInGraphql(shop),
    { admin: adminOptions() },
  );
}

const account = (shop: string, customerId: string) =>
  db.loyaltyAccount.findUniqueOrThrow({ where: { shop_customerId: { shop, customerId } } });

const tierEntries = async (shop: string) =>
  (await db.loyaltyEntry.findMany({ where: { shop, kind: "tier" }, orderBy: { createdAt: "asc" } })).map((e) => ({
    points: e.points,
    note: e.note,
  }));

async function subjectsTo(email: string): Promise<string[]> {
  await drainJobs(jobDefinitions, { now: new Date(Date.now() + 60_000) });
  return (await db.capturedEmail.findMany({ where: { envelopeTo: email }, orderBy: { receivedAt: "asc" } })).map(
    (m) => m.subject,
  );
}

describe("VIP tiers", () => {
  it("moves a member up when their points earned reach a tier: an entry, an email, and the tier's multiplier", async () => {
    const { shop, customerId, email } = await memberOf();
    const now = new Date(Date.now() - 20 * DAY);
    await paidOrder(shop, customerId, 400, now);
    expect((await account(shop, customerId)).tier).toBe("member");
    await paidOrder(shop, customerId, 200, new Date(now.getTime() + DAY));
    expect(await account(shop, customerId)).toMatchObject({ tier: "silver", availablePoints: 600 });
    expect(await tierEntries(shop)).toEqual([{ points: 0, note: "Member → Silver" }]);
    expect(await subjectsTo(email)).toEqual(["You're now Silver at Lind & Co"]);

    // Silver earns ×1.25 on the next order.
    expect(await paidOrder(shop, customerId, 100, new Date(now.getTime() + 2 * DAY), false)).toMatchObject({
      points: 125,
    });
    expect(await checkLedger(shop)).toMatchObject({ mismatches: 0, overdrafts: 0 });
  });

  it("never moves a member down for spending their points", async () => {
    const { shop, customerId } = await memberOf();
    await paidOrder(shop, customerId, 600, new Date(Date.now() - 20 * DAY));
    const redeemed = await redeem(shop, customerId, {
      name: "100 kr off",
      kind: "fixed_amount",
      pointsCost: "500",
      amount: "100",
    });
    expect(redeemed.status).toBe("issued");
    expect(await account(shop, customerId)).toMatchObject({ tier: "silver", availablePoints: 100 });
    await sweepShop(shop);
    expect((await account(shop, customerId)).tier).toBe("silver");
  });

  it("moves a member down in the daily sweep once their points leave the rolling 12 months, and says so", async () => {
    // Points that never expire, so only the tier moves.
    const { shop, customerId, email } = await memberOf({ expiryDays: null }, "sv-SE");
    await paidOrder(shop, customerId, 700, new Date(Date.now() - 400 * DAY));
    expect((await account(shop, customerId)).tier).toBe("silver");
    expect(await sweepShop(shop)).toMatchObject({ tiersSettled: 1 });
    const after = await account(shop, customerId);
    // The points stay; only the tier, earned by points from more than a year ago, goes.
    expect(after).toMatchObject({ tier: "member", availablePoints: 700 });
    expect(await tierEntries(shop)).toEqual([
      { points: 0, note: "Member → Silver" },
      { points: 0, note: "Silver → Member" },
    ]);
    expect(await subjectsTo(email)).toEqual(["Du är nu Silver hos Lind & Co", "Din nivå hos Lind & Co har ändrats"]);
  });

  it("counts the amount spent in the calendar year when the shop tiers by spend", async () => {
    const { shop, customerId } = await memberOf({
      tierBasis: "spend",
      tierWindow: "calendar",
      tiers: [{ key: "silver", name: "Silver", threshold: 1000, multiplier: 1.25 }],
    });
    const year = new Date().getUTCFullYear();
    // Spend counts when paid, before the return window is over.
    await paidOrder(shop, customerId, 800, new Date(Date.UTC(year - 1, 11, 20)), false);
    await paidOrder(shop, customerId, 300, new Date(Date.UTC(year, 0, 2)), false);
    expect((await account(shop, customerId)).tier).toBe("member");
    await paidOrder(shop, customerId, 750, new Date(Date.UTC(year, 0, 3)), false);
    expect((await account(shop, customerId)).tier).toBe("silver");
    // A new calendar year starts from nothing.
    await sweepShop(shop, new Date(Date.UTC(year + 1, 0, 2, 4)));
    expect((await account(shop, customerId)).tier).toBe("member");
  });

  it("refuses a fifth tier", async () => {
    const shop = await loyaltyShop();
    const five = Array.from({ length: 5 }, (_, i) => ({
      key: `t${i + 1}`,
      name: `Tier ${i + 1}`,
      threshold: (i + 1) * 100,
      multiplier: 1,
    }));
    const saved = await saveLoyaltyProgram(shop, { ...DEFAULT_PROGRAM, tiers: five });
    expect(saved).toMatchObject({ ok: false, fieldErrors: { tiers: "Up to 4 tiers." } });
  });
});

describe("a reward code with an expiry", () => {
  it("is emailed to the member three days before it lapses, with the code", async () => {
    const { shop, customerId, email } = await memberOf();
    await paidOrder(shop, customerId, 400, new Date(Date.now() - 20 * DAY));
    const redeemed = await redeem(shop, customerId, {
      name: "Free shipping",
      kind: "free_shipping",
      pointsCost: "300",
      codeExpiryDays: "30",
    });
    if (redeemed.status !== "issued") throw new Error(JSON.stringify(redeemed));
    const reminder = await db.job.findFirstOrThrow({ where: { shop, type: "loyalty.member-email" } });
    const endsAt = (await db.redemption.findFirstOrThrow({ where: { shop } })).endsAt!;
    expect(reminder.runAt.getTime()).toBe(endsAt.getTime() - 3 * DAY);

    await drainJobs(jobDefinitions, { now: new Date(Date.now() + 26 * DAY) });
    expect(await db.capturedEmail.count({ where: { envelopeTo: email } })).toBe(0);
    await drainJobs(jobDefinitions, { now: new Date(reminder.runAt.getTime() + 60_000) });
    const [sent] = await db.capturedEmail.findMany({ where: { envelopeTo: email } });
    expect(sent.subject).toMatch(new RegExp(`^Your discount code ${redeemed.code} expires on `));
    expect(sent.text).toContain(`Your reward code ${redeemed.code} is valid until`);
  });
});
