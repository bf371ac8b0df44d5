// The Requests screen: every review request of the shop, by send date, with status tabs, a send-date
// range, search by order name or customer email, and keyset pages (listReviewRequests explains why).
// All of the list's state lives in the URL, so a filtered page can be reloaded, shared and navigated back to.
import { useListSearch, useListSearchParams } from "~/components/useListSearchParams";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useNavigation } from "@remix-run/react";
import {
  BlockStack,
  Card,
  IndexFilters,
  Page,
  TextField,
  useSetIndexFiltersMode,
  type IndexFiltersProps,
  type TabProps,
} from "@shopify/polaris";
import { z } from "zod";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { requestStatusLabel } from "~/components/RequestStatusBadge";
import {
  listReviewRequests,
  REVIEW_REQUEST_STATUSES,
  sendDateRange,
  type ListedRequestStatus,
} from "~/modules/requests";
import { formatShopDateTime, shopTimeZone } from "~/modules/shops";
import { RequestsTable } from "./components/RequestsTable";

const PAGE_SIZE = 50;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
// Anything odd in the URL (a hand-edited link, an old bookmark) falls back to the default, never an error.
const ListQuery = z.object({
  status: z.enum(REVIEW_REQUEST_STATUSES).optional().catch(undefined),
  q: z.string().max(200).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  sort: z.enum(["sendAt_desc", "sendAt_asc"]).default("sendAt_desc").catch("sendAt_desc"),
  cursor: z.string().max(200).optional().catch(undefined),
  dir: z.enum(["next", "prev"]).default("next").catch("next"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const params = ListQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    const zone = await shopTimeZone(shop);
    const page = await listReviewRequests(shop, {
      status: params.status,
      query: params.q,
      ...sendDateRange(zone, params.from, params.to),
      order: params.sort,
      cursor: params.cursor,
      direction: params.dir,
      limit: PAGE_SIZE,
    });
    const shown = (date: Date | null) => (date ? formatShopDateTime(date, zone) : null);
    return json({
      rows: page.rows.map((row) => ({
        id: row.id,
        status: row.status,
        orderName: row.orderName,
        customerName: row.customerName,
        email: row.email,
        productCount: row.productCount,
        sendAt: shown(row.sendAt),
        sentAt: shown(row.sentAt),
      })),
      nextCursor: page.nextCursor,
      prevCursor: page.prevCursor,
      zone,
    });
  });
}

const TABS: { status: ListedRequestStatus | undefined; label: string }[] = [
  { status: undefined, label: "All" },
  ...REVIEW_REQUEST_STATUSES.map((status) => ({ status, label: requestStatusLabel(status) })),
];

const SORT_OPTIONS: IndexFiltersProps["sortOptions"] = [
  { label: "Send date", value: "sendAt desc", directionLabel: "Newest first" },
  { label: "Send date", value: "sendAt asc", directionLabel: "Oldest first" },
];

export default function RequestsList() {
  const { rows, nextCursor, prevCursor, zone } = useLoaderData<typeof loader>();
  const { searchParams, update } = useListSearchParams();
  const navigation = useNavigation();
  const { mode, setMode } = useSetIndexFiltersMode();

  const status = searchParams.get("status");
  const selectedTab = Math.max(
    0,
    TABS.findIndex((tab) => (tab.status ?? null) === status),
  );
  const tabs: TabProps[] = TABS.map((tab, index) => ({
    id: `status-${tab.status ?? "all"}`,
    content: tab.label,
    index,
    isLocked: true,
    onAction: () => undefined,
  }));

  // Typing searches after a short pause, so each keystroke does not load a page.
  const { query, onQueryChange, clear } = useListSearch(update, searchParams.get("q") ?? "");

  const from = searchParams.get("from") ?? "";
  const to = searchParams.get("to") ?? "";
  const sort = searchParams.get("sort") === "sendAt_asc" ? "sendAt asc" : "sendAt desc";

  const filters: IndexFiltersProps["filters"] = [
    {
      key: "sendDate",
      label: "Send date",
      shortcut: true,
      filter: (
        <BlockStack gap="200">
          <TextField
            label="From"
            type="date"
            value={from}
            onChange={(value) => update({ from: value })}
            autoComplete="off"
          />
          <TextField label="To" type="date" value={to} onChange={(value) => update({ to: value })} autoComplete="off" />
        </BlockStack>
      ),
    },
  ];
  const appliedFilters: IndexFiltersProps["appliedFilters"] =
    from || to
      ? [
          {
            key: "sendDate",
            label: `Send date: ${from || "any"} – ${to || "any"} (${zone})`,
            onRemove: () => update({ from: null, to: null }),
          },
        ]
      : [];

  const filtered = Boolean(status || searchParams.get("q") || from || to);

  return (
    <Page title="Review requests" fullWidth>
      <Card padding="0">
        <IndexFilters
          tabs={tabs}
          selected={selectedTab}
          onSelect={(index) => update({ status: TABS[index]?.status ?? null })}
          queryValue={query}
          queryPlaceholder="Search by order number or customer email"
          onQueryChange={onQueryChange}
          onQueryClear={clear}
          sortOptions={SORT_OPTIONS}
          sortSelected={[sort]}
          onSort={([value]) => update({ sort: value === "sendAt asc" ? "sendAt_asc" : null })}
          filters={filters}
          appliedFilters={appliedFilters}
          onClearAll={() => update({ from: null, to: null })}
          mode={mode}
          setMode={setMode}
          cancelAction={{ onAction: clear }}
          canCreateNewView={false}
          loading={navigation.state === "loading"}
        />
        <RequestsTable
          rows={rows}
          zone={zone}
          nextCursor={nextCursor}
          prevCursor={prevCursor}
          filtered={filtered}
          update={update}
        />
      </Card>
    </Page>
  );
}

export const ErrorBoundary = AdminRouteErrorBoundary;
