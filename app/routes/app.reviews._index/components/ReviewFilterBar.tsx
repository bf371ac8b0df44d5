// The Reviews list's bar: status tabs with their counts, the search, the rating / product / verified / media
// filters and, while the bar is collapsed, the filters in force as removable tags. Memoised, and it keeps its own
// state (the search being typed, the bar's mode), so selecting rows in the table never re-renders it.
import { memo, useMemo } from "react";
import { IndexFilters, IndexFiltersMode, useSetIndexFiltersMode, type TabProps } from "@shopify/polaris";
import { reviewStatusLabel } from "~/components/ReviewBadges";
import { useListSearch, useListSearchParams } from "~/components/useListSearchParams";
import { REVIEW_STATUSES, type ReviewStatus } from "~/modules/reviews";
import { ActiveFilterTags } from "./ActiveFilterTags";
import { MEDIA_FILTER_LABELS, type MediaFilterValue } from "./media-parts";
import { reviewFilters } from "./review-filters";

const TABS: { status: ReviewStatus | undefined; label: string }[] = [
  { status: undefined, label: "All" },
  ...REVIEW_STATUSES.map((status) => ({ status, label: reviewStatusLabel(status) })),
];

/** The filters of the URL the list reads, as the bar shows them. */
export function listFilters(searchParams: URLSearchParams) {
  const media = searchParams.get("media");
  return {
    status: searchParams.get("status"),
    ratings: (searchParams.get("rating") ?? "").split(",").filter((value) => /^[1-5]$/.test(value)),
    product: searchParams.get("product"),
    verified: searchParams.get("verified") === "1",
    media: media && media in MEDIA_FILTER_LABELS ? (media as MediaFilterValue) : null,
  };
}

export const ReviewFilterBar = memo(function ReviewFilterBar(props: {
  counts: Record<ReviewStatus, number>;
  products: { shopifyId: string; title: string }[];
  loading: boolean;
}) {
  const { counts, products, loading } = props;
  const { searchParams, update } = useListSearchParams();
  const { mode, setMode } = useSetIndexFiltersMode();
  const { status, ratings, product, verified, media } = listFilters(searchParams);

  const selectedTab = Math.max(
    0,
    TABS.findIndex((tab) => (tab.status ?? null) === status),
  );
  const tabs: TabProps[] = useMemo(() => {
    const total = counts.pending + counts.published + counts.rejected;
    return TABS.map((tab, index) => ({
      id: `status-${tab.status ?? "all"}`,
      content: `${tab.label} (${(tab.status ? counts[tab.status] : total).toLocaleString("en")})`,
      index,
      isLocked: true,
      onAction: () => undefined,
    }));
  }, [counts]);

  // Typing searches after a short pause, so each keystroke does not load a page.
  const { query, onQueryChange, clear } = useListSearch(update, searchParams.get("q") ?? "");

  const productTitle = products.find((p) => p.shopifyId === product)?.title ?? (product ? `Product ${product}` : null);
  const { filters, appliedFilters } = reviewFilters({
    ratings,
    product,
    verified,
    media,
    productTitle,
    products,
    update,
  });
  const clearFilters = () => update({ rating: null, product: null, verified: null, media: null });

  return (
    <>
      <IndexFilters
        tabs={tabs}
        selected={selectedTab}
        onSelect={(index) => update({ status: TABS[index]?.status ?? null })}
        queryValue={query}
        queryPlaceholder="Search review text, name or email"
        onQueryChange={onQueryChange}
        onQueryClear={clear}
        filters={filters}
        appliedFilters={appliedFilters}
        onClearAll={clearFilters}
        mode={mode}
        setMode={setMode}
        cancelAction={{ onAction: clear }}
        canCreateNewView={false}
        loading={loading}
      />
      {mode === IndexFiltersMode.Default ? (
        <ActiveFilterTags filters={appliedFilters ?? []} onClearAll={clearFilters} />
      ) : null}
    </>
  );
});
