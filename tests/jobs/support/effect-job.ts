// A job with an external side effect (a line appended to a file stands in for an email leaving the building),
// shared by the test processes and the worker processes they spawn, so both run exactly the same code.
import { appendFileSync } from "node:fs";
import { z } from "zod";
import { defineJob } from "../../../app/modules/jobs";

export const EFFECT_JOB_TYPE = "test.send-receipt";

export interface EffectJobFiles {
  /** One line per run of the job's code: "<key> <workerId>". */
  runsFile: string;
  /** One line per time the side effect really happened: "<key>". */
  effectsFile: string;
}

export function effectJob(
  files: EffectJobFiles,
  behaviour: { workerId: string; hangAfterEffect?: boolean; workMs?: number },
) {
  return defineJob({
    type: EFFECT_JOB_TYPE,
    schema: z.object({ key: z.string() }),
    async run({ key }, ctx) {
      appendFileSync(files.runsFile, `${key} ${behaviour.workerId}\n`);
      await ctx.once(`receipt:${key}`, async () => {
        appendFileSync(files.effectsFile, `${key}\n`);
      });
      if (behaviour.workMs) await new Promise((resolve) => setTimeout(resolve, behaviour.workMs));
      if (behaviour.hangAfterEffect) {
        process.stdout.write("effect-done\n");
        // The process is killed here, after the effect and before the job is recorded as done.
        await new Promise(() => undefined);
      }
    },
  });
}
