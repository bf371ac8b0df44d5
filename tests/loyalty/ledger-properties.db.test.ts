// Property-based: whatever sequence of operations members go through (earning, maturing, refunds, redemptions
// with Shopify failing at random, adjustments, expiry), run one after another or all at once, every balance equals
// the sum of its entries and never goes below zero.
import fc from "fast-check";
import db from "~/db.server";
import {
  adjustPoints,
  checkLedger,
  creditPaidOrder,
  ensureAccount,
  ledgerTotals,
  matureCredit,
  redeemReward,
  reverseOrderRefund,
  saveReward,
  sweepShop,
  saveLoyaltyProgram,
  DEFAULT_PROGRAM,
} from "~/modules/loyalty";
import { adminOptions, faultyGateway, loyaltyShop, requestId, type Fault } from "./support";

const Operation = fc.oneof(
  fc.record({
    op: fc.constant("order" as const),
    member: fc.nat(2),
    order: fc.nat(5),
    cents: fc.integer({ min: 0, max: 200_000 }),
  }),
  fc.record({ op: fc.constant("mature" as const), member: fc.nat(2), order: fc.nat(5) }),
  fc.record({
    op: fc.constant("refund" as const),
    member: fc.nat(2),
    order: fc.nat(5),
    refund: fc.nat(3),
    cents: fc.integer({ min: 0, max: 250_000 }),
  }),
  fc.record({
    op: fc.constant("redeem" as const),
    member: fc.nat(2),
    retryOf: fc.option(fc.nat(3), { nil: undefined }),
    fault: fc.constantFrom<Fault | "none">("none", "none", "user_error", "timeout_after_success", "server_error"),
  }),
  fc.record({
    op: fc.constant("adjust" as const),
    member: fc.nat(2),
    points: fc.integer({ min: -3000, max: 3000 }).filter((n) => n !== 0),
  }),
  fc.record({ op: fc.constant("expire" as const) }),
);
type Op = typeof Operation extends fc.Arbitrary<infer T> ? T : never;

async function setUp() {
  const shop = await loyaltyShop();
  await saveLoyaltyProgram(shop, { ...DEFAULT_PROGRAM, expiryDays: 60 });
  const saved = await saveReward(shop, { name: "50 kr off", kind: "fixed_amount", pointsCost: "400", amount: "50" });
  if (!saved.ok) throw new Error("reward");
  const members = await Promise.all(
    ["7600000001", "7600000002", "7600000003"].map(async (customerId) => ({
      customerId,
      ...(await ensureAccount(shop, customerId)),
    })),
  );
  return { shop, rewardId: saved.reward.id, members, gateway: faultyGateway(shop), requests: [] as string[] };
}

async function apply(ctx: Awaited<ReturnType<typeof setUp>>, op: Op, step: number): Promise<void> {
  const { shop } = ctx;
  const member = "member" in op ? ctx.members[op.member] : ctx.members[0];
  const orderId = "order" in op ? `${op.member}${op.order}` : "0";
  switch (op.op) {
    case "order":
      await creditPaidOrder(shop, {
        orderId,
        customerId: member.customerId,
        subtotalCents: op.cents,
        shippingCents: 0,
        taxCents: 0,
        paidAt: new Date(),
      });
      return;
    case "mature":
      await matureCredit(shop, member.id, `order:${orderId}`);
      return;
    case "refund":
      await reverseOrderRefund(shop, { orderId, refundId: `${orderId}${op.refund}`, refundedCents: op.cents });
      return;
    case "redeem": {
      const id = op.retryOf !== undefined && ctx.requests[op.retryOf] ? ctx.requests[op.retryOf] : requestId();
      ctx.requests.push(id);
      if (op.fault !== "none") ctx.gateway.faults.push(op.fault);
      await redeemReward(shop, { customerId: member.customerId, rewardId: ctx.rewardId, requestId: id }, ctx.gateway, {
        admin: adminOptions(),
      });
      return;
    }
    case "adjust":
      await adjustPoints(shop, member.id, {
        points: op.points,
        reason: "Property test",
        requestId: `prop-${step}-${Math.random().toString(36).slice(2)}`,
      });
      return;
    case "expire":
      await sweepShop(shop, new Date(Date.now() + 90 * 86_400_000));
      return;
  }
}

async function expectLedgerRight(ctx: Awaited<ReturnType<typeof setUp>>) {
  expect(await checkLedger(ctx.shop)).toMatchObject({ mismatches: 0, overdrafts: 0 });
  for (const member of ctx.members) {
    const totals = await ledgerTotals(ctx.shop, member.id);
    const row = await db.loyaltyAccount.findUniqueOrThrow({ where: { id: member.id } });
    expect(totals).toEqual({ available: row.availablePoints, pending: row.pendingPoints });
    expect(totals.available).toBeGreaterThanOrEqual(0);
    expect(totals.pending).toBeGreaterThanOrEqual(0);
  }
  // One code per redemption that was issued, never two for one request.
  const issued = await db.redemption.count({ where: { shop: ctx.shop, status: "issued" } });
  const { standInDiscountCodes } = await import("~/modules/demo/standin.server");
  expect((await standInDiscountCodes(ctx.shop)).length).toBe(issued);
}

describe("the ledger under random operations", () => {
  it("keeps balance == sum(entries) >= 0 when operations run one after another", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(Operation, { minLength: 1, maxLength: 25 }), async (ops) => {
        const ctx = await setUp();
        for (const [step, op] of ops.entries()) await apply(ctx, op, step);
        await expectLedgerRight(ctx);
      }),
      { numRuns: 25 },
    );
  });

  it("keeps balance == sum(entries) >= 0 when operations run all at once", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(Operation, { minLength: 2, maxLength: 30 }), async (ops) => {
        const ctx = await setUp();
        await Promise.all(ops.map((op, step) => apply(ctx, op, step)));
        await expectLedgerRight(ctx);
      }),
      { numRuns: 15 },
    );
  });
});
