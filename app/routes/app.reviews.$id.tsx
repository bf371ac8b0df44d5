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
import { adminRoute, merchantNotFound } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { productPath } from "~/components/ProductLink";
import { useAdminToast } from "~/components/AdminToast";
import { RequestStatusBadge } from "~/components/RequestStatusBadge";
import { RatingStars, ReviewStatusBadge, VerifiedBuyerBadge } from "~/components/ReviewBadges";
import { shopTimeZone } from "~/modules/requests";
import {
  deleteReviewReply,
  loadShopReview,
  moderateReviews,
  REPLY_MAX_LENGTH,
  REVIEW_STATUSES,
  saveReviewReply,
  type ModerationReason,
} from "~/modules/reviews";

const ReviewId = z.string().regex(/^[\w-]{1,64}$/);

function reviewNotFound(): Response {
  return merchantNotFound(
    "Review not found",
    "It may belong to another shop or have been removed with the customer's data. Open it again from the Reviews list.",
  );
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop, embedded } = await authenticateAdmin(request);
    const id = ReviewId.safeParse(params.id);
    const review = id.success ? await loadShopReview(shop, id.data) : null;
    if (!review) throw reviewNotFound();
    const zone = await shopTimeZone(shop);
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
    });
  });
}

const ActionInput = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("moderate"), status: z.enum(REVIEW_STATUSES) }),
  z.object({
    intent: z.literal("save-reply"),
    body: z
      .string()
      .max(REPLY_MAX_LENGTH * 4)
      .optional(),
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
      const outcome = await moderateReviews({ shop, reviewIds: [id.data], status: input.status });
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
      const saved = await saveReviewReply({ shop, reviewId: id.data, body: input.body });
      if (!saved.ok && saved.reason === "not_found") throw reviewNotFound();
      if (!saved.ok) {
        return json<ActionResult>(
          { ok: false, message: "The reply was not saved.", fieldErrors: saved.fieldErrors },
          { status: 400 },
        );
      }
      return json<ActionResult>({ ok: true, message: saved.created ? "Reply published" : "Reply updated" });
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

const HELD_FOR_LABELS: Record<ModerationReason, string> = {
  low_rating: "The rating is below the shop's auto-publish threshold (Settings).",
  banned_word: "It contains a word on the banned-word list.",
  link: "It contains a link.",
  email: "It contains an email address.",
  phone: "It contains a phone number.",
  markup: "It contains HTML markup (such as <b> or <script>), a common sign of spam.",
};

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
  const { review, product, media, reply, order, request, embedded, zone } = useLoaderData<typeof loader>();
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
    rejected: { content: "Reject", destructive: true, onAction: moderate("rejected") },
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
                    <List.Item key={reason}>{HELD_FOR_LABELS[reason]}</List.Item>
                  ))}
                </List>
              </Banner>
            ) : null}
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
                        {`Photo ${index + 1}: ${photo.width}×${photo.height}, ${photo.mimeType}, ${formatBytes(photo.bytes)}`}
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
                  <BlockStack gap="050">
                    <Link url={productPath(product.shopifyId)}>{product.title ?? `Product ${product.shopifyId}`}</Link>
                    {embedded ? (
                      // App Bridge opens shopify://admin links in the Shopify admin around the app.
                      <Link url={`shopify://admin/products/${product.shopifyId}`} target="_top" monochrome>
                        Open in Shopify
                      </Link>
                    ) : null}
                  </BlockStack>
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
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = AdminRouteErrorBoundary;
