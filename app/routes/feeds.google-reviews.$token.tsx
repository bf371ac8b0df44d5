// GET /feeds/google-reviews/<secret>: the shop's product ratings feed for Google Shopping (Google's product
// review feed XML), streamed. The secret in the path is the credential (unguessable, regenerable from the
// admin); an unknown or replaced secret is a plain 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { shopifyCredentials } from "~/config.server";
import { reviewFeedChunks, shopForReviewFeed } from "~/modules/reviews";

export async function loader({ params }: LoaderFunctionArgs) {
  const feed = await shopForReviewFeed(params.token ?? "");
  if (!feed) return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  const chunks = reviewFeedChunks(feed.shop, {
    storeUrl: `https://${feed.shop}`,
    mediaBase: shopifyCredentials().appUrl,
    publisher: feed.name,
  });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Cache-Control": "private, max-age=300",
      "X-Robots-Tag": "noindex",
    },
  });
}
