// The web process (`npm start`) and the worker (`npm run worker`) both decode photos and run jobs, so both run with
// glibc's malloc arenas limited (MALLOC_ARENA_MAX=2, docs/ARCHITECTURE.md), an operator's own value winning.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const scripts = (
  JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }
).scripts;

/** What MALLOC_ARENA_MAX the npm script's command gives the program it starts, with `env` around it. */
function arenasFor(script: string, program: string, env: Record<string, string | undefined>): string {
  const command = scripts[script];
  expect(command).toContain(program);
  const probe = command.replace(program, `node -e "process.stdout.write(String(process.env.MALLOC_ARENA_MAX))"`);
  const base = { ...process.env };
  delete base.MALLOC_ARENA_MAX;
  return execFileSync("sh", ["-c", probe], { env: { ...base, ...env }, encoding: "utf8" });
}

describe("the processes' malloc arenas", () => {
  it.each([
    ["start", "tsx scripts/server.ts"],
    ["worker", "tsx scripts/worker.ts"],
  ])("npm run %s limits them to 2 unless the operator says otherwise", (script, program) => {
    expect(arenasFor(script, program, {})).toBe("2");
    expect(arenasFor(script, program, { MALLOC_ARENA_MAX: "4" })).toBe("4");
  });
});
