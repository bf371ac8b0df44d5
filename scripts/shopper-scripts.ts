// The shopper pages' own scripts: each entry in app/shopper/ bundled by esbuild into one small, minified,
// dependency-free file named by its content hash under public/build/shopper/ (served as /build/..., cached for
// good), and a manifest the server reads to link it (app/shopper-scripts.server.ts). Runs after `remix build`
// (which empties public/build): `npm run build` and ensureAppBuild (scripts/server.ts) call it.
// Shopper pages are not hydrated: these files are all the JavaScript they get (see the review page's budget,
// `npm run bench:review-page`).
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildSync } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SHOPPER_SCRIPTS_DIR = path.join(ROOT, "public", "build", "shopper");
export const SHOPPER_SCRIPTS_MANIFEST = path.join(SHOPPER_SCRIPTS_DIR, "manifest.json");

/** Name -> entry file. A page lists the names it needs (app/shopper-scripts.server.ts). */
export const SHOPPER_SCRIPT_ENTRIES: Record<string, string> = {
  "review-page": "app/shopper/review-page.ts",
  "review-media": "app/shopper/review-media.js",
};

export function buildShopperScripts(outDir: string = SHOPPER_SCRIPTS_DIR): Record<string, string> {
  mkdirSync(outDir, { recursive: true });
  const manifest: Record<string, string> = {};
  for (const [name, entry] of Object.entries(SHOPPER_SCRIPT_ENTRIES)) {
    const result = buildSync({
      entryPoints: [path.join(ROOT, entry)],
      bundle: true,
      minify: true,
      format: "iife",
      // Phones a few years old: Safari 14, Chrome 90.
      target: ["es2019", "safari14", "chrome90"],
      platform: "browser",
      legalComments: "none",
      write: false,
    });
    const code = result.outputFiles[0].contents;
    const hash = createHash("sha256").update(code).digest("hex").slice(0, 10);
    const file = `${name}-${hash}.js`;
    writeFileSync(path.join(outDir, file), code);
    manifest[name] = `/build/shopper/${file}`;
  }
  writeFileSync(path.join(outDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const manifest = buildShopperScripts();
  for (const [name, url] of Object.entries(manifest)) console.log(`shopper script ${name}: ${url}`);
}
