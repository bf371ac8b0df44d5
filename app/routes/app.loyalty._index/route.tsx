// The Loyalty screen: the programme's figures (points issued, redeemed, outstanding liability in the shop's
// currency, redemption rate, repeat purchases of members against non-members) and the members list: search by
// email or name, sort by balance or last activity, keyset pages so it stays fast at 100,000 members.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useNavigate } from "@remix-run/react";
import { useState } from "react";
import {
  BlockStack,
  Card,
  IndexTable,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
  Badge,
  Button,
} from "@shopify/polaris";
import { z } from "zod";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { useListSearchParams } from "~/components/useListSearchParams";
import { listMembers, MEMBER_SORTS, programFigures } from "~/modules/loyalty";
import { formatShopDate, shopTimeZone } from "~/modules/shops";
import { figureCards } from "./figures";

const Query = z.object({
  q: z.string().trim().max(100).optional(),
  sort: z.enum(MEMBER_SORTS).catch("balance"),
  cursor: z.string().max(200).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const query = Query.parse(Object.fromEntries(new URL(request.url).searchParams));
    const [figures, page, zone] = await Promise.all([
      programFigures(shop),
      listMembers(shop, { search: query.q, sort: query.sort, cursor: query.cursor }),
      shopTimeZone(shop),
    ]);
    return json({
      cards: figureCards(figures),
      total: page.total,
      next: page.next,
      rows: page.rows.map((row) => ({
        id: row.id,
        name: row.name,
        email: row.email,
        points: row.availablePoints.toLocaleString("en"),
        pending: row.pendingPoints.toLocaleString("en"),
        tier: row.tierName,
        lastActivity: formatShopDate(row.lastActivityAt, zone),
      })),
    });
  });
}

export default function LoyaltyHome() {
  const { cards, rows, total, next } = useLoaderData<typeof loader>();
  const { searchParams, update } = useListSearchParams();
  const navigate = useNavigate();
  const [search, setSearch] = useState(searchParams.get("q") ?? "");
  return (
    <Page
      title="Loyalty"
      subtitle="Points for reviews and purchases, on one ledger"
      primaryAction={{ content: "Rewards", url: "/app/loyalty/rewards" }}
      secondaryActions={[
        { content: "Earning rules and tiers", url: "/app/loyalty/settings" },
        { content: "Import balances", url: "/app/loyalty/import" },
      ]}
    >
      <Layout>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, sm: 2, md: 3 }} gap="400">
            {cards.map((card) => (
              <Card key={card.label}>
                <BlockStack gap="100">
                  <Text as="h3" variant="headingSm" tone="subdued">
                    {card.label}
                  </Text>
                  <Text as="p" variant="headingLg">
                    {card.value}
                  </Text>
                  <Text as="p" variant="bodySm" tone="subdued">
                    {card.help}
                  </Text>
                </BlockStack>
              </Card>
            ))}
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <BlockStack gap="0">
              <div style={{ padding: "12px 16px" }}>
                <InlineStack gap="300" wrap={false} blockAlign="end">
                  <div style={{ flexGrow: 1 }}>
                    <TextField
                      label="Search members"
                      labelHidden
                      placeholder="Search by email or name"
                      value={search}
                      onChange={setSearch}
                      autoComplete="off"
                      clearButton
                      onClearButtonClick={() => {
                        setSearch("");
                        update({ q: null });
                      }}
                      connectedRight={<Button onClick={() => update({ q: search })}>Search</Button>}
                    />
                  </div>
                  <Select
                    label="Sort"
                    labelInline
                    options={[
                      { label: "Balance", value: "balance" },
                      { label: "Last activity", value: "activity" },
                    ]}
                    value={searchParams.get("sort") ?? "balance"}
                    onChange={(sort) => update({ sort })}
                  />
                </InlineStack>
              </div>
              <IndexTable
                resourceName={{ singular: "member", plural: "members" }}
                itemCount={rows.length}
                selectable={false}
                headings={[
                  { title: "Member" },
                  { title: "Points", alignment: "end" },
                  { title: "Pending", alignment: "end" },
                  { title: "Tier" },
                  { title: "Last activity" },
                ]}
                pagination={{
                  hasNext: Boolean(next),
                  hasPrevious: Boolean(searchParams.get("cursor")),
                  onNext: () => next && update({ cursor: next }),
                  onPrevious: () => update({ cursor: null }),
                }}
              >
                {rows.map((row, index) => (
                  <IndexTable.Row
                    id={row.id}
                    key={row.id}
                    position={index}
                    onClick={() => navigate(`/app/loyalty/members/${row.id}`)}
                  >
                    <IndexTable.Cell>
                      <BlockStack gap="0">
                        <Text as="span" fontWeight="semibold">
                          {row.name}
                        </Text>
                        <Text as="span" tone="subdued" variant="bodySm">
                          {row.email ?? ""}
                        </Text>
                      </BlockStack>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" alignment="end" numeric>
                        {row.points}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" alignment="end" numeric tone="subdued">
                        {row.pending}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Badge tone={row.tier === "Member" ? undefined : "info"}>{row.tier}</Badge>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{row.lastActivity}</IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
              <div style={{ padding: "12px 16px" }}>
                <Text as="p" tone="subdued" variant="bodySm">
                  {`${total.toLocaleString("en")} member${total === 1 ? "" : "s"}${searchParams.get("q") ? " match the search" : ""}`}
                </Text>
              </div>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = AdminRouteErrorBoundary;
