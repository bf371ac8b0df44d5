// Fetches the Admin API introspection schema for one API version from the @shopify/dev-mcp npm package
// (which ships them) into tests/fixtures/shopify/, without installing the package: `npm pack` downloads the
// tarball only. Usage: npm run shopify:schema -- <api-version> [dev-mcp-version]
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const Args = z.tuple([
  z.string().regex(/^(\d{4}-\d{2}|unstable)$/, "API version such as 2026-07"),
  z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, "a dev-mcp version such as 1.16.0")
    .optional(),
]);

const parsed = Args.safeParse(process.argv.slice(2));
if (!parsed.success) {
  console.error(
    `usage: npm run shopify:schema -- <api-version> [dev-mcp-version]\n${parsed.error.issues.map((i) => i.message).join("\n")}`,
  );
  process.exit(2);
}
const [apiVersion, devMcpVersion] = parsed.data;
const spec = devMcpVersion ? `@shopify/dev-mcp@${devMcpVersion}` : "@shopify/dev-mcp";
const fileName = `admin_${apiVersion}.json.gz`;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = path.join(root, "tests/fixtures/shopify", fileName);
const work = mkdtempSync(path.join(os.tmpdir(), "kundrost-schema-"));

try {
  const packed = z
    .array(z.object({ filename: z.string(), version: z.string() }))
    .parse(
      JSON.parse(execFileSync("npm", ["pack", spec, "--json", "--pack-destination", work], { encoding: "utf8" })),
    )[0];
  execFileSync("tar", ["xzf", path.join(work, packed.filename), "-C", work, `package/dist/data/${fileName}`]);
  const extracted = path.join(work, "package/dist/data", fileName);
  if (!existsSync(extracted)) throw new Error(`${spec} has no dist/data/${fileName}`);
  copyFileSync(extracted, target);
  console.log(`${path.relative(root, target)} <- @shopify/dev-mcp@${packed.version}`);
  console.log(
    "Update tests/fixtures/shopify/README.md with that package version, and ADMIN_API_VERSION / shopify.app.toml if the version changed.",
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
