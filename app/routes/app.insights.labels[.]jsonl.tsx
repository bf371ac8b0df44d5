// GET /app/insights/labels.jsonl: the shop's reading corrections as labelled data (one JSON line per corrected
// review, in the engine's evaluation format), for measuring the engine: `npm run insights -- eval <file>`.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute } from "~/admin-route.server";
import { labelledDataExport } from "~/modules/insights";

export async function loader({ request }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const day = new Date().toISOString().slice(0, 10);
    return new Response(await labelledDataExport(shop), {
      status: 200,
      headers: {
        "Content-Type": "application/x-ndjson; charset=utf-8",
        "Content-Disposition": `attachment; filename="kundrost-labels-${shop.replace(/\.myshopify\.com$/, "")}-${day}.jsonl"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
}
