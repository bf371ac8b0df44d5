// The loyalty module's background work. Jobs that act for a shop towards Shopify or its members (codes,
// metafields, emails) first check that the shop is still installed.
import { z } from "zod";
import db from "../../db.server";
import { defineJob, enqueueJob } from "../jobs";
import { defineWebhookJob } from "../webhooks";
import { requireInstalledShop } from "../shops";
import { loyaltyFactsForReviews } from "../reviews";
import { setCustomerLoyaltyMetafields } from "../shopify";
import {
  creditPaidOrder,
  creditSignup,
  matureCredit,
  reconcileReviewCredit,
  reverseOrderRefund,
} from "./earning.server";
import { LOYALTY_JOBS } from "./job-types";
import { MemberEmailJobSchema, sendMemberEmail } from "./member-emails.server";
import { OrderPaidPayloadSchema, RefundForLoyaltySchema, refundedEligibleCents } from "./payloads";
import { finishRedemption } from "./redemption.server";
import { getLoyaltyProgram } from "./program.server";
import { tierByKey } from "./program";
import { shopsWithMembers, sweepShop } from "./sweeps.server";

const DAY_MS = 86_400_000;
const ShopSchema = z.string().min(1);

export const orderPaidJob = defineWebhookJob({
  topic: "ORDERS_PAID",
  installedShopsOnly: true,
  payloadSchema: OrderPaidPayloadSchema,
  async handle(order, ctx) {
    const outcome = await creditPaidOrder(ctx.shop, {
      orderId: order.id,
      customerId: order.customer?.id ?? null,
      subtotalCents: order.current_subtotal_price,
      shippingCents: order.total_shipping_price_set?.shop_money.amount ?? 0,
      taxCents: order.current_total_tax ?? order.total_tax ?? 0,
      paidAt: new Date(order.processed_at ?? order.created_at),
    });
    ctx.log.debug({ orderShopifyId: order.id, outcome }, "orders/paid credited");
  },
});

export const refundCreatedJob = defineJob({
  type: LOYALTY_JOBS.refundCreated,
  schema: z.object({ shop: ShopSchema, refund: RefundForLoyaltySchema }),
  async run({ shop, refund }, ctx) {
    const program = await getLoyaltyProgram(shop);
    const outcome = await reverseOrderRefund(shop, {
      orderId: refund.orderShopifyId,
      refundId: refund.refundId,
      refundedCents: refundedEligibleCents(refund, program),
    });
    ctx.log.debug({ refundId: refund.refundId, outcome }, "refund reversed on the ledger");
  },
});

export const customerCreatedJob = defineJob({
  type: LOYALTY_JOBS.customerCreated,
  schema: z.object({ shop: ShopSchema, customerShopifyId: z.string().regex(/^\d{1,20}$/) }),
  async run({ shop, customerShopifyId }, ctx) {
    const outcome = await creditSignup(shop, customerShopifyId);
    ctx.log.debug({ outcome }, "sign-up points");
  },
});

export const reviewChangedJob = defineJob({
  type: LOYALTY_JOBS.reviewChanged,
  schema: z.object({ shop: ShopSchema, customerId: z.string().nullable(), productShopifyId: z.string().min(1) }),
  async run({ shop, customerId, productShopifyId }, ctx) {
    if (!customerId) return;
    const facts = await loyaltyFactsForReviews(shop, customerId, productShopifyId);
    const outcome = await reconcileReviewCredit(shop, facts);
    ctx.log.debug({ outcome }, "review credit reconciled");
  },
});

export const matureCreditJob = defineJob({
  type: LOYALTY_JOBS.matureCredit,
  schema: z.object({ shop: ShopSchema, accountId: z.string().min(1), ref: z.string().min(1) }),
  async run({ shop, accountId, ref }) {
    await matureCredit(shop, accountId, ref);
  },
});

export const finishRedemptionJob = defineJob({
  type: LOYALTY_JOBS.finishRedemption,
  schema: z.object({ shop: ShopSchema, redemptionId: z.string().min(1) }),
  maxAttempts: 8,
  async run({ shop, redemptionId }, ctx) {
    // No code can be made for a shop that is not installed: the job is cancelled with the redemption still
    // pending (its points held, not lost); a reinstall resumes it, and it finds or makes the code, or gives the
    // points back. A shop that never comes back is redacted with its members.
    await requireInstalledShop(shop);
    const graphql = await ctx.adminGraphql(shop);
    const result = await finishRedemption(shop, redemptionId, graphql, { lastAttempt: ctx.attempt >= 8 });
    if (result.status === "pending") throw new Error("The reward code is not confirmed yet; trying again.");
  },
});

export const mirrorBalanceJob = defineJob({
  type: LOYALTY_JOBS.mirrorBalance,
  schema: z.object({ shop: ShopSchema, accountId: z.string().min(1) }),
  async run({ shop, accountId }, ctx) {
    await requireInstalledShop(shop);
    const account = await db.loyaltyAccount.findFirst({ where: { shop, id: accountId } });
    // A redacted member has no customer in Shopify any more to mirror onto.
    if (!account || account.redactedAt) return;
    const program = await getLoyaltyProgram(shop);
    const graphql = await ctx.adminGraphql(shop);
    await setCustomerLoyaltyMetafields(graphql, shop, {
      customerId: account.customerId,
      points: account.availablePoints,
      pendingPoints: account.pendingPoints,
      tier: tierByKey(program, account.tier).name,
    });
    ctx.log.debug({ accountId }, "balance mirrored to the customer's metafields");
  },
});

export const memberEmailJob = defineJob({
  type: LOYALTY_JOBS.memberEmail,
  schema: MemberEmailJobSchema,
  async run(payload, ctx) {
    const outcome = await sendMemberEmail(payload);
    if (outcome.status === "failed" && !outcome.permanent) throw new Error(`Member email not sent: ${outcome.error}`);
    ctx.log.info({ kind: payload.kind, status: outcome.status }, "member email");
  },
});

/** One run per shop and day: expiry, its emails, birthdays, tiers. */
export const shopSweepJob = defineJob({
  type: LOYALTY_JOBS.shopSweep,
  schema: z.object({ shop: ShopSchema }),
  async run({ shop }) {
    await requireInstalledShop(shop);
    await sweepShop(shop);
  },
});

function nextSweepAt(now: Date): Date {
  // 03:30 UTC, after the jobs prune.
  const slot = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 3, 30));
  return slot > now ? slot : new Date(slot.getTime() + DAY_MS);
}

async function scheduleDailySweep(now: Date = new Date()): Promise<{ created: boolean }> {
  const runAt = nextSweepAt(now);
  return enqueueJob({
    type: LOYALTY_JOBS.dailySweep,
    shop: null,
    payload: {},
    runAt,
    uniqueKey: `${LOYALTY_JOBS.dailySweep}@${runAt.toISOString().slice(0, 10)}`,
    priority: -1,
  });
}

export const dailySweepJob = defineJob({
  type: LOYALTY_JOBS.dailySweep,
  schema: z.object({}).strict(),
  async run() {
    await scheduleDailySweep(new Date(Date.now() + 60_000));
    const day = new Date().toISOString().slice(0, 10);
    for (const shop of await shopsWithMembers()) {
      await enqueueJob({
        type: LOYALTY_JOBS.shopSweep,
        shop,
        payload: { shop },
        uniqueKey: `${LOYALTY_JOBS.shopSweep}:${shop}@${day}`,
      });
    }
  },
  onWorkerStart: async () => {
    await scheduleDailySweep();
  },
});

export const loyaltyJobs = [
  orderPaidJob,
  refundCreatedJob,
  customerCreatedJob,
  reviewChangedJob,
  matureCreditJob,
  finishRedemptionJob,
  mirrorBalanceJob,
  memberEmailJob,
  shopSweepJob,
  dailySweepJob,
];
