// Which script files a shopper page links: names of our own bundles (scripts/shopper-scripts.ts writes them with
// a content hash and a manifest under public/build/shopper/), so a deploy's new script has a new URL and the old
// one can be cached for good.
// A page that lists a name the build does not have still works: shopper pages work without JavaScript. That is
// logged once, as a deploy without `npm run build` would be.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { logger } from "./logger.server";

const MANIFEST = path.join(process.cwd(), "public", "build", "shopper", "manifest.json");

let manifest: Record<string, string> | null = null;
const warned = new Set<string>();

function readManifest(): Record<string, string> {
  if (manifest) return manifest;
  if (!existsSync(MANIFEST)) return {};
  manifest = JSON.parse(readFileSync(MANIFEST, "utf8")) as Record<string, string>;
  return manifest;
}

export function shopperScriptUrls(names: readonly string[]): string[] {
  const known = readManifest();
  return names.flatMap((name) => {
    const url = known[name];
    if (url) return [url];
    if (!warned.has(name)) {
      warned.add(name);
      logger.warn({ script: name }, "shopper script missing from the build: run npm run build");
    }
    return [];
  });
}
