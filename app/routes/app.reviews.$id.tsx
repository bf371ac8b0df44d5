// One review: everything the shopper wrote, where it came from (product, order, review request), why the
// moderation rules held it, the merchant's decision (publish, reject, back to pending) and the shop's public
// reply. The reply form shows its error next to the field.
import { useEffect, useRef, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  InlineStack,
  Layout,
  Link,
  List,
  Page,
  Text,
  TextField,
  Thumbnail,
} from "@shopify/polaris";
import { ImageIcon } from "@shopify/polaris-icons";
import { DateTime } from "luxon";
import { z } from "zod";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute, reviewNotFound } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { useAdminToast } from "~/components/AdminToast";
import { RequestStatusBadge } from "~/components/RequestStatusBadge";
import { RatingStars, ReviewStatusBadge, VerifiedBuyerBadge } from "~/components/ReviewBadges";
import { shopTimeZone } from "~/modules/requests";
import {
  deleteReviewReply,
  loadReviewTrust,
  loadShopReview,
  moderateReviews,
  MODERATION_REASON_WORDS,
  REJECTION_REASONS,
  REPLY_MAX_LENGTH,
  REVIEW_STATUSES,
  saveReviewReply,
} from "~/modules/reviews";
import { ReviewTrustSection, trustForScreen } from "~/components/reviews/ReviewTrustSection";
import { RejectReasonModal } from "~/components/reviews/RejectReasonModal";
import { REJECT_REFUSALS } from "~/components/reviews/reject-refusals";

const ReviewId = z.string().regex(/^[\w-]{1,64}$/);

export async function loader({ request, params }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop, embedded } = await authenticateAdmin(request);
    const id = ReviewId.safeParse(params.id);
    const review = id.success ? await loadShopReview(shop, id.data) : null;
    if (!review) throw reviewNotFound();
    const [zone, trust] = await Promise.all([shopTimeZone(shop), loadReviewTrust(shop, review)]);
    const shown = (date: Date | null) =>
      date ? DateTime.fromJSDate(date, { zone }).toFormat("d LLL yyyy, HH:mm") : null;
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
      if (!outcome.ok)
        return json<ActionResult>({ ok: false, message: REJECT_REFUSALS[outcome.refused] }, { status: 400 });
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
      const emailed = saved.email
        ? ` ${
            saved.email.status === "queued"
              ? "and emailed to the reviewer"
              : "(not emailed: no address or unsubscribed)"
          }`
        : "";
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

const FIT_LABELS: Record<string, string> = {
  runs_small: "Runs small",
  true_to_size: "True to size",
  runs_large: "Runs large",
};

const SOURCE_LABELS: Record<string, string> = {
  request: "Review request email",
  storefront: "Storefront form",
  import: "Import",
  demo: "Demo seed",
};

function formatBytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} kB`;
}

export default function ReviewDetail() {
  const { review, product, media, reply, order, request, embedded, zone, trust } = useLoaderData<typeof loader>();
  const [rejecting, setRejecting] = useState(false);
  const [emailReviewer, setEmailReviewer] = useState(false);
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const showToast = useAdminToast();

  const busyIntent = navigation.state !== "idle" ? navigation.formData?.get("intent") : null;
  const moderate = (status: (typeof REVIEW_STATUSES)[number]) => () =>
    submit({ intent: "moderate", status }, { method: "post" });

  const [editing, setEditing] = useState(reply === null);
  const [replyText, setReplyText] = useState(reply?.body ?? "");
  // Each answer of the action is announced once; a saved reply leaves edit mode.
  const announced = useRef<unknown>(null);
  useEffect(() => {
    if (!result || announced.current === result) return;
    announced.current = result;
    if (result.ok) {
      showToast(result.message);
      setEditing(false);
    } else if (!("fieldErrors" in result && result.fieldErrors)) {
      showToast(result.message, { error: true });
    }
  }, [result, showToast]);
  // After a save or delete the loader's reply is the truth again.
  useEffect(() => {
    setReplyText(reply?.body ?? "");
    if (reply === null) setEditing(true);
  }, [reply]);

  const replyError = result && !result.ok && "fieldErrors" in result ? result.fieldErrors?.body : undefined;

  const decisions = {
    published: { content: "Publish", onAction: moderate("published"), loading: busyIntent === "moderate" },
    rejected: { content: "Reject", destructive: true, onAction: () => setRejecting(true) },
    pending: {
      content: review.status === "published" ? "Unpublish (back to pending)" : "Back to pending",
      onAction: moderate("pending"),
    },
  };
  const primaryAction = review.status === "published" ? undefined : decisions.published;
  const secondaryActions = (["pending", "rejected"] as const)
    .filter((status) => status !== review.status)
    .map((status) => decisions[status]);

  return (
    <Page
      backAction={{ content: "Reviews", url: "/app/reviews" }}
      title={review.title || `Review by ${review.displayName}`}
      titleMetadata={<ReviewStatusBadge status={review.status} />}
      subtitle={`${product.title ?? `Product ${product.shopifyId}`} · ${review.created} (${zone})`}
      primaryAction={primaryAction}
      secondaryActions={secondaryActions}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {review.status === "pending" && review.heldFor.length > 0 ? (
              <Banner tone="warning" title="Held for your decision">
                <List>
                  {review.heldFor.map((reason) => (
                    <List.Item key={reason}>{MODERATION_REASON_WORDS[reason]}</List.Item>
                  ))}
                </List>
                {trust.waiting ? <Text as="p">{trust.waiting}</Text> : null}
              </Banner>
            ) : null}
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
            <Card>
              <BlockStack gap="300">
                <RatingStars rating={review.rating} size="headingLg" />
                {review.title ? (
                  <Text as="h2" variant="headingMd">
                    {review.title}
                  </Text>
                ) : null}
                <Text as="p">
                  <span style={{ whiteSpace: "pre-wrap" }}>{review.body}</span>
                </Text>
                {review.fit ? <Text as="p">{`Fit: ${FIT_LABELS[review.fit] ?? review.fit}`}</Text> : null}
                <InlineStack gap="200" blockAlign="center">
                  <Text as="span" fontWeight="semibold">
                    {review.displayName}
                  </Text>
                  {review.verifiedBuyer ? <VerifiedBuyerBadge /> : null}
                  <Text as="span" tone="subdued">{`Language: ${review.language}`}</Text>
                </InlineStack>
              </BlockStack>
            </Card>
            {media.length > 0 ? (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    {`Photos (${media.length})`}
                  </Text>
                  <List>
                    {media.map((photo, index) => (
                      <List.Item key={photo.id}>
                        {`Photo ${index + 1}: ${photo.width}×${photo.height}, ${photo.mimeType}, ${formatBytes(
                          photo.bytes,
                        )}`}
                      </List.Item>
                    ))}
                  </List>
                </BlockStack>
              </Card>
            ) : null}
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Public reply
                </Text>
                <Text as="p" tone="subdued">
                  Shown under the review on the storefront, signed with the shop's name.
                </Text>
                {reply && !editing ? (
                  <BlockStack gap="200">
                    <Text as="p">
                      <span style={{ whiteSpace: "pre-wrap" }}>{reply.body}</span>
                    </Text>
                    <Text as="p" tone="subdued" variant="bodySm">{`Last changed ${reply.updated}`}</Text>
                    <InlineStack gap="200">
                      <Button onClick={() => setEditing(true)}>Edit reply</Button>
                      <Form method="post">
                        <input type="hidden" name="intent" value="delete-reply" />
                        <Button submit tone="critical" variant="plain" loading={busyIntent === "delete-reply"}>
                          Delete reply
                        </Button>
                      </Form>
                    </InlineStack>
                  </BlockStack>
                ) : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="save-reply" />
                    <BlockStack gap="200">
                      <TextField
                        label="Reply"
                        name="body"
                        value={replyText}
                        onChange={setReplyText}
                        multiline={4}
                        maxLength={REPLY_MAX_LENGTH}
                        showCharacterCount
                        autoComplete="off"
                        error={replyError}
                      />
                      {review.email && !review.anonymized ? (
                        <Checkbox
                          label="Also email the reply to the reviewer (in their language, with a link to update the review)"
                          name="emailReviewer"
                          checked={emailReviewer}
                          onChange={setEmailReviewer}
                        />
                      ) : null}
                      <InlineStack gap="200">
                        <Button submit variant="primary" loading={busyIntent === "save-reply"}>
                          {reply ? "Save reply" : "Publish reply"}
                        </Button>
                        {reply ? (
                          <Button
                            onClick={() => {
                              setReplyText(reply.body);
                              setEditing(false);
                            }}
                          >
                            Cancel
                          </Button>
                        ) : null}
                      </InlineStack>
                    </BlockStack>
                  </Form>
                )}
              </BlockStack>
            </Card>
            <ReviewTrustSection
              reviewId={review.id}
              trust={trust}
              canEmail={Boolean(review.email) && !review.anonymized}
              column="main"
            />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Product
                </Text>
                <InlineStack gap="300" blockAlign="center" wrap={false}>
                  <Thumbnail source={product.imageUrl ?? ImageIcon} alt={product.title ?? ""} size="small" />
                  {embedded ? (
                    // App Bridge opens shopify://admin links in the Shopify admin around the app.
                    <Link url={`shopify://admin/products/${product.shopifyId}`} target="_top">
                      {product.title ?? `Product ${product.shopifyId}`}
                    </Link>
                  ) : (
                    <Text as="span">{product.title ?? `Product ${product.shopifyId}`}</Text>
                  )}
                </InlineStack>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Where it came from
                </Text>
                <Text as="p">{SOURCE_LABELS[review.source] ?? review.source}</Text>
                {order ? (
                  <InlineStack gap="200" align="space-between">
                    <Text as="span" tone="subdued">
                      Order
                    </Text>
                    {embedded ? (
                      <Link url={`shopify://admin/orders/${order.shopifyId}`} target="_top">
                        {order.name}
                      </Link>
                    ) : (
                      <Text as="span">{order.name}</Text>
                    )}
                  </InlineStack>
                ) : null}
                {request ? (
                  <InlineStack gap="200" align="space-between" blockAlign="center">
                    <Link url={`/app/requests/${request.id}`}>Review request</Link>
                    <RequestStatusBadge status={request.status} />
                  </InlineStack>
                ) : null}
                {review.email ? (
                  <Text as="p" tone="subdued">
                    {review.email}
                  </Text>
                ) : null}
                {review.anonymized ? (
                  <Text as="p" tone="subdued">
                    The customer's personal data was removed on request.
                  </Text>
                ) : null}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Dates
                </Text>
                <Text as="p">{`Written ${review.created}`}</Text>
                {review.published ? <Text as="p">{`Published ${review.published}`}</Text> : null}
              </BlockStack>
            </Card>
            <ReviewTrustSection
              reviewId={review.id}
              trust={trust}
              canEmail={Boolean(review.email) && !review.anonymized}
              column="side"
            />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = AdminRouteErrorBoundary;
