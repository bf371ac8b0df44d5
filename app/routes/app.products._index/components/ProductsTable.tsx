// The Products list: search by name (after a short pause), sort, numbered pages; each name opens the
// product's reviews page.
import { memo, useEffect, useRef, useState } from "react";
import { useNavigation } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Card,
  EmptySearchResult,
  IndexFilters,
  IndexTable,
  InlineStack,
  Link,
  Text,
  Thumbnail,
  useSetIndexFiltersMode,
  type IndexFiltersProps,
} from "@shopify/polaris";
import { ImageIcon } from "@shopify/polaris-icons";
import { useListSearchParams } from "~/components/useListSearchParams";
import { productPath } from "~/components/ProductLink";

interface ProductTopicView {
  key: string;
  label: string;
  mentions: number;
  positive: number;
  negative: number;
}

export interface ProductsTableProps {
  query: { q: string; sort: string };
  page: number;
  pageCount: number;
  total: number;
  truncated: boolean;
  rows: Array<{
    shopifyId: string;
    title: string;
    imageUrl: string | null;
    productType: string | null;
    reviewCount: number;
    averageRating: number | null;
    pendingCount: number;
    lastReviewAt: string | null;
    topics: ProductTopicView[];
  }>;
}

const SORT_OPTIONS: NonNullable<IndexFiltersProps["sortOptions"]> = [
  { label: "Reviews", value: "reviews desc", directionLabel: "Most first" },
  { label: "Last review", value: "recent desc", directionLabel: "Newest first" },
  { label: "Rating", value: "rating_low asc", directionLabel: "Lowest first" },
  { label: "Rating", value: "rating_high desc", directionLabel: "Highest first" },
  { label: "Name", value: "title asc", directionLabel: "A–Z" },
];

function topicTone(topic: ProductTopicView): "success" | "critical" | undefined {
  if (topic.positive > topic.negative * 2) return "success";
  if (topic.negative > topic.positive) return "critical";
  return undefined;
}

export function ProductsTable({ query, page, pageCount, total, truncated, rows }: ProductsTableProps) {
  const { update } = useListSearchParams();
  const navigation = useNavigation();
  const { mode, setMode } = useSetIndexFiltersMode();
  const [search, setSearch] = useState(query.q);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const onSearch = (value: string) => {
    setSearch(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => update({ q: value.trim(), page: null }), 300);
  };
  const sortValue = SORT_OPTIONS.find((option) => option.value.startsWith(`${query.sort} `))?.value ?? "reviews desc";

  return (
    <BlockStack gap="300">
      <Card padding="0">
        <IndexFilters
          tabs={[]}
          selected={0}
          queryValue={search}
          queryPlaceholder="Search products by name"
          onQueryChange={onSearch}
          onQueryClear={() => {
            setSearch("");
            update({ q: null, page: null });
          }}
          sortOptions={SORT_OPTIONS}
          sortSelected={[sortValue]}
          onSort={([value]) =>
            update({ sort: value.split(" ")[0] === "reviews" ? null : value.split(" ")[0], page: null })
          }
          filters={[]}
          appliedFilters={[]}
          onClearAll={() => undefined}
          mode={mode}
          setMode={setMode}
          cancelAction={{ onAction: () => update({ q: null, page: null }) }}
          canCreateNewView={false}
          hideFilters
          loading={navigation.state === "loading"}
        />
        <ProductsIndexTable rows={rows} page={page} pageCount={pageCount} total={total} searched={Boolean(query.q)} />
      </Card>
      {truncated ? (
        <Text as="p" variant="bodySm" tone="subdued">
          The shop has more products than one list reads: search by name to find the others.
        </Text>
      ) : null}
    </BlockStack>
  );
}

/** The table of products. Memoised: opening the search bar or typing re-renders the bar, not the rows. */
const ProductsIndexTable = memo(function ProductsIndexTable(props: {
  rows: ProductsTableProps["rows"];
  page: number;
  pageCount: number;
  total: number;
  searched: boolean;
}) {
  const { rows, page, pageCount, total, searched } = props;
  const { update } = useListSearchParams();
  const emptyState = searched ? (
    <EmptySearchResult title="No products match" description="Try another name." withIllustration={false} />
  ) : (
    <Text as="p" tone="subdued" alignment="center">
      No products yet: they arrive with the shop&apos;s orders.
    </Text>
  );
  return (
    <IndexTable
      resourceName={{ singular: "product", plural: "products" }}
      itemCount={rows.length}
      selectable={false}
      emptyState={emptyState}
      headings={[
        { title: "Product" },
        { title: "Rating" },
        { title: "Reviews", alignment: "end" },
        { title: "Topics customers mention" },
        { title: "Last review" },
      ]}
      pagination={{
        hasNext: page < pageCount,
        hasPrevious: page > 1,
        label: `Page ${page} of ${pageCount} · ${total} ${total === 1 ? "product" : "products"}`,
        onNext: () => update({ page: String(page + 1) }),
        onPrevious: () => update({ page: page - 1 > 1 ? String(page - 1) : null }),
      }}
    >
      {rows.map((row, index) => (
        <IndexTable.Row id={row.shopifyId} key={row.shopifyId} position={index}>
          <IndexTable.Cell>
            <InlineStack gap="300" blockAlign="center" wrap={false}>
              <Thumbnail source={row.imageUrl ?? ImageIcon} alt="" size="small" />
              <BlockStack gap="050">
                <Link url={productPath(row.shopifyId)} dataPrimaryLink monochrome removeUnderline>
                  <Text as="span" fontWeight="semibold">
                    {row.title}
                  </Text>
                </Link>
                {row.productType ? (
                  <Text as="span" variant="bodySm" tone="subdued">
                    {row.productType}
                  </Text>
                ) : null}
              </BlockStack>
            </InlineStack>
          </IndexTable.Cell>
          <IndexTable.Cell>
            {row.averageRating === null ? (
              <Text as="span" tone="subdued">
                —
              </Text>
            ) : (
              <Text as="span" numeric>
                {row.averageRating.toFixed(1)}★
              </Text>
            )}
          </IndexTable.Cell>
          <IndexTable.Cell>
            <BlockStack gap="050" inlineAlign="end">
              <Text as="span" numeric>
                {row.reviewCount}
              </Text>
              {row.pendingCount > 0 ? (
                <Text as="span" variant="bodySm" tone="caution">
                  {row.pendingCount} waiting
                </Text>
              ) : null}
            </BlockStack>
          </IndexTable.Cell>
          <IndexTable.Cell>
            {row.topics.length === 0 ? (
              <Text as="span" tone="subdued">
                —
              </Text>
            ) : (
              <InlineStack gap="100">
                {row.topics.map((topic) => (
                  <Badge key={topic.key} tone={topicTone(topic)}>
                    {`${topic.label} · ${topic.mentions}`}
                  </Badge>
                ))}
              </InlineStack>
            )}
          </IndexTable.Cell>
          <IndexTable.Cell>{row.lastReviewAt ?? "—"}</IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
});
