// One review: everything the shopper wrote, where it came from (product, order, review request), why the
// moderation rules held it and for how long, the merchant's decision (publish, reject with a reason, back to
// pending), the shop's public reply (also emailed on request), a private reply, the follow-up task, shoppers'
// votes and reports, and the review's history. The reply form shows its error next to the field.
import { useEffect, useRef, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { BlockStack, Page } from "@shopify/polaris";
import { MainAndSide } from "~/components/MainAndSide";
import { z } from "zod";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute, reviewNotFound } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { useAdminToast } from "~/components/AdminToast";
import { ReviewStatusBadge } from "~/components/ReviewBadges";
import { RejectReasonModal } from "~/components/reviews/RejectReasonModal";
import { REJECT_REFUSALS } from "~/components/reviews/reject-refusals";
import {
  deleteReviewReply,
  deleteReviews,
  loadReviewTrust,
  loadShopReview,
  moderateReviews,
  REJECTION_REASONS,
  REPLY_MAX_LENGTH,
  REVIEW_STATUSES,
  saveReviewReply,
  setReviewMediaVisibility,
} from "~/modules/reviews";
import { formatShopDateTime, shopTimeZone } from "~/modules/shops";
import { loadReviewReadings } from "~/modules/insights";
import { DeleteReviewModal } from "./components/DeleteReviewModal";
import { ReplyCard } from "./components/ReplyCard";
import { ReviewContent } from "./components/ReviewContent";
import { ReviewOrigin } from "./components/ReviewOrigin";
import { ReviewReadings } from "./components/ReviewReadings";
import { ReviewTrustSection } from "./components/ReviewTrustSection";
import { trustForScreen } from "./trust-view";

const ReviewId = z.string().regex(/^[\w-]{1,64}$/);

export async function loader({ request, params }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop, embedded } = await authenticateAdmin(request);
    const id = ReviewId.safeParse(params.id);
    const review = id.success ? await loadShopReview(shop, id.data) : null;
    if (!review) throw reviewNotFound();
    const [zone, trust, readings] = await Promise.all([
      shopTimeZone(shop),
      loadReviewTrust(shop, review),
      loadReviewReadings(shop, review.id),
    ]);
    const shown = (date: Date | null) => (date ? formatShopDateTime(date, zone) : null);
    return json({
      embedded,
      zone,
      review: {
        id: review.id,
        rating: review.rating,
        title: review.title,
        body: review.body,
        displayName: review.displayName,
        email: review.email,
        fit: review.fit,
        language: (review.language ?? review.locale).toUpperCase(),
        verifiedBuyer: review.verifiedBuyer,
        status: review.status,
        source: review.source,
        anonymized: review.anonymized,
        heldFor: review.heldFor,
        created: shown(review.createdAt),
        published: shown(review.publishedAt),
      },
      product: review.product,
      media: review.media,
      reply: review.reply ? { body: review.reply.body, updated: shown(review.reply.updatedAt) } : null,
      order: review.order
        ? { shopifyId: review.order.shopifyId, name: review.order.name, placed: shown(review.order.placedAt) }
        : null,
      request: review.request,
      trust: trustForScreen(trust, shown, new Date()),
      readings,
    });
  });
}

const ActionInput = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("moderate"),
    status: z.enum(REVIEW_STATUSES),
    reason: z.enum(REJECTION_REASONS).optional(),
    note: z.string().max(1_000).optional(),
  }),
  z.object({
    intent: z.literal("save-reply"),
    body: z
      .string()
      .max(REPLY_MAX_LENGTH * 4)
      .optional(),
    emailReviewer: z.literal("on").optional(),
  }),
  z.object({ intent: z.literal("delete-reply") }),
  z.object({ intent: z.enum(["hide-media", "show-media"]), mediaId: z.string().regex(/^[\w-]{1,64}$/) }),
  z.object({ intent: z.literal("delete-review") }),
]);

type ActionResult = { ok: true; message: string } | { ok: false; message: string; fieldErrors?: { body?: string } };

export async function action({ request, params }: ActionFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const id = ReviewId.safeParse(params.id);
    if (!id.success) throw reviewNotFound();
    const parsed = ActionInput.safeParse(Object.fromEntries(await request.formData()));
    if (!parsed.success) {
      // Longer than any reply could be: the same message the field would show.
      const tooLong = parsed.error.issues.some((issue) => issue.path[0] === "body");
      return json<ActionResult>(
        tooLong
          ? {
              ok: false,
              message: "The reply was not saved.",
              fieldErrors: { body: `Keep the reply to ${REPLY_MAX_LENGTH.toLocaleString("en")} characters or fewer.` },
            }
          : { ok: false, message: "That action is not available here. Reload the page and try again." },
        { status: 400 },
      );
    }
    const input = parsed.data;

    if (input.intent === "moderate") {
      const outcome = await moderateReviews({
        shop,
        reviewIds: [id.data],
        status: input.status,
        reason: input.reason,
        note: input.note,
      });
      if (!outcome.ok) {
        return json<ActionResult>({ ok: false, message: REJECT_REFUSALS[outcome.refused] }, { status: 400 });
      }
      if (outcome.notFound.length > 0) throw reviewNotFound();
      const message =
        outcome.changed === 0
          ? "The review already had that status."
          : input.status === "published"
            ? "Review published"
            : input.status === "rejected"
              ? "Review rejected"
              : "Review moved back to pending";
      return json<ActionResult>({ ok: true, message });
    }
    if (input.intent === "hide-media" || input.intent === "show-media") {
      const hidden = input.intent === "hide-media";
      if (!(await setReviewMediaVisibility(shop, input.mediaId, hidden))) throw reviewNotFound();
      return json<ActionResult>({
        ok: true,
        message: hidden ? "Hidden from the storefront" : "Shown on the storefront again",
      });
    }
    if (input.intent === "delete-review") {
      const deleted = await deleteReviews({ shop, reviewIds: [id.data], actor: "merchant" });
      if (deleted.changed === 0) throw reviewNotFound();
      return redirect("/app/reviews");
    }
    if (input.intent === "save-reply") {
      const saved = await saveReviewReply({
        shop,
        reviewId: id.data,
        body: input.body,
        emailReviewer: input.emailReviewer === "on",
      });
      if (!saved.ok && saved.reason === "not_found") throw reviewNotFound();
      if (!saved.ok) {
        return json<ActionResult>(
          { ok: false, message: "The reply was not saved.", fieldErrors: saved.fieldErrors },
          { status: 400 },
        );
      }
      const emailed = !saved.email
        ? ""
        : saved.email.status === "queued"
          ? " and emailed to the reviewer"
          : " (not emailed: no address or unsubscribed)";
      return json<ActionResult>({
        ok: true,
        message: `${saved.created ? "Reply published" : "Reply updated"}${emailed}`,
      });
    }
    const deleted = await deleteReviewReply({ shop, reviewId: id.data });
    if (!deleted) {
      // Either the review is not this shop's (404) or its reply was already gone.
      if (!(await loadShopReview(shop, id.data))) throw reviewNotFound();
      return json<ActionResult>({ ok: true, message: "The reply was already removed." });
    }
    return json<ActionResult>({ ok: true, message: "Reply deleted" });
  });
}

export default function ReviewDetail() {
  const { review, product, media, reply, order, request, embedded, zone, trust, readings } =
    useLoaderData<typeof loader>();
  const [rejecting, setRejecting] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const showToast = useAdminToast();

  const busyIntent = navigation.state !== "idle" ? navigation.formData?.get("intent") : null;
  const moderate = (status: (typeof REVIEW_STATUSES)[number]) => () =>
    submit({ intent: "moderate", status }, { method: "post" });

  // Each answer of the action is announced once (a saved reply leaves edit mode: ReplyCard).
  const announced = useRef<unknown>(null);
  useEffect(() => {
    if (!result || announced.current === result) return;
    announced.current = result;
    if (result.ok) {
      showToast(result.message);
    } else if (!("fieldErrors" in result && result.fieldErrors)) {
      showToast(result.message, { error: true });
    }
  }, [result, showToast]);

  const decisions = {
    published: { content: "Publish", onAction: moderate("published"), loading: busyIntent === "moderate" },
    rejected: { content: "Reject", destructive: true, onAction: () => setRejecting(true) },
    pending: {
      content: review.status === "published" ? "Unpublish (back to pending)" : "Back to pending",
      onAction: moderate("pending"),
    },
  };
  const canEmail = Boolean(review.email) && !review.anonymized;
  const primaryAction = review.status === "published" ? undefined : decisions.published;
  const secondaryActions = [
    ...(["pending", "rejected"] as const)
      .filter((status) => status !== review.status)
      .map((status) => decisions[status]),
    {
      content: "Delete review",
      destructive: true,
      onAction: () => setDeleting(true),
    },
  ];

  return (
    <Page
      backAction={{ content: "Reviews", url: "/app/reviews" }}
      title={review.title || `Review by ${review.displayName}`}
      titleMetadata={<ReviewStatusBadge status={review.status} />}
      subtitle={`${product.title ?? `Product ${product.shopifyId}`} · ${review.created} (${zone})`}
      primaryAction={primaryAction}
      secondaryActions={secondaryActions}
    >
      <MainAndSide
        main={
          <BlockStack gap="400">
            <ReviewContent review={review} media={media} waiting={trust.waiting} />
            <RejectReasonModal
              open={rejecting}
              count={1}
              loading={busyIntent === "moderate"}
              onClose={() => setRejecting(false)}
              onReject={({ reason, note }) => {
                setRejecting(false);
                submit({ intent: "moderate", status: "rejected", reason, note }, { method: "post" });
              }}
            />
            <DeleteReviewModal
              open={deleting}
              loading={busyIntent === "delete-review"}
              onClose={() => setDeleting(false)}
              onDelete={() => submit({ intent: "delete-review" }, { method: "post" })}
            />
            {readings ? <ReviewReadings readings={readings} reviewId={review.id} /> : null}
            <ReplyCard reply={reply} result={result} busyIntent={busyIntent} canEmail={canEmail} />
            <ReviewTrustSection reviewId={review.id} trust={trust} canEmail={canEmail} column="main" />
          </BlockStack>
        }
        side={
          <BlockStack gap="400">
            <ReviewOrigin review={review} product={product} order={order} request={request} embedded={embedded} />
            <ReviewTrustSection reviewId={review.id} trust={trust} canEmail={canEmail} column="side" />
          </BlockStack>
        }
      />
    </Page>
  );
}

export const ErrorBoundary = AdminRouteErrorBoundary;
