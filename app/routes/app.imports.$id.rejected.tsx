// GET /app/imports/:id/rejected — the rows an import rejected (line, reason, the row as it was), as CSV.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute, merchantNotFound } from "~/admin-route.server";
import { rejectedRowsCsv } from "~/modules/reviews";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const id = z
      .string()
      .regex(/^[\w-]{1,64}$/)
      .safeParse(params.id);
    const csv = id.success ? await rejectedRowsCsv(shop, id.data) : null;
    if (csv === null) return merchantNotFound("Import not found", "Open it again from Import & export.");
    return new Response(`\uFEFF${csv}`, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="rejected-rows-${id.success ? id.data : "import"}.csv"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
}
