// The Reviews screen: every review of the shop, newest first, with status tabs (and their counts), rating,
// product and verified-buyer filters, a bounded text search, keyset pages, and publish / reject / back to
// pending for the selected rows. The list's state lives in the URL, so a filtered page can be reloaded,
// shared and navigated back to.
import { useListSearchParams } from "~/components/useListSearchParams";
import { useEffect, useRef, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Card,
  IndexFilters,
  IndexTable,
  Page,
  useIndexResourceState,
  useSetIndexFiltersMode,
  type TabProps,
} from "@shopify/polaris";
import { z } from "zod";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { useAdminToast } from "~/components/AdminToast";
import { reviewStatusLabel } from "~/components/ReviewBadges";
import {
  listShopReviews,
  MAX_MODERATED_AT_ONCE,
  pendingSince,
  moderateReviews,
  REVIEW_MEDIA_FILTERS,
  REVIEW_STATUSES,
  reviewFilterProducts,
  reviewStatusCounts,
  REJECTION_REASONS,
  SEARCH_SCAN_LIMIT,
  type ReviewStatus,
} from "~/modules/reviews";
import { RejectReasonModal } from "~/components/reviews/RejectReasonModal";
import { describeWait } from "~/components/reviews/waiting-time";
import { REJECT_REFUSALS } from "~/components/reviews/reject-refusals";
import { formatShopDate, shopTimeZone } from "~/modules/shops";
import { NoReviews } from "./components/NoReviews";
import { reviewFilters } from "./components/review-filters";
import { MEDIA_FILTER_LABELS, type MediaFilterValue } from "./components/media-parts";
import { ReviewRows } from "./components/ReviewRows";

const PAGE_SIZE = 50;

// Anything odd in the URL (a hand-edited link, an old bookmark) falls back to the default, never an error.
const ListQuery = z.object({
  status: z.enum(REVIEW_STATUSES).optional().catch(undefined),
  rating: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
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
      rating: params.rating,
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
    });
  });
}

const BulkInput = z.object({
  intent: z.enum(["publish", "reject", "pending"]),
  reason: z.enum(REJECTION_REASONS).optional(),
  note: z.string().max(1_000).optional(),
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
    const parsed = BulkInput.safeParse(Object.fromEntries(await request.formData()));
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

const TABS: { status: ReviewStatus | undefined; label: string }[] = [
  { status: undefined, label: "All" },
  ...REVIEW_STATUSES.map((status) => ({ status, label: reviewStatusLabel(status) })),
];

export default function ReviewsList() {
  const { rows, nextCursor, prevCursor, searchStoppedAt, counts, products } = useLoaderData<typeof loader>();
  const { searchParams, update } = useListSearchParams();
  const navigation = useNavigation();
  const fetcher = useFetcher<typeof action>();
  const showToast = useAdminToast();
  const { mode, setMode } = useSetIndexFiltersMode();

  const status = searchParams.get("status");
  const selectedTab = Math.max(
    0,
    TABS.findIndex((tab) => (tab.status ?? null) === status),
  );
  const total = counts.pending + counts.published + counts.rejected;
  const tabs: TabProps[] = TABS.map((tab, index) => ({
    id: `status-${tab.status ?? "all"}`,
    content: `${tab.label} (${(tab.status ? counts[tab.status] : total).toLocaleString("en")})`,
    index,
    isLocked: true,
    onAction: () => undefined,
  }));

  // Typing searches after a short pause, so each keystroke does not load a page.
  const [query, setQuery] = useState(searchParams.get("q") ?? "");
  const searchTimer = useRef<ReturnType<typeof setTimeout>>();
  const onQueryChange = (value: string) => {
    setQuery(value);
    clearTimeout(searchTimer.current);
    searchTimer.current = setTimeout(() => update({ q: value.trim() }), 350);
  };
  useEffect(() => () => clearTimeout(searchTimer.current), []);

  const rating = searchParams.get("rating");
  const product = searchParams.get("product");
  const verified = searchParams.get("verified") === "1";
  const mediaParam = searchParams.get("media");
  const media = mediaParam && mediaParam in MEDIA_FILTER_LABELS ? (mediaParam as MediaFilterValue) : null;
  const productTitle = products.find((p) => p.shopifyId === product)?.title ?? (product ? `Product ${product}` : null);

  const { filters, appliedFilters } = reviewFilters({
    rating,
    product,
    verified,
    media,
    productTitle,
    products,
    update,
  });

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

  const [rejecting, setRejecting] = useState(false);
  const decide = (intent: "publish" | "reject" | "pending") => () =>
    intent === "reject"
      ? setRejecting(true)
      : fetcher.submit({ intent, ids: selectedResources.join(",") }, { method: "post" });

  const filtered = Boolean(status || searchParams.get("q") || rating || product || verified || media);
  const emptyState = <NoReviews filtered={filtered} searchStoppedAt={searchStoppedAt} />;

  return (
    <Page title="Reviews" fullWidth>
      <RejectReasonModal
        open={rejecting}
        count={selectedResources.length}
        loading={fetcher.state !== "idle"}
        onClose={() => setRejecting(false)}
        onReject={({ reason, note }) => {
          setRejecting(false);
          fetcher.submit({ intent: "reject", reason, note, ids: selectedResources.join(",") }, { method: "post" });
        }}
      />
      <BlockStack gap="300">
        {searchStoppedAt ? (
          <Banner tone="info">
            {`Search reads up to ${SEARCH_SCAN_LIMIT.toLocaleString(
              "en",
            )} reviews per page and has reached reviews from ${searchStoppedAt}. Use the next page to keep searching older reviews.`}
          </Banner>
        ) : null}
        <Card padding="0">
          <IndexFilters
            tabs={tabs}
            selected={selectedTab}
            onSelect={(index) => update({ status: TABS[index]?.status ?? null })}
            queryValue={query}
            queryPlaceholder="Search review text, name or email"
            onQueryChange={onQueryChange}
            onQueryClear={() => {
              setQuery("");
              update({ q: null });
            }}
            filters={filters}
            appliedFilters={appliedFilters}
            onClearAll={() => update({ rating: null, product: null, verified: null, media: null })}
            mode={mode}
            setMode={setMode}
            cancelAction={{
              onAction: () => {
                clearTimeout(searchTimer.current);
                setQuery("");
                update({ q: null });
              },
            }}
            canCreateNewView={false}
            loading={navigation.state === "loading" || fetcher.state !== "idle"}
          />
          <IndexTable
            resourceName={{ singular: "review", plural: "reviews" }}
            itemCount={rows.length}
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
        </Card>
      </BlockStack>
    </Page>
  );
}

export const ErrorBoundary = AdminRouteErrorBoundary;
