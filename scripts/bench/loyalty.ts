/**
 * The loyalty ledger under concurrency: 50 member accounts and 2,000 mixed operations launched at once (paid
 * orders, maturing, refund reversals, redemptions, the same redemption submitted twice, Shopify refusing or timing
 * out after success or answering 5xx, manual adjustments), then the pending redemptions finished as the job would.
 * Afterwards every account is audited: cached balances against the sums of their entries, nothing below zero, and
 * no discount code beyond one per issued redemption (a code for a refunded redemption counts as a duplicate).
 * PostgreSQL by default (a throwaway schema), SQLite (a temporary file) with --sqlite. The last line is:
 *   loyalty: ops=<N> <R>/s overdrafts=<O> balance_mismatches=<M> duplicate_codes=<C>
 *
 *   npm run bench:loyalty [-- --sqlite] [-- --ops 2000 --accounts 50 --pg postgresql://postgres@127.0.0.1:5432/test]
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { z } from "zod";

const { values } = parseArgs({
  options: {
    sqlite: { type: "boolean", default: false },
    ops: { type: "string", default: "2000" },
    accounts: { type: "string", default: "50" },
    seed: { type: "string", default: "12" },
    pg: { type: "string", default: process.env.KUNDROST_BENCH_PG ?? "postgresql://postgres@127.0.0.1:5432/test" },
  },
});

const opCount = z.coerce.number().int().min(1).parse(values.ops);
const accountCount = z.coerce.number().int().min(1).parse(values.accounts);
// Shopify cannot be reached here: the stand-in answers (as in tests), behind the fault injector.
process.env.NODE_ENV = "test";
process.env.LOG_LEVEL ??= "silent";

const target = values.sqlite ? freshSqliteFile() : freshPgSchema(values.pg);
process.env.DATABASE_URL = target.url;
if (!values.sqlite) process.env.DATABASE_POOL_SIZE ??= "10";

try {
  await run();
} finally {
  const { default: db } = await import("../../app/db.server");
  await db.$disconnect();
  await target.cleanup();
}

async function run(): Promise<void> {
  const { migrateDatabase } = await import("../../app/db-migrate.server");
  await migrateDatabase(target.url);
  const { default: db } = await import("../../app/db.server");
  const loyalty = await import("../../app/modules/loyalty");
  const { CostBuckets } = await import("../../app/modules/shopify");
  const { standInDiscountCodes } = await import("../../app/modules/demo");
  const { faultyGateway } = await import("./support/faulty-admin");

  const shop = "bench-loyalty.myshopify.com";
  await db.shop.create({ data: { shop, name: "Bench", currency: "SEK", installedAt: new Date() } });
  const reward = await loyalty.saveReward(shop, {
    name: "50 kr off",
    kind: "fixed_amount",
    pointsCost: "300",
    amount: "50",
  });
  if (!reward.ok) throw new Error("reward");
  const members = [];
  for (let i = 0; i < accountCount; i++) {
    const customerId = String(8_800_000_000 + i);
    const { id } = await loyalty.ensureAccount(shop, customerId);
    await loyalty.adjustPoints(shop, id, {
      points: 3000,
      reason: "Opening balance for the benchmark",
      requestId: `bench-open-${i}`,
    });
    members.push({ id, customerId });
  }

  // A seeded PRNG: the same mix on every run.
  let state = Number(values.seed) >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const admin = () => ({ clock: { now: () => Date.now(), sleep: async () => undefined }, buckets: new CostBuckets() });
  const counts: Record<string, number> = {};
  const ops: (() => Promise<unknown>)[] = [];
  for (let n = 0; n < opCount; n++) {
    const member = pick(members);
    const order = `${member.customerId}-${Math.floor(random() * 8)}`;
    const roll = random();
    const kind =
      roll < 0.3
        ? "earn"
        : roll < 0.4
          ? "mature"
          : roll < 0.52
            ? "refund"
            : roll < 0.78
              ? "redeem"
              : roll < 0.88
                ? "double_redeem"
                : roll < 0.95
                  ? "shopify_failure"
                  : "adjust";
    counts[kind] = (counts[kind] ?? 0) + 1;
    const cents = Math.floor(random() * 150_000);
    switch (kind) {
      case "earn":
        ops.push(() =>
          loyalty.creditPaidOrder(shop, {
            orderId: order,
            customerId: member.customerId,
            subtotalCents: cents,
            shippingCents: 0,
            taxCents: 0,
            paidAt: new Date(),
          }),
        );
        break;
      case "mature":
        ops.push(() => loyalty.matureCredit(shop, member.id, `order:${order}`));
        break;
      case "refund":
        ops.push(() => loyalty.reverseOrderRefund(shop, { orderId: order, refundId: String(n), refundedCents: cents }));
        break;
      case "redeem": {
        const gateway = faultyGateway(shop);
        if (random() < 0.2) gateway.faults.push("timeout_after_success");
        ops.push(() =>
          loyalty.redeemReward(
            shop,
            { customerId: member.customerId, rewardId: reward.reward.id, requestId: `bench-${n}-req` },
            gateway,
            { admin: admin() },
          ),
        );
        break;
      }
      case "double_redeem": {
        // The same request twice at once: a double click, or a retry racing the first.
        const requestId = `bench-${n}-dbl`;
        ops.push(() =>
          Promise.all(
            [0, 1].map(() =>
              loyalty.redeemReward(
                shop,
                { customerId: member.customerId, rewardId: reward.reward.id, requestId },
                faultyGateway(shop),
                { admin: admin() },
              ),
            ),
          ),
        );
        break;
      }
      case "shopify_failure": {
        const gateway = faultyGateway(shop);
        gateway.faults.push(pick(["user_error", "server_error", "no_answer", "timeout_after_success"] as const));
        ops.push(() =>
          loyalty.redeemReward(
            shop,
            { customerId: member.customerId, rewardId: reward.reward.id, requestId: `bench-${n}-fail` },
            gateway,
            { admin: admin() },
          ),
        );
        break;
      }
      default:
        ops.push(() =>
          loyalty.adjustPoints(shop, member.id, {
            points: Math.floor(random() * 400) - 200 || 1,
            reason: "Benchmark adjustment",
            requestId: `bench-adj-${n}`,
          }),
        );
    }
  }

  const started = performance.now();
  const outcomes = await Promise.allSettled(ops.map((op) => op()));
  const seconds = (performance.now() - started) / 1000;
  const errors = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");

  // What the finish job does for redemptions left pending by a 5xx or a lost answer.
  const pending = await db.redemption.findMany({ where: { shop, status: "pending" }, select: { id: true } });
  for (const redemption of pending)
    await loyalty.finishRedemption(shop, redemption.id, faultyGateway(shop), { admin: admin(), lastAttempt: true });

  const audit = await loyalty.checkLedger(shop);
  const issued = await db.redemption.findMany({ where: { shop, status: "issued" }, select: { discountCode: true } });
  const issuedCodes = new Set(issued.map((r) => r.discountCode));
  const codes = await standInDiscountCodes(shop);
  const duplicateCodes =
    codes.length - new Set(codes.map((c) => c.code)).size + codes.filter((c) => !issuedCodes.has(c.code)).length;
  const byStatus = await db.redemption.groupBy({ by: ["status"], where: { shop }, _count: { _all: true } });
  const entries = await db.loyaltyEntry.count({ where: { shop } });

  console.log(
    `provider: ${values.sqlite ? "sqlite" : "postgresql"}  accounts: ${accountCount}  load average: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  console.log(
    `operations: ${Object.entries(counts)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")}`,
  );
  console.log(
    `redemptions: ${byStatus.map((s) => `${s.status}=${s._count._all}`).join(" ")}  codes in Shopify: ${codes.length}  ledger entries: ${entries}`,
  );
  console.log(
    `errors thrown: ${errors.length}${
      errors.length
        ? ` (first: ${String(errors[0].reason?.message ?? errors[0].reason)
            .replace(/\s+/g, " ")
            .slice(-300)})`
        : ""
    }`,
  );
  console.log(`audit: accounts=${audit.accounts} mismatches=${audit.mismatches} overdrafts=${audit.overdrafts}`);
  console.log(
    `loyalty: ops=${opCount} ${Math.round(opCount / seconds)}/s overdrafts=${audit.overdrafts} balance_mismatches=${audit.mismatches} duplicate_codes=${duplicateCodes}`,
  );
  if (errors.length > 0) process.exitCode = 1;
}

function freshSqliteFile(): { url: string; cleanup: () => Promise<void> } {
  const file = path.join(os.tmpdir(), `kundrost-bench-loyalty-${randomBytes(4).toString("hex")}.sqlite`);
  return {
    url: `file:${file}`,
    cleanup: async () => {
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
    },
  };
}

function freshPgSchema(base: string): { url: string; cleanup: () => Promise<void> } {
  const schema = `bench_loyalty_${randomBytes(4).toString("hex")}`;
  return {
    url: `${base}${base.includes("?") ? "&" : "?"}schema=${schema}`,
    cleanup: async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}
