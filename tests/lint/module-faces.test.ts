// scripts/check-module-faces.ts (part of `npm run lint`) fails when a module's index.ts exports a name that
// nothing outside the module uses, and passes when every exported name is used from outside.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

function checkFaces(files: Record<string, string>) {
  const root = mkdtempSync(path.join(tmpdir(), "kundrost-faces-"));
  try {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", path.join(ROOT, "scripts", "check-module-faces.ts"), "--root", root],
      { cwd: ROOT, encoding: "utf8" },
    );
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const shipping = {
  "app/modules/shipping/index.ts":
    'export { quote, type Quote } from "./quote";\nexport { internalRate } from "./quote";\n',
  "app/modules/shipping/quote.ts":
    "export interface Quote { cents: number }\nexport const internalRate = 3;\nexport const quote = (): Quote => ({ cents: internalRate });\n",
  // Inside the module: does not count as a use of the face.
  "app/modules/shipping/uses-own-face.ts":
    'import { internalRate } from "./index";\nexport const twice = internalRate * 2;\n',
};

describe("the module-faces check", { timeout: 120_000 }, () => {
  it("fails naming an exported name that only the module itself uses", () => {
    const { status, output } = checkFaces({
      ...shipping,
      "app/routes/app.shipping.tsx":
        'import { quote, type Quote } from "~/modules/shipping";\nexport const q: Quote = quote();\n',
    });
    expect(status).toBe(1);
    expect(output).toContain("app/modules/shipping/index.ts exports 1 name(s) nothing outside the module uses");
    expect(output).toContain("internalRate");
  });

  it("passes when every exported name is used outside (an import, or a script's dynamic import)", () => {
    const { status, output } = checkFaces({
      ...shipping,
      "app/routes/app.shipping.tsx":
        'import { quote, type Quote } from "~/modules/shipping";\nexport const q: Quote = quote();\n',
      "scripts/rate.ts":
        'const { internalRate } = await import("../app/modules/shipping");\nconsole.log(internalRate);\n',
    });
    expect(output).toContain("every exported name is used outside its module");
    expect(status).toBe(0);
  });
});
