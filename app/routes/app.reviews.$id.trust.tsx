// The review detail screen's follow-up actions (no page of its own): the follow-up task's note and state, and
// a private reply by email. The detail screen's components post here with fetchers.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute, reviewNotFound } from "~/admin-route.server";
import { sendPrivateReply, updateFollowUpTask } from "~/modules/reviews";

const ReviewId = z.string().regex(/^[\w-]{1,64}$/);

const ActionInput = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("task"),
    note: z.string().max(10_000).optional(),
    status: z.enum(["open", "done"]).optional(),
  }),
  z.object({ intent: z.literal("private-reply"), body: z.string().max(10_000).optional() }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const id = ReviewId.safeParse(params.id);
    if (!id.success) throw reviewNotFound();
    const parsed = ActionInput.safeParse(Object.fromEntries(await request.formData()));
    if (!parsed.success)
      return json(
        { ok: false, message: "That action is not available here. Reload the page and try again." },
        { status: 400 },
      );
    const input = parsed.data;

    if (input.intent === "task") {
      const result = await updateFollowUpTask({ shop, reviewId: id.data, note: input.note, status: input.status });
      if (!result.ok && result.reason === "not_found") throw reviewNotFound();
      if (!result.ok)
        return json(
          { ok: false, message: "The note was not saved.", fieldErrors: { note: result.message } },
          { status: 400 },
        );
      return json({
        ok: true,
        message:
          input.status === "done"
            ? "Follow-up marked done"
            : input.status === "open"
              ? "Follow-up opened again"
              : "Note saved",
      });
    }
    // A private reply by email.
    const result = await sendPrivateReply({ shop, reviewId: id.data, body: input.body });
    if (!result.ok && result.reason === "not_found") throw reviewNotFound();
    if (!result.ok)
      return json({ ok: false, message: "The reply was not sent.", fieldErrors: result.fieldErrors }, { status: 400 });
    const message =
      result.email.status === "queued"
        ? "Private reply on its way to the reviewer"
        : result.email.status === "suppressed"
          ? "Not sent: the reviewer unsubscribed from the shop's emails."
          : "Not sent: the review has no email address.";
    return json({ ok: result.email.status === "queued", message });
  });
}
