// The shopper pages' scripts are all built into files named by their content, so a deploy that changes one gives
// it a new URL (served from /build with a year's cache) and no phone keeps running the old one.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildShopperScripts, SHOPPER_SCRIPT_ENTRIES } from "../../scripts/shopper-scripts";

describe("the shopper scripts build", () => {
  it("names every script, the photo uploader included, by a hash of its bytes", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "kr-shopper-"));
    try {
      const manifest = buildShopperScripts(dir);
      expect(Object.keys(manifest).sort()).toEqual(Object.keys(SHOPPER_SCRIPT_ENTRIES).sort());
      expect(Object.keys(manifest)).toContain("review-media");
      for (const [name, url] of Object.entries(manifest)) {
        const match = new RegExp(`^/build/shopper/${name}-([0-9a-f]{10})\\.js$`).exec(url);
        expect(match, url).not.toBeNull();
        const bytes = readFileSync(path.join(dir, path.basename(url)));
        expect(createHash("sha256").update(bytes).digest("hex").slice(0, 10)).toBe(match![1]);
      }
      expect(readFileSync(path.join(dir, path.basename(manifest["review-media"])), "utf8")).toContain(
        "data-media-form",
      );
      expect(JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8"))).toEqual(manifest);
      // The same sources build to the same names: nothing but a change of bytes changes a URL.
      expect(buildShopperScripts(dir)).toEqual(manifest);
      expect(readdirSync(dir).filter((file) => file.endsWith(".js"))).toHaveLength(Object.keys(manifest).length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
