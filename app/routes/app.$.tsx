// Any /app path no screen answers (an old bookmark, a typo, a section not built yet): a Polaris "Page not
// found" inside the admin frame, after the same authentication as every screen, never a bare 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute, merchantNotFound } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";

export async function loader({ request }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    await authenticateAdmin(request);
    throw merchantNotFound(
      "Page not found",
      "This address is not a Kundröst page. Check the address, or choose a section from the menu.",
    );
  });
}

export default function AdminPathNotFound() {
  return null;
}

export const ErrorBoundary = AdminRouteErrorBoundary;
