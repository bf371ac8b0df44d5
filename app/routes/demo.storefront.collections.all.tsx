// The demo's storefront collection page: every product card with the star rating block. Demo only.
import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  demoMemberFromRequest,
  previewHtmlResponse,
  renderPreviewCollectionPage,
  requireDemoMode,
} from "~/modules/demo";

export async function loader({ request }: LoaderFunctionArgs) {
  requireDemoMode();
  const url = new URL(request.url);
  const html = await renderPreviewCollectionPage({
    origin: url.origin,
    customerShopifyId: demoMemberFromRequest(request),
    locale: url.searchParams.get("locale") === "sv" ? "sv" : "en",
    withBlocks: url.searchParams.get("blocks") !== "0",
  });
  return previewHtmlResponse(html);
}
