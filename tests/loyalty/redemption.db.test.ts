// Redeeming points: one code per request however often it is sent, bound to the member, single use; the points
// come back when Shopify refuses; faults at the gateway (userErrors, throttling, 5xx, a timeout after Shopify made
// the code) leave the ledger right. Every variable the gateway sends is checked against the pinned Admin schema.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import {
  buildClientSchema,
  getVariableValues,
  Kind,
  parse,
  type IntrospectionQuery,
  type OperationDefinitionNode,
} from "graphql";
import db from "~/db.server";
import { drainJobs } from "~/modules/jobs";
import { markShopInstalled } from "~/modules/shops";
import { jobDefinitions } from "~/jobs.server";
import { ADMIN_API_VERSION } from "~/shopify.server";
import { standInDiscountCodes } from "~/modules/demo/standin.server";
import {
  adjustPoints,
  checkLedger,
  ensureAccount,
  finishRedemption,
  ledgerTotals,
  redeemReward,
  saveReward,
  type RedeemResult,
} from "~/modules/loyalty";
import { adminOptions, customer, faultyGateway, loyaltyShop, requestId, type FaultyGateway } from "./support";

const schema = buildClientSchema(
  (
    JSON.parse(
      gunzipSync(
        readFileSync(path.join(process.cwd(), `tests/fixtures/shopify/admin_${ADMIN_API_VERSION}.json.gz`)),
      ).toString("utf8"),
    ) as { data: IntrospectionQuery }
  ).data,
);

/** The variables of every call the gateway sent were accepted by the real schema. */
async function expectCallsValid(shop: string) {
  const calls = await db.adminApiCall.findMany({ where: { shop } });
  expect(calls.length).toBeGreaterThan(0);
  const { DiscountCodeBasicCreateMutation } =
    await import("~/modules/shopify/operations/DiscountCodeBasicCreateMutation");
  const { DiscountCodeFreeShippingCreateMutation } =
    await import("~/modules/shopify/operations/DiscountCodeFreeShippingCreateMutation");
  const { CodeDiscountNodeByCodeQuery } = await import("~/modules/shopify/operations/CodeDiscountNodeByCodeQuery");
  const documents = new Map(
    [DiscountCodeBasicCreateMutation, DiscountCodeFreeShippingCreateMutation, CodeDiscountNodeByCodeQuery].map((op) => [
      op.name,
      op.document,
    ]),
  );
  for (const call of calls) {
    const document = documents.get(call.operation);
    if (!document) continue;
    const definition = parse(document).definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    )!;
    const { errors } = getVariableValues(schema, definition.variableDefinitions ?? [], JSON.parse(call.variables));
    expect(errors ?? [], `${call.operation} ${call.variables}`).toEqual([]);
  }
}

async function member(shop: string, points: number) {
  const person = await customer(shop);
  const { id } = await ensureAccount(shop, person.shopifyId!);
  if (points > 0)
    await adjustPoints(shop, id, { points, reason: "Starting balance for the test", requestId: requestId() });
  return { accountId: id, customerId: person.shopifyId! };
}

async function reward(shop: string, fields: Record<string, string> = {}) {
  const saved = await saveReward(shop, {
    name: "100 kr off",
    kind: "fixed_amount",
    pointsCost: "500",
    amount: "100",
    ...fields,
  });
  if (!saved.ok) throw new Error(JSON.stringify(saved.fieldErrors));
  return saved.reward;
}

/** The redemption a result is about (refusals have none). */
function idOf(result: RedeemResult): string {
  if (!("redemptionId" in result)) throw new Error(`refused: ${result.message}`);
  return result.redemptionId;
}

function redeem(
  shop: string,
  gateway: FaultyGateway,
  m: { customerId: string },
  rewardId: string,
  id = requestId(),
): Promise<RedeemResult> {
  return redeemReward(shop, { customerId: m.customerId, rewardId, requestId: id }, gateway, { admin: adminOptions() });
}

describe("redeeming a reward", () => {
  it("debits the points and issues a single-use code bound to the member", async () => {
    const shop = await loyaltyShop();
    const m = await member(shop, 800);
    const r = await reward(shop, { codeExpiryDays: "30", minimumSubtotal: "300" });
    const result = await redeem(shop, faultyGateway(shop), m, r.id);
    expect(result).toMatchObject({ status: "issued", points: 500 });
    if (result.status !== "issued") return;
    expect(result.code).toMatch(/^KR-[A-Z2-9]{10}$/);
    expect(await ledgerTotals(shop, m.accountId)).toEqual({ available: 300, pending: 0 });
    const call = await db.adminApiCall.findFirstOrThrow({
      where: { shop, operation: "DiscountCodeBasicCreateMutation" },
    });
    const input = JSON.parse(call.variables).basicCodeDiscount;
    expect(input).toMatchObject({
      code: result.code,
      usageLimit: 1,
      appliesOncePerCustomer: true,
      context: { customers: { add: [`gid://shopify/Customer/${m.customerId}`] } },
      customerGets: { value: { discountAmount: { amount: "100.00" } } },
      minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: "300.00" } },
    });
    expect(input.endsAt).toBeTruthy();
    await expectCallsValid(shop);
  });

  it("makes free-shipping and percentage codes too", async () => {
    const shop = await loyaltyShop();
    const m = await member(shop, 1000);
    const free = await reward(shop, { name: "Free shipping", kind: "free_shipping", amount: "", pointsCost: "200" });
    const pct = await reward(shop, {
      name: "15% off",
      kind: "percentage",
      amount: "",
      percentage: "15",
      pointsCost: "300",
    });
    const gateway = faultyGateway(shop);
    expect((await redeem(shop, gateway, m, free.id)).status).toBe("issued");
    expect((await redeem(shop, gateway, m, pct.id)).status).toBe("issued");
    const pctCall = await db.adminApiCall.findFirstOrThrow({
      where: { shop, operation: "DiscountCodeBasicCreateMutation" },
    });
    expect(JSON.parse(pctCall.variables).basicCodeDiscount.customerGets.value).toEqual({ percentage: 0.15 });
    const freeCall = await db.adminApiCall.findFirstOrThrow({
      where: { shop, operation: "DiscountCodeFreeShippingCreateMutation" },
    });
    expect(JSON.parse(freeCall.variables).freeShippingCodeDiscount).toMatchObject({
      usageLimit: 1,
      destination: { all: true },
    });
    expect(await ledgerTotals(shop, m.accountId)).toEqual({ available: 500, pending: 0 });
    await expectCallsValid(shop);
  });

  it("refuses without enough points and changes nothing", async () => {
    const shop = await loyaltyShop();
    const m = await member(shop, 499);
    const r = await reward(shop);
    const result = await redeem(shop, faultyGateway(shop), m, r.id);
    expect(result).toMatchObject({ status: "refused", reason: "not_enough_points" });
    expect(await db.redemption.count({ where: { shop } })).toBe(0);
    expect(await ledgerTotals(shop, m.accountId)).toEqual({ available: 499, pending: 0 });
  });

  it("gives one code for the same request sent again, even at the same time (double click, network retry)", async () => {
    const shop = await loyaltyShop();
    const m = await member(shop, 2000);
    const r = await reward(shop);
    const gateway = faultyGateway(shop);
    const id = requestId();
    const results = await Promise.all(Array.from({ length: 6 }, () => redeem(shop, gateway, m, r.id, id)));
    const codes = new Set(results.map((x) => (x.status === "issued" ? x.code : x.status)));
    expect(codes.size).toBe(1);
    expect(await db.redemption.count({ where: { shop } })).toBe(1);
    expect(await standInDiscountCodes(shop)).toHaveLength(1);
    expect(await ledgerTotals(shop, m.accountId)).toEqual({ available: 1500, pending: 0 });
  });

  it("restores the points with a compensating entry when Shopify refuses, and says why", async () => {
    const shop = await loyaltyShop();
    const m = await member(shop, 600);
    const r = await reward(shop);
    const gateway = faultyGateway(shop);
    gateway.faults.push("user_error");
    const result = await redeem(shop, gateway, m, r.id);
    expect(result.status).toBe("failed");
    if (result.status === "failed") expect(result.message).toMatch(/Discount value is invalid.*600|points are back/);
    expect(await ledgerTotals(shop, m.accountId)).toEqual({ available: 600, pending: 0 });
    const kinds = (
      await db.loyaltyEntry.findMany({ where: { shop, accountId: m.accountId }, orderBy: { createdAt: "asc" } })
    ).map((e) => [e.kind, e.points]);
    expect(kinds).toEqual([
      ["adjust", 600],
      ["redeem", -500],
      ["compensate", 500],
    ]);
    // A retry of the same failed redemption changes nothing more.
    await finishRedemption(shop, idOf(result), gateway, { admin: adminOptions() });
    expect(await ledgerTotals(shop, m.accountId)).toEqual({ available: 600, pending: 0 });
  });

  it("issues the code Shopify made when the answer timed out after success, and never a second one", async () => {
    const shop = await loyaltyShop();
    const m = await member(shop, 500);
    const r = await reward(shop);
    const gateway = faultyGateway(shop);
    gateway.faults.push("timeout_after_success");
    const result = await redeem(shop, gateway, m, r.id);
    expect(result.status).toBe("issued");
    expect(await standInDiscountCodes(shop)).toHaveLength(1);
    expect(gateway.creates).toBe(1);
    expect(await ledgerTotals(shop, m.accountId)).toEqual({ available: 0, pending: 0 });
  });

  it("keeps a redemption pending through 5xx and lost answers, and the job finishes it with one code", async () => {
    const shop = await loyaltyShop();
    const m = await member(shop, 500);
    const r = await reward(shop);
    const gateway = faultyGateway(shop);
    gateway.faults.push("server_error");
    const first = await redeem(shop, gateway, m, r.id);
    expect(first.status).toBe("pending");
    expect(await ledgerTotals(shop, m.accountId)).toEqual({ available: 0, pending: 0 });
    gateway.faults.push("no_answer");
    expect((await finishRedemption(shop, idOf(first), gateway, { admin: adminOptions() })).status).toBe("pending");
    // The finish job (queued with the debit) runs with the test stand-in behind adminGraphqlForShop.
    await drainJobs(jobDefinitions, { now: new Date(Date.now() + 60_000) });
    const row = await db.redemption.findUniqueOrThrow({ where: { id: idOf(first) } });
    expect(row.status).toBe("issued");
    expect(await standInDiscountCodes(shop)).toHaveLength(1);
  });

  it("holds a pending redemption while the shop is uninstalled, and finishes it with one code after a reinstall", async () => {
    const shop = await loyaltyShop();
    const m = await member(shop, 500);
    const r = await reward(shop);
    const gateway = faultyGateway(shop);
    gateway.faults.push("server_error");
    const first = await redeem(shop, gateway, m, r.id);
    expect(first.status).toBe("pending");
    const uninstalledAt = new Date();
    await db.shop.update({ where: { shop }, data: { uninstalledAt } });
    await drainJobs(jobDefinitions, { now: new Date(Date.now() + 60_000) });
    const held = await db.job.findFirstOrThrow({ where: { shop, type: "loyalty.finish-redemption" } });
    expect(held.status).toBe("cancelled");
    expect((await db.redemption.findUniqueOrThrow({ where: { id: idOf(first) } })).status).toBe("pending");
    expect(await ledgerTotals(shop, m.accountId)).toEqual({ available: 0, pending: 0 });

    await markShopInstalled(shop, db, new Date(uninstalledAt.getTime() + 1_000));
    await drainJobs(jobDefinitions, { now: new Date(Date.now() + 120_000) });
    expect((await db.redemption.findUniqueOrThrow({ where: { id: idOf(first) } })).status).toBe("issued");
    expect(await standInDiscountCodes(shop)).toHaveLength(1);
    expect(await ledgerTotals(shop, m.accountId)).toEqual({ available: 0, pending: 0 });
    expect(await checkLedger(shop)).toMatchObject({ mismatches: 0, overdrafts: 0 });
  });

  it("retries a throttled create and gives the points back when Shopify stays unreachable to the last attempt", async () => {
    const shop = await loyaltyShop();
    const m = await member(shop, 500);
    const r = await reward(shop);
    const gateway = faultyGateway(shop);
    gateway.faults.push("throttled", "throttled");
    expect((await redeem(shop, gateway, m, r.id)).status).toBe("issued");

    await adjustPoints(shop, m.accountId, { points: 500, reason: "Second try", requestId: requestId() });
    gateway.faults.push(...Array<"throttled">(6).fill("throttled"));
    const throttled = await redeem(shop, gateway, m, r.id);
    expect(throttled.status).toBe("pending");
    gateway.faults.push("server_error");
    const last = await finishRedemption(shop, idOf(throttled), gateway, { admin: adminOptions(), lastAttempt: true });
    expect(last.status).toBe("failed");
    expect(await ledgerTotals(shop, m.accountId)).toEqual({ available: 500, pending: 0 });
    expect(await standInDiscountCodes(shop)).toHaveLength(1);
    expect(await checkLedger(shop)).toMatchObject({ mismatches: 0, overdrafts: 0 });
  });

  it("never overdraws under concurrent redemptions of different requests", async () => {
    const shop = await loyaltyShop();
    const m = await member(shop, 2600);
    const r = await reward(shop);
    const gateway = faultyGateway(shop);
    const results = await Promise.all(Array.from({ length: 12 }, () => redeem(shop, gateway, m, r.id)));
    expect(results.filter((x) => x.status === "issued")).toHaveLength(5);
    expect(results.filter((x) => x.status === "refused")).toHaveLength(7);
    expect(await ledgerTotals(shop, m.accountId)).toEqual({ available: 100, pending: 0 });
    expect(await checkLedger(shop)).toMatchObject({ mismatches: 0, overdrafts: 0 });
    expect(new Set((await standInDiscountCodes(shop)).map((c) => c.code)).size).toBe(5);
  });
});
