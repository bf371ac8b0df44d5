// GET /app/privacy/:id/download: one data-request export of the signed-in merchant's shop, as a JSON file.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute, merchantNotFound } from "~/admin-route.server";
import { dataExportFileName, getDataExport } from "~/modules/privacy";

const ParamsSchema = z.object({ id: z.string().min(1).max(64) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const parsed = ParamsSchema.safeParse(params);
    // Another shop's export is "not found" too: ids are never confirmed across shops.
    const found = parsed.success ? await getDataExport(shop, parsed.data.id) : null;
    if (!found)
      return merchantNotFound("This export does not exist", "Go back to Privacy exports and pick one from the list.");
    return new Response(found.content, {
      status: 200,
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${dataExportFileName(found)}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
}
