// The theme app extension as it ships: Theme Check's app-extension rules report nothing, the assets are the
// build of storefront/, the scripts and styles fit the budgets, and both languages have every string.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { themeCheckRun } from "@shopify/theme-check-node";
import { EXTENSION_DIR } from "~/modules/storefront";
import { buildStorefrontAssets } from "../../scripts/build-storefront";

const assets = path.join(EXTENSION_DIR, "assets");
const gzipped = (file: string) => gzipSync(readFileSync(path.join(assets, file)), { level: 9 }).length;

type Strings = { [key: string]: string | Strings };
function keys(node: Strings, prefix = ""): string[] {
  return Object.entries(node).flatMap(([key, value]) =>
    typeof value === "string" || "other" in value ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );
}
const locale = (file: string) => JSON.parse(readFileSync(path.join(EXTENSION_DIR, "locales", file), "utf8")) as Strings;

describe("the theme app extension", () => {
  it("passes Theme Check's theme-app-extension rules with no offense", async () => {
    const run = await themeCheckRun(EXTENSION_DIR, "theme-check:theme-app-extension", () => undefined);
    expect(run.offenses.map((o) => `${o.check} ${o.uri}: ${o.message}`)).toEqual([]);
  }, 120_000);

  it("ships the assets `npm run build:storefront` makes from storefront/", async () => {
    const built = await buildStorefrontAssets();
    for (const [name, text] of Object.entries(built)) expect(readFileSync(path.join(assets, name), "utf8")).toBe(text);
    expect(readdirSync(assets).sort()).toEqual(Object.keys(built).sort());
  });

  it("keeps all JavaScript within 10,000 bytes gzipped and all CSS within 8,000", () => {
    const files = readdirSync(assets);
    const js = files.filter((f) => f.endsWith(".js")).reduce((sum, f) => sum + gzipped(f), 0);
    const css = files.filter((f) => f.endsWith(".css")).reduce((sum, f) => sum + gzipped(f), 0);
    expect(js).toBeGreaterThan(1000);
    expect(js).toBeLessThanOrEqual(10_000);
    expect(css).toBeLessThanOrEqual(8_000);
  });

  it("has every storefront and theme-editor string in English and Swedish, and every key the blocks use", () => {
    expect(keys(locale("sv.json")).sort()).toEqual(keys(locale("en.default.json")).sort());
    expect(keys(locale("sv.schema.json")).sort()).toEqual(keys(locale("en.default.schema.json")).sort());
    const storefront = new Set(keys(locale("en.default.json")));
    const editor = new Set(keys(locale("en.default.schema.json")));
    for (const dir of ["blocks", "snippets"]) {
      for (const file of readdirSync(path.join(EXTENSION_DIR, dir))) {
        const text = readFileSync(path.join(EXTENSION_DIR, dir, file), "utf8");
        for (const [, key] of text.matchAll(/'([a-z_.]+)' \| t\b/g))
          expect(storefront, `${file}: ${key}`).toContain(key);
        for (const [, key] of text.matchAll(/"t:([a-z_.]+)"/g)) expect(editor, `${file}: ${key}`).toContain(key);
      }
    }
  });
});
