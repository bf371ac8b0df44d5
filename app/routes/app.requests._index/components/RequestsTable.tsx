// The Requests list's table. Memoised: opening the search and filter bar, typing a search or choosing a tab
// re-renders the bar, not fifty rows, until the new page's rows arrive.
import { memo } from "react";
import type { SerializeFrom } from "@remix-run/node";
import { BlockStack, EmptySearchResult, IndexTable, Link, Text } from "@shopify/polaris";
import { RequestStatusBadge } from "~/components/RequestStatusBadge";
import type { loader } from "../route";

type Row = SerializeFrom<typeof loader>["rows"][number];

export const RequestsTable = memo(function RequestsTable(props: {
  rows: Row[];
  zone: string;
  nextCursor: string | null;
  prevCursor: string | null;
  filtered: boolean;
  update: (changes: Record<string, string | null>) => void;
}) {
  const { rows, zone, nextCursor, prevCursor, filtered, update } = props;
  const emptyState = filtered ? (
    <EmptySearchResult
      title="No requests match"
      description="Try another order number or email, or clear the filters."
      withIllustration={false}
    />
  ) : (
    <BlockStack gap="200" inlineAlign="center">
      <Text as="p" variant="headingMd">
        No review requests yet
      </Text>
      <Text as="p" tone="subdued">
        A request is scheduled for every fulfilled order; they appear here as orders come in.
      </Text>
    </BlockStack>
  );
  return (
    <IndexTable
      resourceName={{ singular: "review request", plural: "review requests" }}
      itemCount={rows.length}
      selectable={false}
      emptyState={emptyState}
      headings={[
        { title: "Order" },
        { title: "Customer" },
        { title: "Status" },
        { title: `Send date (${zone})` },
        { title: "Sent" },
        { title: "Products", alignment: "end" },
      ]}
      pagination={{
        hasNext: nextCursor !== null,
        hasPrevious: prevCursor !== null,
        onNext: () => nextCursor && update({ cursor: nextCursor, dir: "next" }),
        onPrevious: () => prevCursor && update({ cursor: prevCursor, dir: "prev" }),
      }}
    >
      {rows.map((row, index) => (
        <IndexTable.Row id={row.id} key={row.id} position={index}>
          <IndexTable.Cell>
            <Link url={`/app/requests/${row.id}`} dataPrimaryLink monochrome removeUnderline>
              <Text as="span" fontWeight="semibold">
                {row.orderName ?? "Order"}
              </Text>
            </Link>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <BlockStack>
              <Text as="span">{row.customerName ?? row.email ?? "—"}</Text>
              {row.customerName && row.email ? (
                <Text as="span" tone="subdued" variant="bodySm">
                  {row.email}
                </Text>
              ) : null}
            </BlockStack>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <RequestStatusBadge status={row.status} />
          </IndexTable.Cell>
          <IndexTable.Cell>{row.sendAt}</IndexTable.Cell>
          <IndexTable.Cell>{row.sentAt ?? "—"}</IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" alignment="end" numeric>
              {row.productCount}
            </Text>
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
});
