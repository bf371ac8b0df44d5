// The house rules are kept by `npm run lint` (eslint.config.js, lint/architecture-rules.js). These tests run
// ESLint the way the script does, on code that breaks a rule, to show that each rule fails the lint.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { ESLint } from "eslint";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
// The fixtures' folders (tests/lint/tmp-*) are ignored by the lint config, so a lint running meanwhile never sees
// them; this instance lints them anyway.
const eslint = new ESLint({ cwd: ROOT, ignore: false });

async function problemsIn(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

describe("npm run lint", { timeout: 180_000 }, () => {
  describe("an import cycle", () => {
    // A throwaway module whose index imports a file that imports the index back: the shape insights had.
    const moduleDir = path.join(ROOT, "tests", "lint", `tmp-${randomBytes(4).toString("hex")}`);

    beforeAll(() => {
      mkdirSync(moduleDir);
      writeFileSync(
        path.join(moduleDir, "index.ts"),
        'export { describeTopic } from "./topics";\nexport const ENGINE = "1";\n',
      );
      writeFileSync(
        path.join(moduleDir, "topics.ts"),
        'import { ENGINE } from "./index";\n\nexport const describeTopic = (key: string) => `${key}@${ENGINE}`;\n',
      );
    });
    afterAll(() => rmSync(moduleDir, { recursive: true, force: true }));

    it("fails the lint", async () => {
      const [result] = await eslint.lintFiles([path.join(moduleDir, "topics.ts")]);
      expect(result.errorCount).toBeGreaterThan(0);
      expect(result.messages.map((m) => m.ruleId)).toContain("import-x/no-cycle");
    });
  });

  describe("a deep import into a module", () => {
    it("fails from a route through the ~/ alias", async () => {
      const problems = await problemsIn(
        'import { signRequestToken } from "~/modules/requests/shopper-pages/token.server";\nexport const sign = signRequestToken;\n',
        "app/routes/app.lint-fixture.tsx",
      );
      expect(problems).toEqual([
        expect.stringMatching(/^kundrost\/module-face: .*reaches into app\/modules\/requests/),
      ]);
    });

    it("fails from another module through a relative path", async () => {
      const problems = await problemsIn(
        'import { signRequestToken } from "../requests/shopper-pages/token.server";\nexport const sign = signRequestToken;\n',
        "app/modules/reviews/lint-fixture.server.ts",
      );
      expect(problems).toEqual([expect.stringMatching(/^kundrost\/module-face: /)]);
    });

    it("passes through the module's face, and inside the module itself", async () => {
      expect(
        await problemsIn(
          'import { signRequestToken } from "~/modules/requests";\nexport const sign = signRequestToken;\n',
          "app/routes/app.lint-fixture.tsx",
        ),
      ).toEqual([]);
      expect(
        await problemsIn(
          'import { signRequestToken } from "./shopper-pages/token.server";\nexport const sign = signRequestToken;\n',
          "app/modules/requests/lint-fixture.server.ts",
        ),
      ).toEqual([]);
    });
  });

  it("fails when a route imports the database", async () => {
    const problems = await problemsIn(
      'import db from "~/db.server";\nexport const loader = () => db.shop.count();\n',
      "app/routes/app.lint-fixture.tsx",
    );
    expect(problems).toEqual([expect.stringMatching(/^no-restricted-imports: .*Routes never touch the database/)]);
  });

  it("fails when a route defers data, which the string renderer would never send", async () => {
    const problems = await problemsIn(
      'import { defer } from "@remix-run/node";\nexport const loader = () => defer({ slow: Promise.resolve(1) });\n',
      "app/routes/app.lint-fixture.tsx",
    );
    expect(problems).toEqual([expect.stringMatching(/^no-restricted-imports: .*rendered to one string/)]);
  });

  it("fails when GraphQL is written outside modules/shopify, and passes inside it", async () => {
    const operation =
      "export const query = /* GraphQL */ `\n  query ShopName {\n    shop {\n      name\n    }\n  }\n`;\n";
    expect(await problemsIn(operation, "app/modules/reviews/lint-fixture.server.ts")).toEqual([
      expect.stringMatching(/^kundrost\/graphql-in-shopify: /),
    ]);
    expect(
      await problemsIn('export const q = "mutation { shopUpdate { id } }";\n', "app/routes/app.lint-fixture.tsx"),
    ).toEqual([expect.stringMatching(/^kundrost\/graphql-in-shopify: /)]);
    expect(await problemsIn(operation, "app/modules/shopify/operations/LintFixtureQuery.ts")).toEqual([]);
  });
});
