// GET /app/digest/topics.csv?week=<any day of the week>: the topic figures behind that week's digest, per product.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute } from "~/admin-route.server";
import { digestTopicsCsv } from "~/modules/voc";

export async function loader({ request }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const { csv, fileName } = await digestTopicsCsv(shop, new URL(request.url).searchParams.get("week"));
    return new Response(csv, {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileName}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
}
