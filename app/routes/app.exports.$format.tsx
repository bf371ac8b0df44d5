// GET /app/exports/:format — all of the shop's reviews as CSV (kundrost or judgeme), streamed page by page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute, merchantNotFound } from "~/admin-route.server";
import { EXPORT_FORMATS, exportFileName, exportReviewsStream } from "~/modules/reviews";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const format = z.enum(EXPORT_FORMATS).safeParse(params.format);
    if (!format.success)
      return merchantNotFound("No such export", "Choose the Kundröst or the Judge.me format on Import & export.");
    return new Response(exportReviewsStream(shop, format.data), {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${exportFileName(shop, format.data)}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
}
