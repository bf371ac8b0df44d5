// A real worker in its own process, for the crash and multi-worker tests. It connects to DATABASE_URL,
// prints "ready", waits for "go" on stdin, then runs the effect job until the queue has nothing left.
import { createInterface } from "node:readline";
import db from "../../../app/db.server";
import { startWorker } from "../../../app/modules/jobs";
import { effectJob } from "./effect-job";

const workerId = process.env.TEST_WORKER_ID ?? `child-${process.pid}`;
const definition = effectJob(
  { runsFile: process.env.TEST_RUNS_FILE!, effectsFile: process.env.TEST_EFFECTS_FILE! },
  {
    workerId,
    hangAfterEffect: process.env.TEST_HANG_AFTER_EFFECT === "1",
    workMs: Number(process.env.TEST_WORK_MS ?? 0),
  },
);

await db.job.count();
process.stdout.write("ready\n");
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line.trim() === "go") break;

const worker = startWorker({
  definitions: [definition],
  workerId,
  concurrency: Number(process.env.TEST_CONCURRENCY ?? 1),
  pollIntervalMs: 20,
});

// Stop once nothing is queued or running any more.
for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 50));
  const open = await db.job.count({ where: { status: { in: ["queued", "running"] } } });
  if (open === 0) break;
}
await worker.stop();
await db.$disconnect();
process.stdout.write("done\n");
process.exit(0);
