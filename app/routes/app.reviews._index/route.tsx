// The Reviews screen: every review of the shop, newest first, with status tabs (and their counts), rating,
// product and verified-buyer filters, a bounded text search, keyset pages, and publish / reject / back to
// pending for the selected rows. The list's state lives in the URL, so a filtered page can be reloaded,
// shared and navigated back to.
import { useInAppLinks } from "~/components/useInAppLinks";
import { useListSearchParams } from "~/components/useListSearchParams";
import { useEffect, useRef, useState } from "react";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Card, IndexTable, Page, useIndexResourceState } from "@shopify/polaris";
import { z } from "zod";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { useAdminToast } from "~/components/AdminToast";
import { reviewStatusLabel } from "~/components/ReviewBadges";
import {
  listShopReviews,
  MAX_MODERATED_AT_ONCE,
  MAX_MODERATED_MATCHING,
  moderateMatchingReviews,
  moderateReviews,
  pendingSince,
  REJECTION_REASONS,
  REVIEW_MEDIA_FILTERS,
  REVIEW_STATUSES,
  reviewFilterProducts,
  reviewStatusCounts,
  SEARCH_SCAN_LIMIT,
  type ReviewStatus,
} from "~/modules/reviews";
import { RejectReasonModal } from "~/components/reviews/RejectReasonModal";
import { REJECT_REFUSALS } from "~/components/reviews/reject-refusals";
import { describeWait } from "~/components/reviews/waiting-time";
import { formatShopDate, shopTimeZone } from "~/modules/shops";
import { NoReviews } from "./components/NoReviews";
import { listFilters, ReviewFilterBar } from "./components/ReviewFilterBar";
import { ReviewRows } from "./components/ReviewRows";
import reviewRowStyles from "./components/review-rows.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reviewRowStyles }];

const PAGE_SIZE = 50;

// Anything odd in the URL (a hand-edited link, an old bookmark) falls back to the default, never an error.
const ListQuery = z.object({
  status: z.enum(REVIEW_STATUSES).optional().catch(undefined),
  // "1,2" (or one rating): any of these stars; anything else in the URL means no rating filter.
  rating: z
    .string()
    .regex(/^[1-5](,[1-5]){0,4}$/)
    .transform((value) => [...new Set(value.split(",").map(Number))].sort())
    .optional()
    .catch(undefined),
  product: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional()
    .catch(undefined),
  verified: z.literal("1").optional().catch(undefined),
  media: z.enum(REVIEW_MEDIA_FILTERS).optional().catch(undefined),
  q: z.string().max(200).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
  dir: z.enum(["next", "prev"]).default("next").catch("next"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const params = ListQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    const filters = {
      ratings: params.rating,
      productShopifyId: params.product,
      verifiedOnly: params.verified === "1",
      media: params.media,
    };
    const [page, counts, products, zone] = await Promise.all([
      listShopReviews(shop, {
        ...filters,
        status: params.status,
        query: params.q,
        cursor: params.cursor,
        direction: params.dir,
        limit: PAGE_SIZE,
      }),
      reviewStatusCounts(shop, filters),
      reviewFilterProducts(shop),
      shopTimeZone(shop),
    ]);
    const shown = (date: Date) => formatShopDate(date, zone);
    // Held reviews say how long they have waited for a decision (no suppression: none waits unseen).
    const waiting = await pendingSince(shop, page.rows);
    const now = new Date();
    return json({
      rows: page.rows.map((row) => ({
        id: row.id,
        rating: row.rating,
        title: row.title,
        excerpt: row.excerpt,
        displayName: row.displayName,
        verifiedBuyer: row.verifiedBuyer,
        status: row.status,
        language: (row.language ?? row.locale).toUpperCase(),
        productTitle: row.productTitle ?? `Product ${row.productShopifyId}`,
        productShopifyId: row.productShopifyId,
        hasReply: row.hasReply,
        thumbnailUrl: row.thumbnailUrl,
        mediaCount: row.mediaCount,
        createdAt: shown(row.createdAt),
        waiting: waiting.has(row.id) ? describeWait(waiting.get(row.id)!, now) : null,
      })),
      nextCursor: page.nextCursor,
      prevCursor: page.prevCursor,
      searchStoppedAt: page.searchStoppedAt ? shown(page.searchStoppedAt) : null,
      counts,
      products,
      // "Select all" can offer every review matching the filters, beyond this page (not for a text search,
      // whose matches are only known page by page).
      matching: params.q
        ? null
        : params.status
          ? counts[params.status]
          : counts.pending + counts.published + counts.rejected,
    });
  });
}

const Decision = {
  intent: z.enum(["publish", "reject", "pending"]),
  reason: z.enum(REJECTION_REASONS).optional(),
  note: z.string().max(1_000).optional(),
};

const MatchingInput = z.object({
  ...Decision,
  scope: z.literal("matching"),
  status: z.enum(REVIEW_STATUSES).optional().catch(undefined),
  rating: ListQuery.shape.rating,
  product: ListQuery.shape.product,
  verified: ListQuery.shape.verified,
  media: ListQuery.shape.media,
});

const BulkInput = z.object({
  ...Decision,
  ids: z
    .string()
    .max(MAX_MODERATED_AT_ONCE * 66)
    .transform((value) =>
      value
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().regex(/^[\w-]{1,64}$/))
        .min(1)
        .max(MAX_MODERATED_AT_ONCE),
    ),
});

const STATUS_FOR_INTENT: Record<z.infer<typeof BulkInput>["intent"], ReviewStatus> = {
  publish: "published",
  reject: "rejected",
  pending: "pending",
};

export async function action({ request }: ActionFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const form = Object.fromEntries(await request.formData());
    if (form.scope === "matching") {
      const matching = MatchingInput.safeParse(form);
      if (!matching.success)
        return json({ ok: false as const, message: "Choose publish, reject or back to pending." }, { status: 400 });
      const { intent, status: tab, rating, product, verified, media, reason, note } = matching.data;
      const status = STATUS_FOR_INTENT[intent];
      const outcome = await moderateMatchingReviews({
        shop,
        status,
        reason,
        note,
        filters: { status: tab, ratings: rating, productShopifyId: product, verifiedOnly: verified === "1", media },
      });
      if (!outcome.ok) return json({ ok: false as const, message: REJECT_REFUSALS[outcome.refused] }, { status: 400 });
      const label = reviewStatusLabel(status).toLowerCase();
      const moved = outcome.changed === 1 ? "1 review" : `${outcome.changed.toLocaleString("en")} reviews`;
      const more = outcome.limited
        ? ` That is the most one click decides (${MAX_MODERATED_MATCHING.toLocaleString("en")}); repeat for the rest.`
        : "";
      return json({ ...outcome, message: `${moved} ${label}.${more}` });
    }
    const parsed = BulkInput.safeParse(form);
    if (!parsed.success) {
      return json(
        {
          ok: false as const,
          message: `Select between 1 and ${MAX_MODERATED_AT_ONCE} reviews, then choose publish, reject or back to pending.`,
        },
        { status: 400 },
      );
    }
    const status = STATUS_FOR_INTENT[parsed.data.intent];
    const outcome = await moderateReviews({
      shop,
      reviewIds: parsed.data.ids,
      status,
      reason: parsed.data.reason,
      note: parsed.data.note,
    });
    if (!outcome.ok) return json({ ok: false as const, message: REJECT_REFUSALS[outcome.refused] }, { status: 400 });
    const label = reviewStatusLabel(status).toLowerCase();
    const moved = outcome.changed === 1 ? "1 review" : `${outcome.changed} reviews`;
    const message =
      outcome.notFound.length > 0
        ? `${moved} ${label}; ${outcome.notFound.length} could not be found (reload the list).`
        : `${moved} ${label}.`;
    return json({ ...outcome, message });
  });
}

export default function ReviewsList() {
  const { rows, nextCursor, prevCursor, searchStoppedAt, counts, products, matching } = useLoaderData<typeof loader>();
  const { searchParams, update } = useListSearchParams();
  const navigation = useNavigation();
  const fetcher = useFetcher<typeof action>();
  const showToast = useAdminToast();
  const followInAppLink = useInAppLinks();
  const { status, ratings, product, verified, media } = listFilters(searchParams);

  const resourceIds = rows.map((row) => ({ id: row.id }));
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } =
    useIndexResourceState(resourceIds);

  // After a bulk decision: say what happened, and start over with a fresh selection (the list reloads itself).
  const lastResult = useRef<unknown>(null);
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data || lastResult.current === fetcher.data) return;
    lastResult.current = fetcher.data;
    showToast(fetcher.data.message, { error: !fetcher.data.ok });
    if (fetcher.data.ok) clearSelection();
  }, [fetcher.state, fetcher.data, showToast, clearSelection]);

  // "All N matching" (chosen beyond the page) decides by the filters; otherwise by the ids selected. A rejection
  // first asks why (the modal), then submits the same way with its reason.
  const beyondPage = allResourcesSelected && matching !== null && matching > rows.length;
  const submitDecision = (intent: "publish" | "reject" | "pending", why: { reason?: string; note?: string } = {}) =>
    beyondPage
      ? fetcher.submit(
          {
            intent,
            ...why,
            scope: "matching",
            status: status ?? "",
            rating: ratings.join(","),
            product: product ?? "",
            verified: verified ? "1" : "",
            media: media ?? "",
          },
          { method: "post" },
        )
      : fetcher.submit({ intent, ...why, ids: selectedResources.join(",") }, { method: "post" });
  const [rejecting, setRejecting] = useState(false);
  const decide = (intent: "publish" | "reject" | "pending") => () =>
    intent === "reject" ? setRejecting(true) : submitDecision(intent);

  const filtered = Boolean(status || searchParams.get("q") || ratings.length > 0 || product || verified || media);
  const emptyState = <NoReviews filtered={filtered} searchStoppedAt={searchStoppedAt} />;

  return (
    <Page title="Reviews" fullWidth>
      <RejectReasonModal
        open={rejecting}
        count={beyondPage && matching !== null ? matching : selectedResources.length}
        loading={fetcher.state !== "idle"}
        onClose={() => setRejecting(false)}
        onReject={({ reason, note }) => {
          setRejecting(false);
          submitDecision("reject", { reason, note });
        }}
      />
      <BlockStack gap="300">
        {searchStoppedAt ? (
          <Banner tone="info">
            {`Search reads up to ${SEARCH_SCAN_LIMIT.toLocaleString("en")} reviews per page and has reached reviews from ${searchStoppedAt}. Use the next page to keep searching older reviews.`}
          </Banner>
        ) : null}
        <Card padding="0">
          <ReviewFilterBar
            counts={counts}
            products={products}
            loading={navigation.state === "loading" || fetcher.state !== "idle"}
          />
          {/* The rows' links are plain anchors (ReviewRows): followed inside the app from here. */}
          <div onClickCapture={followInAppLink}>
            <IndexTable
              resourceName={{ singular: "review", plural: "reviews" }}
              itemCount={matching ?? rows.length}
              hasMoreItems={matching !== null && matching > rows.length}
              selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
              onSelectionChange={handleSelectionChange}
              promotedBulkActions={[
                { content: "Publish", onAction: decide("publish") },
                { content: "Reject", onAction: decide("reject") },
              ]}
              bulkActions={[{ content: "Back to pending", onAction: decide("pending") }]}
              emptyState={emptyState}
              headings={[
                { title: "Rating" },
                { title: "Media" },
                { title: "Review" },
                { title: "Product" },
                { title: "Shown as" },
                { title: "Status" },
                { title: "Language" },
                { title: "Date" },
              ]}
              pagination={{
                hasNext: nextCursor !== null,
                hasPrevious: prevCursor !== null,
                onNext: () => nextCursor && update({ cursor: nextCursor, dir: "next" }),
                onPrevious: () => prevCursor && update({ cursor: prevCursor, dir: "prev" }),
              }}
            >
              <ReviewRows rows={rows} selected={selectedResources} />
            </IndexTable>
          </div>
        </Card>
      </BlockStack>
    </Page>
  );
}

export const ErrorBoundary = AdminRouteErrorBoundary;
