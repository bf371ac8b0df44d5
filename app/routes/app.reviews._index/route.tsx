// The Reviews screen: every review of the shop, newest first, with status tabs (and their counts), rating,
// product and verified-buyer filters, a bounded text search, keyset pages, and publish / reject / back to
// pending for the selected rows. The list's state lives in the URL, so a filtered page can be reloaded,
// shared and navigated back to.
import { useListSearchParams } from "~/components/useListSearchParams";
import { useEffect, useRef } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
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
  REVIEW_STATUSES,
  reviewFilterProducts,
  reviewStatusCounts,
  SEARCH_SCAN_LIMIT,
  type ReviewStatus,
} from "~/modules/reviews";
import { formatShopDate, shopTimeZone } from "~/modules/shops";
import { NoReviews } from "./components/NoReviews";
import { listFilters, ReviewFilterBar } from "./components/ReviewFilterBar";
import { ReviewRows } from "./components/ReviewRows";

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
  q: z.string().max(200).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
  dir: z.enum(["next", "prev"]).default("next").catch("next"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const params = ListQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    const filters = { ratings: params.rating, productShopifyId: params.product, verifiedOnly: params.verified === "1" };
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
        createdAt: shown(row.createdAt),
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

const MatchingInput = z.object({
  intent: z.enum(["publish", "reject", "pending"]),
  scope: z.literal("matching"),
  status: z.enum(REVIEW_STATUSES).optional().catch(undefined),
  rating: ListQuery.shape.rating,
  product: ListQuery.shape.product,
  verified: ListQuery.shape.verified,
});

const BulkInput = z.object({
  intent: z.enum(["publish", "reject", "pending"]),
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
      const { intent, status: tab, rating, product, verified } = matching.data;
      const status = STATUS_FOR_INTENT[intent];
      const outcome = await moderateMatchingReviews({
        shop,
        status,
        filters: { status: tab, ratings: rating, productShopifyId: product, verifiedOnly: verified === "1" },
      });
      const label = reviewStatusLabel(status).toLowerCase();
      const moved = outcome.changed === 1 ? "1 review" : `${outcome.changed.toLocaleString("en")} reviews`;
      const more = outcome.limited
        ? ` That is the most one click decides (${MAX_MODERATED_MATCHING.toLocaleString("en")}); repeat for the rest.`
        : "";
      return json({ ok: true as const, message: `${moved} ${label}.${more}`, ...outcome });
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
    const outcome = await moderateReviews({ shop, reviewIds: parsed.data.ids, status });
    const label = reviewStatusLabel(status).toLowerCase();
    const moved = outcome.changed === 1 ? "1 review" : `${outcome.changed} reviews`;
    const message =
      outcome.notFound.length > 0
        ? `${moved} ${label}; ${outcome.notFound.length} could not be found (reload the list).`
        : `${moved} ${label}.`;
    return json({ ok: true as const, message, ...outcome });
  });
}

export default function ReviewsList() {
  const { rows, nextCursor, prevCursor, searchStoppedAt, counts, products, matching } = useLoaderData<typeof loader>();
  const { searchParams, update } = useListSearchParams();
  const navigation = useNavigation();
  const fetcher = useFetcher<typeof action>();
  const showToast = useAdminToast();
  const { status, ratings, product, verified } = listFilters(searchParams);

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

  // "All N matching" (chosen beyond the page) decides by the filters; otherwise by the ids selected.
  const decide = (intent: "publish" | "reject" | "pending") => () =>
    allResourcesSelected && matching !== null && matching > rows.length
      ? fetcher.submit(
          {
            intent,
            scope: "matching",
            status: status ?? "",
            rating: ratings.join(","),
            product: product ?? "",
            verified: verified ? "1" : "",
          },
          { method: "post" },
        )
      : fetcher.submit({ intent, ids: selectedResources.join(",") }, { method: "post" });

  const filtered = Boolean(status || searchParams.get("q") || ratings.length > 0 || product || verified);
  const emptyState = <NoReviews filtered={filtered} searchStoppedAt={searchStoppedAt} />;

  return (
    <Page title="Reviews" fullWidth>
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
