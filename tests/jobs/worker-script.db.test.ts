import { spawn } from "node:child_process";
import path from "node:path";
import db from "~/db.server";
import { enqueueJob } from "~/modules/jobs";

describe("npm run worker (scripts/worker.ts)", () => {
  it("works the queue with the registered job definitions and exits cleanly on SIGTERM", async () => {
    const { id } = await enqueueJob({
      type: "reports.no-longer-exists",
      shop: "script-test.myshopify.com",
      payload: {},
    });
    const worker = spawn(
      process.execPath,
      ["--import", "tsx", path.resolve("scripts/worker.ts"), "--poll-interval-ms", "50"],
      {
        env: { ...process.env, LOG_LEVEL: "silent" },
        stdio: "ignore",
      },
    );
    let exitCode: number | null | undefined;
    const exited = new Promise<number | null>((resolve) => worker.on("exit", (code) => resolve((exitCode = code))));

    // The worker has no definition for this type, so it fails the job for good, saying why.
    let job = await db.job.findUniqueOrThrow({ where: { id } });
    while (job.status !== "failed") {
      if (exitCode !== undefined) throw new Error(`the worker exited early with code ${exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = await db.job.findUniqueOrThrow({ where: { id } });
    }
    expect(job.lastError).toContain('No job definition for type "reports.no-longer-exists"');

    worker.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 60_000);
});
