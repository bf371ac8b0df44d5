// `npm run build:storefront`: bundles and minifies the storefront's scripts and stylesheet (storefront/) into
// the theme app extension's assets, one script per block. Theme Check counts an app block's script in raw
// bytes (10,000 at most each), so the assets are the minified files; tests/storefront/extension.test.ts fails
// when the committed assets are not this build.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const STOREFRONT_SOURCE_DIR = path.join(root, "storefront");
export const STOREFRONT_ASSET_DIR = path.join(root, "extensions/kundrost-reviews/assets");
/** Asset name -> source entry. */
const ENTRIES = {
  "kundrost-reviews.js": "reviews.js",
  "kundrost-loyalty.js": "loyalty.js",
  "kundrost.css": "kundrost.css",
} as const;

/** The minified assets, by file name, from the sources. */
export async function buildStorefrontAssets(): Promise<Record<string, string>> {
  const built: Record<string, string> = {};
  for (const [name, entry] of Object.entries(ENTRIES)) {
    const css = entry.endsWith(".css");
    const result = await build({
      entryPoints: [path.join(STOREFRONT_SOURCE_DIR, entry)],
      bundle: true,
      minify: true,
      write: false,
      format: css ? undefined : "iife",
      target: css ? "chrome90" : "es2019",
      legalComments: "none",
      logLevel: "silent",
    });
    built[name] = result.outputFiles[0].text;
  }
  return built;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const assets = await buildStorefrontAssets();
  for (const [name, text] of Object.entries(assets)) {
    await writeFile(path.join(STOREFRONT_ASSET_DIR, name), text);
    console.log(`${name}: ${Buffer.byteLength(text)} bytes`);
  }
}
