// Issue 16, point 3: `insights -- eval` shows each held-out figure beside the previous engine version's, kept in
// docs/data/eval-previous.json by `eval --save-previous` (run before ENGINE_VERSION is bumped).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ENGINE_VERSION } from "~/modules/insights";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const dir = mkdtempSync(path.join(os.tmpdir(), "kundrost-eval-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function insights(args: string[], previousFile?: string): string {
  return execFileSync(process.execPath, ["--import", "tsx", "scripts/insights.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...(previousFile ? { KUNDROST_EVAL_PREVIOUS: previousFile } : {}) },
    encoding: "utf8",
  });
}

const semver = (version: string) => version.split(".").map(Number);
const older = (a: string, b: string) => {
  const [x, y] = [semver(a), semver(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i];
  return false;
};

describe("insights eval beside the previous engine version", () => {
  it("keeps an earlier version's held-out figures in the repository", () => {
    const kept = JSON.parse(readFileSync(path.join(ROOT, "docs/data/eval-previous.json"), "utf8"));
    expect(older(kept.engine, ENGINE_VERSION)).toBe(true);
    expect(kept.rows["semeval15-laptops/en"]).toMatchObject({ texts: 372, joint: expect.any(Number) });
  });

  it("saves this version's figures and prints them in brackets, n/a for a set the file lacks", () => {
    const file = path.join(dir, "previous.json");
    expect(insights(["eval", "--save-previous"], file)).toContain(`engine ${ENGINE_VERSION}'s held-out figures saved`);
    const saved = JSON.parse(readFileSync(file, "utf8"));
    expect(saved.engine).toBe(ENGINE_VERSION);
    // Made up, so the brackets can only have come from the file; one set left out.
    saved.engine = "0.9.0";
    saved.rows["semeval15-laptops/en"].joint = 12.3;
    delete saved.rows["uci-yelp/en"];
    writeFileSync(file, JSON.stringify(saved));

    const out = insights(["eval"], file);
    expect(out.split("\n")[0]).toBe(
      `engine ${ENGINE_VERSION} (in brackets: engine 0.9.0, the previous version; n/a where it had no such set)`,
    );
    const semeval = out.split("\n").find((line) => line.startsWith("semeval15-laptops"))!;
    expect(semeval).toMatch(/\d+\.\d% \(12\.3%\)/);
    const yelp = out.split("\n").find((line) => line.startsWith("uci-yelp"))!;
    expect(yelp).toMatch(/\d+\.\d% \(n\/a\)\s+\d+\.\d% \(n\/a\)/);
    // The rules alone follow in a table of their own.
    expect(out).toContain(`the same splits, engine ${ENGINE_VERSION} (in brackets: its rules alone`);
  }, 120_000);

  it("refuses --save-previous with a file or --dev", () => {
    expect(() => insights(["eval", "--save-previous", "--dev"], path.join(dir, "x.json"))).toThrow();
  }, 60_000);
});
