// /media/<token>/<file> — a review's stored photo, video or poster. Public only while the review is published
// and the item not hidden; the merchant's admin links carry a signature instead. The media module decides
// and sets the headers (Content-Type, nosniff, a CSP that runs nothing, caching).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { serveMediaFile } from "~/modules/media";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return serveMediaFile(request, params.token ?? "", params.file ?? "");
}
