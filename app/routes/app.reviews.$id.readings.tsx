// POST /app/reviews/:id/readings — the merchant corrects what was read from a review (a topic's sentiment, "not
// about this", a missed topic, the overall sentiment) or takes a correction back. The review detail screen's
// readings card posts here with a fetcher; the insights module stores it and analyses the review again.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute, merchantNotFound } from "~/admin-route.server";
import { correctReading } from "~/modules/insights";

export type ReadingActionResult = { ok: true; message: string } | { ok: false; message: string };

export async function action({ request, params }: ActionFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const form = await request.formData();
    const result = await correctReading({
      shop,
      reviewId: params.id,
      topic: form.get("topic"),
      sentiment: form.get("sentiment"),
    });
    if (!result.ok && result.reason === "not_found") {
      throw merchantNotFound("Review not found", "It may belong to another shop or have been removed.");
    }
    if (!result.ok) {
      const message =
        result.reason === "unknown_topic"
          ? "That topic no longer exists. Reload the page to see the shop's topics."
          : "That correction is not available. Reload the page and try again.";
      return json<ReadingActionResult>({ ok: false, message }, { status: 422 });
    }
    return json<ReadingActionResult>({
      ok: true,
      message: result.changed ? "Reading corrected; the figures include it now" : "Nothing to change",
    });
  });
}
