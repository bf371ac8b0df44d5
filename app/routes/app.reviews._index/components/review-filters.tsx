// The Reviews list's filters (rating, product, verified buyers, photos / video) and the chips of those applied.
import type { IndexFiltersProps } from "@shopify/polaris";
import { ChoiceList } from "@shopify/polaris";
import { ratingFilterLabel } from "./ActiveFilterTags";
import { MEDIA_FILTER_LABELS, mediaFilter, type MediaFilterValue } from "./media-parts";

const RATING_CHOICES = [5, 4, 3, 2, 1].map((stars) => ({
  label: `${stars} star${stars === 1 ? "" : "s"}`,
  value: String(stars),
}));

export function reviewFilters(props: {
  /** The ratings chosen ("1", "2"), any number of them: "1–2★" is the view of reviews to answer. */
  ratings: string[];
  product: string | null;
  verified: boolean;
  media: MediaFilterValue | null;
  productTitle: string | null;
  products: { shopifyId: string; title: string }[];
  update: (changes: Record<string, string | null>) => void;
}) {
  const { ratings, product, verified, media, productTitle, products, update } = props;
  const filters: IndexFiltersProps["filters"] = [
    {
      key: "rating",
      label: "Rating",
      shortcut: true,
      filter: (
        <ChoiceList
          title="Rating"
          titleHidden
          allowMultiple
          choices={RATING_CHOICES}
          selected={ratings}
          onChange={(values) => update({ rating: [...values].sort().join(",") || null })}
        />
      ),
    },
    {
      key: "product",
      label: "Product",
      shortcut: true,
      filter: (
        <ChoiceList
          title="Product"
          titleHidden
          choices={products.map((p) => ({ label: p.title, value: p.shopifyId }))}
          selected={product ? [product] : []}
          onChange={([value]) => update({ product: value ?? null })}
        />
      ),
    },
    {
      key: "verified",
      label: "Verified buyers",
      shortcut: true,
      filter: (
        <ChoiceList
          title="Verified buyers"
          titleHidden
          allowMultiple
          choices={[{ label: "Only reviews by verified buyers", value: "1" }]}
          selected={verified ? ["1"] : []}
          onChange={(values) => update({ verified: values.includes("1") ? "1" : null })}
        />
      ),
    },
    mediaFilter(media, (value) => update({ media: value })),
  ];
  const appliedFilters: IndexFiltersProps["appliedFilters"] = [
    ...(ratings.length > 0
      ? [{ key: "rating", label: ratingFilterLabel(ratings.map(Number)), onRemove: () => update({ rating: null }) }]
      : []),
    ...(product
      ? [{ key: "product", label: `Product: ${productTitle}`, onRemove: () => update({ product: null }) }]
      : []),
    ...(verified
      ? [{ key: "verified", label: "Verified buyers only", onRemove: () => update({ verified: null }) }]
      : []),
    ...(media ? [{ key: "media", label: MEDIA_FILTER_LABELS[media], onRemove: () => update({ media: null }) }] : []),
  ];
  return { filters, appliedFilters };
}
