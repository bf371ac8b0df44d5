// Job.lastError and WebhookEvent.error are read by people (the admin's job list, an operator in the database):
// one short line with the error's own words, its class and its code, never a stack or the minified Prisma
// runtime source that Prisma's messages quote.
import { z } from "zod";
import db from "~/db.server";
import { defineJob, describeFailure, drainJobs, enqueueJob, TerminalJobError } from "~/modules/jobs";

const SHOP = "failure-text.myshopify.com";

const duplicateShopJob = defineJob({
  type: "test.duplicate-shop",
  schema: z.object({}),
  maxAttempts: 1,
  async run() {
    await db.shop.create({ data: { shop: SHOP, name: "First" } });
    await db.shop.create({ data: { shop: SHOP, name: "Second" } });
  },
});

const missingRowJob = defineJob({
  type: "test.missing-row",
  schema: z.object({}),
  maxAttempts: 2,
  async run() {
    await db.shop.update({ where: { shop: "nobody.myshopify.com" }, data: { name: "x" } });
  },
});

beforeEach(async () => {
  await db.job.deleteMany();
  await db.shop.deleteMany({ where: { shop: SHOP } });
});

describe("readable job failures", () => {
  it("a Prisma unique violation is stored as its reason, class and code", async () => {
    await enqueueJob({ type: duplicateShopJob.type, payload: {} });
    await drainJobs([duplicateShopJob]);

    const { lastError } = await db.job.findFirstOrThrow({ where: { type: duplicateShopJob.type } });
    expect(lastError).toMatch(
      /^Gave up after 1 attempts: Unique constraint failed .*\[PrismaClientKnownRequestError P2002\]$/,
    );
    expect(lastError!.length).toBeLessThanOrEqual(600);
    expect(lastError).not.toContain("\n");
    expect(lastError).not.toMatch(/invocation|function\(|=>|node_modules|\.js:\d+/);
  });

  it("a retried Prisma error says which attempt failed, in one line", async () => {
    await enqueueJob({ type: missingRowJob.type, payload: {} });
    await drainJobs([missingRowJob]);

    const { lastError, status } = await db.job.findFirstOrThrow({ where: { type: missingRowJob.type } });
    expect(status).toBe("queued");
    expect(lastError).toMatch(/^Attempt 1 of 2 failed: .*\[PrismaClientKnownRequestError P2025\]$/);
    expect(lastError).not.toMatch(/invocation|node_modules/);
  });

  it("describes ordinary errors by their first line and class", () => {
    expect(describeFailure(new TerminalJobError("The shop is gone.\nmore detail"))).toBe(
      "The shop is gone. [TerminalJobError]",
    );
    expect(
      describeFailure(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:25"), { code: "ECONNREFUSED" })),
    ).toBe("connect ECONNREFUSED 127.0.0.1:25 [Error ECONNREFUSED]");
    expect(describeFailure(new Response(null, { status: 503, statusText: "Service Unavailable" }))).toBe(
      "HTTP 503 Service Unavailable",
    );
    expect(describeFailure("plain text")).toBe("plain text");
    expect(describeFailure(new Error("x".repeat(5_000))).length).toBeLessThanOrEqual(500);
  });
});
