import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
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

  it("lowers its CPU priority to WORKER_NICE unless --nice says otherwise, and refuses a value that is not one", async () => {
    const start = (args: string[], niceEnv: string) => startWorker(args, { WORKER_NICE: niceEnv });
    const priorityOnceSet = async (pid: number, expected: number) => {
      for (let i = 0; i < 300 && os.getPriority(pid) !== expected; i++) await new Promise((r) => setTimeout(r, 100));
      return os.getPriority(pid);
    };

    const fromEnv = start(["--poll-interval-ms", "50"], "19");
    const fromFlag = start(["--poll-interval-ms", "50", "--nice", "12"], "19");
    const outOfRange = start([], "25");
    const notANumber = start([], "high");
    try {
      expect(await priorityOnceSet(fromEnv.child.pid!, 19)).toBe(19);
      expect(await priorityOnceSet(fromFlag.child.pid!, 12)).toBe(12);
      expect(await outOfRange.exited).toBe(2);
      expect(outOfRange.stderr()).toMatch(/--nice/);
      expect(await notANumber.exited).not.toBe(0);
      expect(notANumber.stderr()).toMatch(/WORKER_NICE/);
      await Promise.all([fromEnv.running(), fromFlag.running()]);
    } finally {
      fromEnv.child.kill("SIGTERM");
      fromFlag.child.kill("SIGTERM");
    }
    expect(await fromEnv.exited).toBe(0);
    expect(await fromFlag.exited).toBe(0);
  }, 60_000);

  it("runs every thread in the idle scheduling class unless WORKER_SCHED says normal, and refuses another value", async () => {
    const start = (schedEnv: string, args: string[] = []) =>
      startWorker(["--poll-interval-ms", "50", ...args], { WORKER_SCHED: schedEnv });
    // Field 41 of /proc/<pid>/task/<tid>/stat is the thread's policy: 0 SCHED_OTHER, 5 SCHED_IDLE.
    const policies = (pid: number) =>
      readdirSync(`/proc/${pid}/task`).map((tid) =>
        Number(readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8").split(") ")[1].split(" ")[38]),
      );

    const byDefault = start("");
    const normal = start("normal");
    const unknownInEnv = start("realtime");
    const unknownFlag = start("", ["--sched", "realtime"]);
    try {
      await Promise.all([byDefault.running(), normal.running()]);
      const idleThreads = policies(byDefault.child.pid!);
      expect(idleThreads.length).toBeGreaterThan(1);
      expect(new Set(idleThreads)).toEqual(new Set([5]));
      expect(new Set(policies(normal.child.pid!))).toEqual(new Set([0]));
      expect(await unknownInEnv.exited).not.toBe(0);
      expect(unknownInEnv.stderr()).toMatch(/WORKER_SCHED/);
      expect(await unknownFlag.exited).toBe(2);
      expect(unknownFlag.stderr()).toMatch(/--sched/);
    } finally {
      byDefault.child.kill("SIGTERM");
      normal.child.kill("SIGTERM");
    }
    expect(await byDefault.exited).toBe(0);
    expect(await normal.exited).toBe(0);
  }, 60_000);
});

/** `scripts/worker.ts` in a process of its own, with `env` added; `running()` waits for its start line. */
function startWorker(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/worker.ts"), ...args], {
    env: { ...process.env, LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += String(chunk)));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  // Stopped only once running: a SIGTERM before the worker handles it would end it with no exit code.
  const running = async () => {
    for (let i = 0; i < 300 && !/is running/.test(stdout); i++) await new Promise((r) => setTimeout(r, 100));
    expect(stdout).toMatch(/is running/);
  };
  return { child, exited, running, stderr: () => stderr };
}
