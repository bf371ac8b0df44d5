// The demo's loyalty programme: rewards, and members whose histories the app would have written over the demo's
// six months: order points that matured after the return window (the latest still pending), review points,
// redemptions into codes held by the stand-in, tier changes, a few birthdays, and points that expired.
// Everything goes through the loyalty module's own functions with the event's time, so the ledger is real.
import db from "../../db.server";
import {
  creditPaidOrder,
  DEFAULT_PROGRAM,
  matureCredit,
  reconcileReviewCredit,
  redeemReward,
  saveLoyaltyProgram,
  saveReward,
  setMemberBirthday,
  sweepShop,
} from "../loyalty";
import { loyaltyFactsForReviews } from "../reviews";
import type { DemoSeedStep } from "./seed.server";
import { createStandInGraphql } from "./standin.server";

const DAY = 86_400_000;
const MEMBERS = 40;

export const loyaltyStep: DemoSeedStep = {
  name: "loyalty",
  async run({ shop, now }) {
    // A shorter expiry than the default year, so the six months of history include points that expired.
    await saveLoyaltyProgram(shop, {
      ...DEFAULT_PROGRAM,
      expiryDays: 120,
      tiers: [
        { key: "silver", name: "Silver", threshold: 800, multiplier: 1.25 },
        { key: "gold", name: "Gold", threshold: 2500, multiplier: 1.5 },
        { key: "platinum", name: "Platinum", threshold: 6000, multiplier: 2 },
      ],
    });
    const rewards = [];
    for (const input of [
      { name: "Free shipping", kind: "free_shipping", pointsCost: "300", codeExpiryDays: "60" },
      { name: "100 kr off", kind: "fixed_amount", pointsCost: "500", amount: "100", codeExpiryDays: "90" },
      { name: "15% off", kind: "percentage", pointsCost: "1200", percentage: "15", minimumSubtotal: "500" },
    ]) {
      const saved = await saveReward(shop, input);
      if (saved.ok) rewards.push(saved.reward);
    }

    const customers = await db.customer.findMany({
      where: { shop, shopifyId: { not: null }, email: { not: null } },
      orderBy: { createdAt: "asc" },
      take: MEMBERS,
      select: { id: true, shopifyId: true },
    });
    const graphql = createStandInGraphql(shop);
    for (const [index, customer] of customers.entries()) {
      const customerId = customer.shopifyId as string;
      const orders = await db.order.findMany({
        where: { shop, customerId: customer.id, cancelledAt: null },
        orderBy: { placedAt: "asc" },
      });
      for (const order of orders) {
        await creditPaidOrder(
          shop,
          {
            orderId: order.shopifyId,
            customerId,
            subtotalCents: order.totalPriceCents,
            shippingCents: 0,
            taxCents: 0,
            paidAt: order.placedAt,
          },
          order.placedAt,
        );
        const matures = new Date(order.placedAt.getTime() + DEFAULT_PROGRAM.returnWindowDays * DAY);
        const account = await db.loyaltyAccount.findFirst({ where: { shop, customerId }, select: { id: true } });
        if (account && matures < now) await matureCredit(shop, account.id, `order:${order.shopifyId}`, matures);
      }
      const reviewed = await db.review.findMany({
        where: { shop, customerId: customer.id },
        select: { productShopifyId: true, createdAt: true },
      });
      for (const review of reviewed) {
        await reconcileReviewCredit(
          shop,
          await loyaltyFactsForReviews(shop, customer.id, review.productShopifyId),
          review.createdAt,
        );
      }
      if (index % 7 === 0)
        await setMemberBirthday(
          shop,
          customerId,
          `${String((index % 12) + 1).padStart(2, "0")}-1${index % 9}`,
          new Date(now.getTime() - 200 * DAY),
        );
      // Every third member has redeemed once, some time after their points matured.
      const account = await db.loyaltyAccount.findFirst({
        where: { shop, customerId },
        select: { availablePoints: true, lastActivityAt: true },
      });
      const affordable = rewards.filter((r) => account && r.pointsCost <= account.availablePoints);
      if (account && index % 3 === 0 && affordable.length) {
        const at = new Date(Math.min(now.getTime() - DAY, account.lastActivityAt.getTime() + 10 * DAY));
        await redeemReward(
          shop,
          { customerId, rewardId: affordable[index % affordable.length].id, requestId: `demo-redeem-${customerId}` },
          graphql,
          { now: at },
        );
      }
    }
    // The ledger opens an account when it first credits it, dated by the clock; the seed credits history with
    // its own dates, so a member "joins" at their first entry, not on the day the seed ran.
    const firstEntries = await db.loyaltyEntry.groupBy({
      by: ["accountId"],
      where: { shop },
      _min: { createdAt: true },
    });
    for (const first of firstEntries) {
      if (first._min.createdAt)
        await db.loyaltyAccount.update({ where: { id: first.accountId }, data: { createdAt: first._min.createdAt } });
    }
    await sweepShop(shop, now);
  },
};
