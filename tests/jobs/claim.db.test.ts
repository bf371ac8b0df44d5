// The claim statement itself: which due jobs a worker takes, in which order, and never more than asked for.
import db, { dbProvider } from "~/db.server";
import { claimDueJobs } from "~/modules/jobs/claim.server";

const NOW = new Date("2026-11-24T12:00:00.000Z");
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

async function job(id: string, data: { status?: string; priority?: number; runAt?: Date; lockedUntil?: Date | null }) {
  await db.job.create({
    data: {
      id,
      type: "test.claim",
      status: data.status ?? "queued",
      priority: data.priority ?? 0,
      runAt: data.runAt ?? at(-10),
      lockedUntil: data.lockedUntil ?? null,
    },
  });
}

const claim = (limit: number, workerId = "w1") =>
  claimDueJobs(db, { workerId, now: NOW, leaseMs: 60_000, limit, provider: dbProvider() });

beforeEach(async () => {
  await db.job.deleteMany();
  await job("low-old", { priority: 0, runAt: at(-30) });
  await job("low-new", { priority: 0, runAt: at(-5) });
  await job("high", { priority: 5, runAt: at(-1) });
  await job("future", { priority: 9, runAt: at(10) });
  await job("expired-lease", { status: "running", priority: 1, runAt: at(-20), lockedUntil: at(-1) });
  await job("live-lease", { status: "running", priority: 9, runAt: at(-20), lockedUntil: at(5) });
  await job("done", { status: "succeeded", priority: 9 });
});

describe("claiming due jobs", () => {
  it("takes the highest priority first, then the oldest, mixing queued jobs and expired leases", async () => {
    expect((await claim(10)).map((j) => j.id)).toEqual(["high", "expired-lease", "low-old", "low-new"]);
  });

  it("never takes more than asked for, and the next claim takes the next ones", async () => {
    expect((await claim(2)).map((j) => j.id)).toEqual(["high", "expired-lease"]);
    expect((await claim(2, "w2")).map((j) => j.id)).toEqual(["low-old", "low-new"]);
    expect(await claim(2, "w3")).toEqual([]);
  });

  it("marks what it took as running under its lease, with the attempt counted", async () => {
    const [taken] = await claim(1);
    expect(taken).toMatchObject({ id: "high", status: "running", lockedBy: "w1", attempts: 1 });
    expect(taken.lockedUntil?.toISOString()).toBe(at(1).toISOString());
    expect(await db.job.findUniqueOrThrow({ where: { id: "live-lease" } })).toMatchObject({
      status: "running",
      attempts: 0,
    });
  });

  it("finds the due jobs in a large backlog", async () => {
    await db.job.createMany({
      data: Array.from({ length: 3_000 }, (_, i) => ({
        id: `bulk-${i}`,
        type: "test.claim",
        priority: 0,
        runAt: at(-1 - (i % 25)),
      })),
    });
    const taken = await claim(3);
    expect(taken.map((j) => j.id)).toEqual(["high", "expired-lease", "low-old"]);
  });
});
