// The theme app extension's assets for the demo's storefront preview, served from the extension folder as
// Shopify's CDN would serve them (the files as they ship). Demo only; only the extension's own asset names.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { requireDemoMode } from "~/modules/demo";
import { EXTENSION_DIR } from "~/modules/storefront";

const TYPES: Record<string, string> = { ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" };

export async function loader({ params }: LoaderFunctionArgs) {
  requireDemoMode();
  const file = params.file ?? "";
  const type = TYPES[path.extname(file)];
  if (!type || !/^[\w-]+\.(js|css)$/.test(file)) throw new Response("Not Found", { status: 404 });
  const body = await readFile(path.join(EXTENSION_DIR, "assets", file)).catch(() => null);
  if (!body) throw new Response("Not Found", { status: 404 });
  return new Response(body, { headers: { "Content-Type": type, "Cache-Control": "public, max-age=300" } });
}
