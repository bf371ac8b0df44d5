// `npm run worker [-- --concurrency 4 --poll-interval-ms 1000 --grace-ms 30000 --nice 10 --sched idle]`: runs
// background jobs from DATABASE_URL with every module's job definitions (app/jobs.server.ts) until SIGINT/SIGTERM.
// On the first signal it stops claiming, lets running jobs finish for up to the grace period, hands back what is
// still running, and exits; a second signal exits at once (its jobs come back when their lease runs out).
import { spawnSync } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";
import { z } from "zod";
import db from "../app/db.server";
import { startBackgroundWork } from "../app/background.server";
import { logger, routeConsoleToLogger } from "../app/logger.server";

const OptionsSchema = z.object({
  concurrency: z.coerce.number().int().min(1).max(64).default(2),
  "poll-interval-ms": z.coerce.number().int().min(10).default(1_000),
  "grace-ms": z.coerce.number().int().min(0).default(30_000),
  // Background work yields the CPU to the web process when both share a machine: webhooks must be answered
  // within 5 seconds, jobs only eventually. Has no effect on a machine of its own. 0 = the shell's priority.
  // WORKER_NICE sets it for installs that start the worker without arguments.
  nice: z.coerce.number().int().min(0).max(19).default(10),
  // "idle": Linux's SCHED_IDLE class on top of the nice value: the worker runs only on CPU time no other process
  // wants, and a waking web process takes the CPU from it at once. A niced worker still held a core for up to a
  // scheduler slice whenever the web process or its clients woke up, which under a burst cost the intake a third
  // of its rate (decision 009, session 10). The price: on a machine whose CPUs stay saturated by other work, jobs
  // wait until some CPU is free. "normal" keeps only the nice value. WORKER_SCHED sets it without arguments.
  sched: z.enum(["idle", "normal"]).default("idle"),
});

const { values } = parseArgs({
  options: {
    concurrency: { type: "string" },
    "poll-interval-ms": { type: "string" },
    "grace-ms": { type: "string" },
    nice: { type: "string" },
    sched: { type: "string" },
  },
});
const parsed = OptionsSchema.safeParse({
  ...values,
  nice: values.nice ?? envOrUndefined(process.env.WORKER_NICE),
  sched: values.sched ?? envOrUndefined(process.env.WORKER_SCHED)?.trim(),
});
if (!parsed.success) {
  console.error(
    `Invalid worker options: ${parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}`,
  );
  process.exit(2);
}
const options = parsed.data;

function envOrUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
if (process.env.NODE_ENV !== "test") routeConsoleToLogger();

if (options.nice > 0) {
  try {
    // Only ever lowers the priority; an unprivileged process may always do that.
    os.setPriority(Math.max(os.getPriority(), options.nice));
  } catch (error) {
    logger.warn(
      { err: error, nice: options.nice },
      "could not lower the worker's CPU priority; running at the shell's",
    );
  }
}

if (options.sched === "idle") {
  // Node has no call for the scheduling class; util-linux's chrt sets it on every thread the process has now
  // (--all-tasks), and threads started later inherit it. Lowering a process's class needs no privilege.
  const chrt = spawnSync("chrt", ["--idle", "--all-tasks", "--pid", "0", String(process.pid)], { encoding: "utf8" });
  if (chrt.status !== 0) {
    logger.warn(
      { err: chrt.error, stderr: chrt.stderr?.trim(), nice: options.nice },
      "could not move the worker to the idle scheduling class (is util-linux's chrt installed?); running niced only",
    );
  }
}

const worker = await startBackgroundWork({
  concurrency: options.concurrency,
  pollIntervalMs: options["poll-interval-ms"],
  shutdownGraceMs: options["grace-ms"],
});
let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) {
    logger.warn({ signal }, "second signal: exiting now; unfinished jobs run again after their lease expires");
    process.exit(130);
  }
  stopping = true;
  logger.info({ signal }, "stopping: finishing running jobs");
  try {
    await worker.stop();
    await db.$disconnect();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, "worker did not stop cleanly");
    process.exit(1);
  }
}
process.on("SIGINT", (signal) => void shutdown(signal));
process.on("SIGTERM", (signal) => void shutdown(signal));
// Said only once the signals are handled: whoever waits for this line (a supervisor, a test) may stop it at once.
// Printed before them, a SIGTERM that came in between killed the worker outright (no exit code, nothing cleaned).
console.log(`Kundröst worker ${worker.workerId} is running; Ctrl-C to stop`);
