// The demo's storefront product page: the theme app extension's real blocks rendered by liquidjs in a small
// theme of our own. ?blocks=0 renders the same page without the app (the benchmark's baseline). Demo only.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { demoMemberFromRequest, previewHtmlResponse, renderPreviewProductPage, requireDemoMode } from "~/modules/demo";

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireDemoMode();
  const url = new URL(request.url);
  const html = await renderPreviewProductPage(params.handle ?? "", {
    origin: url.origin,
    customerShopifyId: demoMemberFromRequest(request),
    locale: url.searchParams.get("locale") === "sv" ? "sv" : "en",
    withBlocks: url.searchParams.get("blocks") !== "0",
  });
  if (!html) throw new Response("Not Found", { status: 404 });
  return previewHtmlResponse(html);
}
