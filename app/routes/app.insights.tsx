// The Insights screen: what customers talk about and how they feel about it, per topic and week, with
// filters (product, date range, rating, language) in the URL, a drill-down to the reviews with the evidence
// marked, NPS-style figures, and the merchant's own topics. Every figure comes from the weekly aggregates
// (app/modules/insights/insights-page.server.ts); this route only authenticates, validates and renders.
import { useCallback, useEffect, useRef, useState } from "react";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  Link as RemixLink,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Box,
  Button,
  Card,
  DataTable,
  Divider,
  EmptyState,
  FormLayout,
  InlineGrid,
  InlineStack,
  Layout,
  Link,
  Page,
  Select,
  Tabs,
  Text,
  TextField,
} from "@shopify/polaris";
import polarisVizStyles from "@shopify/polaris-viz/build/esm/styles.css";
import { z } from "zod";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { useAdminToast } from "~/components/AdminToast";
import { RatingDistribution, TopicTrend } from "~/components/insights/ClientOnlyCharts";
import { EvidenceSnippet } from "~/components/insights/EvidenceSnippet";
import { SentimentBar } from "~/components/insights/SentimentBar";
// Only the loader and action use the module (its admin-screens.server face keeps the engine out of the browser): the
// component gets everything it shows, thresholds included, from the loader data.
import { addCustomTopic, loadInsightsPage, removeCustomTopic, startShopReanalysis } from "~/modules/insights";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisVizStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    return json(await loadInsightsPage(shop, new URL(request.url).searchParams));
  });
}

const ActionIntent = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add-topic"),
    label: z.string().max(200).default(""),
    keywords: z.string().max(4000).default(""),
  }),
  z.object({ intent: z.literal("remove-topic"), key: z.string().min(1).max(80) }),
]);

export async function action({ request }: ActionFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const parsed = ActionIntent.safeParse(Object.fromEntries(await request.formData()));
    if (!parsed.success) {
      return json(
        {
          ok: false as const,
          fieldErrors: { label: "The form was incomplete; reload the page and try again." } as Record<string, string>,
        },
        { status: 400 },
      );
    }
    if (parsed.data.intent === "remove-topic") {
      const removed = await removeCustomTopic(shop, parsed.data.key);
      if (removed) await startShopReanalysis(shop);
      return json({
        ok: true as const,
        message: removed
          ? "Topic removed; its mentions disappear as reviews are re-analysed."
          : "That topic was already removed.",
      });
    }
    const added = await addCustomTopic(shop, { label: parsed.data.label, keywords: parsed.data.keywords });
    if (!added.ok)
      return json({ ok: false as const, fieldErrors: added.fieldErrors as Record<string, string> }, { status: 422 });
    // Existing reviews learn about the topic in the background; new ones get it on arrival.
    await startShopReanalysis(shop);
    return json({
      ok: true as const,
      message: `"${added.topic.label}" added; existing reviews are being analysed for it.`,
    });
  });
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

const whole = new Intl.NumberFormat("en-US");
const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);
const LANGUAGE_NAMES: Record<string, string> = { en: "English", sv: "Swedish", unknown: "Unknown" };

function Figure({ label, value, help }: { label: string; value: string; help?: string }) {
  return (
    <BlockStack gap="100">
      <Text as="p" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <Text as="p" variant="headingXl">
        {value}
      </Text>
      {help ? (
        <Text as="p" variant="bodySm" tone="subdued">
          {help}
        </Text>
      ) : null}
    </BlockStack>
  );
}

function useFilterUpdate() {
  const [, setSearchParams] = useSearchParams();
  return useCallback(
    (changes: Record<string, string | null>) => {
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === "") next.delete(key);
            else next.set(key, value);
          }
          // Any change of what is shown starts the drill-down from its newest review again.
          if (!("cursor" in changes)) next.delete("cursor");
          return next;
        },
        { preventScrollReset: true },
      );
    },
    [setSearchParams],
  );
}

// The star groups merchants compare (promoters, passives, detractors) and single stars; a hand-made URL with
// another combination is shown as it is.
const RATING_CHOICES = [
  { label: "All ratings", value: "" },
  { label: "4–5★", value: "4,5" },
  { label: "1–3★", value: "1,2,3" },
  { label: "1–2★", value: "1,2" },
  ...[5, 4, 3, 2, 1].map((stars) => ({ label: `${stars}★ only`, value: String(stars) })),
];

function ratingOptions(selected: number[]) {
  const value = selected.join(",");
  return RATING_CHOICES.some((choice) => choice.value === value)
    ? RATING_CHOICES
    : [...RATING_CHOICES, { label: `${value.replace(/,/g, ", ")}★`, value }];
}

function Filters({ filters, options }: { filters: PageData["filters"]; options: PageData["options"] }) {
  const update = useFilterUpdate();
  return (
    <Card>
      <BlockStack gap="300">
        <InlineGrid columns={{ xs: 1, sm: 2, md: 5 }} gap="300">
          <Select
            label="Product"
            options={[
              { label: "All products", value: "" },
              ...options.products.map((product) => ({ label: product.title, value: product.id })),
            ]}
            value={filters.product}
            onChange={(value) => update({ product: value })}
          />
          <Select
            label="Language"
            options={[
              { label: "All languages", value: "" },
              ...options.languages.map((code) => ({ label: LANGUAGE_NAMES[code] ?? code, value: code })),
            ]}
            value={filters.language}
            onChange={(value) => update({ language: value })}
          />
          <Select
            label="Rating"
            options={ratingOptions(filters.ratings)}
            value={filters.ratings.join(",")}
            onChange={(value) => update({ ratings: value })}
          />
          <TextField
            label="From"
            type="date"
            value={filters.from}
            onChange={(value) => update({ from: value })}
            autoComplete="off"
          />
          <TextField
            label="To"
            type="date"
            value={filters.to}
            onChange={(value) => update({ to: value })}
            autoComplete="off"
          />
        </InlineGrid>
        <Text as="p" variant="bodySm" tone="subdued">
          Counted by whole weeks (Monday to Sunday) that the date range touches.
        </Text>
      </BlockStack>
    </Card>
  );
}

function ReviewFigures({ overview, minReviews }: { overview: PageData["overview"]; minReviews: number }) {
  const { reviews } = overview;
  const shares = reviews.enoughForShares;
  const tooFew = `Needs at least ${minReviews} reviews`;
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Reviews in this view
        </Text>
        <InlineGrid columns={{ xs: 2, md: 5 }} gap="400">
          <Figure label="Reviews" value={whole.format(reviews.total)} />
          <Figure
            label="Average rating"
            value={reviews.averageRating === null ? "—" : `${reviews.averageRating.toFixed(2)}★`}
          />
          <Figure
            label="5-star share"
            value={shares ? percent(reviews.fiveStarShare) : "—"}
            help={shares ? undefined : tooFew}
          />
          <Figure
            label="Positive reviews"
            value={shares ? percent(reviews.positiveShare) : "—"}
            help={shares ? `${percent(reviews.negativeShare)} negative` : tooFew}
          />
          <Figure
            label="Net rating score"
            value={shares && reviews.netScore !== null ? `${reviews.netScore > 0 ? "+" : ""}${reviews.netScore}` : "—"}
            help="NPS-style: % of 5★ minus % of 1–3★"
          />
        </InlineGrid>
      </BlockStack>
    </Card>
  );
}

function TopicsTable({ overview, filters }: { overview: PageData["overview"]; filters: PageData["filters"] }) {
  const update = useFilterUpdate();
  if (overview.topics.length === 0) {
    return (
      <Card>
        <EmptyState heading="No topics in this view" image="">
          <p>No analysed review mentions a topic with these filters. Widen the date range or clear a filter.</p>
        </EmptyState>
      </Card>
    );
  }
  const rows = overview.topics.map((topic) => [
    <InlineStack key="label" gap="200" blockAlign="center" wrap={false}>
      <Link
        monochrome={filters.topic !== topic.key}
        removeUnderline={filters.topic !== topic.key}
        onClick={() => update({ topic: topic.key, sentiment: null })}
        accessibilityLabel={`Show reviews that mention ${topic.label}`}
      >
        {topic.label}
      </Link>
      {topic.custom ? <Badge size="small">Custom</Badge> : null}
    </InlineStack>,
    whole.format(topic.total),
    whole.format(topic.positive),
    whole.format(topic.negative),
    whole.format(topic.neutral),
    <SentimentBar key="bar" positive={topic.positive} negative={topic.negative} neutral={topic.neutral} />,
  ]);
  return (
    <Card padding="0">
      <Box padding="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            Topics
          </Text>
          <Text as="p" variant="bodySm" tone="subdued">
            Choose a topic to see its trend and the reviews behind it.
          </Text>
        </BlockStack>
      </Box>
      <DataTable
        columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "text"]}
        headings={["Topic", "Mentions", "Positive", "Negative", "Neutral", "Positive / negative"]}
        rows={rows}
      />
    </Card>
  );
}

const SENTIMENT_TABS = [
  { id: "all", content: "All", sentiment: null },
  { id: "negative", content: "Negative", sentiment: "negative" },
  { id: "positive", content: "Positive", sentiment: "positive" },
  { id: "neutral", content: "Neutral", sentiment: "neutral" },
] as const;

function DrillDown({ data }: { data: PageData }) {
  const update = useFilterUpdate();
  const { drillDown, filters, overview } = data;
  if (!drillDown) return null;
  const topic = overview.topics.find((candidate) => candidate.key === drillDown.topic);
  const label =
    topic?.label ?? data.customTopics.find((custom) => custom.key === drillDown.topic)?.label ?? drillDown.topic;
  const selected = Math.max(
    0,
    SENTIMENT_TABS.findIndex((tab) => tab.sentiment === filters.sentiment),
  );
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Reviews mentioning {label}
          </Text>
          <Button variant="plain" onClick={() => update({ topic: null, sentiment: null })}>
            Close
          </Button>
        </InlineStack>
        {topic ? <TopicTrend label={label} weeks={topic.trend} /> : null}
        <Tabs
          tabs={SENTIMENT_TABS.map(({ id, content }) => ({ id, content }))}
          selected={selected}
          onSelect={(index) => update({ sentiment: SENTIMENT_TABS[index].sentiment })}
        />
        {drillDown.snippets.length === 0 ? (
          <Text as="p" tone="subdued">
            No reviews with these filters.
          </Text>
        ) : (
          <BlockStack gap="300">
            {drillDown.snippets.map((snippet) => (
              <BlockStack key={snippet.mentionId} gap="150">
                <InlineStack gap="200" blockAlign="center">
                  <Badge
                    tone={
                      snippet.sentiment === "positive"
                        ? "success"
                        : snippet.sentiment === "negative"
                          ? "critical"
                          : undefined
                    }
                  >
                    {snippet.sentiment}
                  </Badge>
                  <Text as="span" variant="bodySm">
                    {"★".repeat(snippet.rating)}
                    {"☆".repeat(5 - snippet.rating)}
                  </Text>
                  <Text as="span" variant="bodySm" tone="subdued">
                    {snippet.displayName}
                    {snippet.verifiedBuyer ? " · verified buyer" : ""} · {snippet.reviewCreatedAt.slice(0, 10)} ·{" "}
                    {LANGUAGE_NAMES[snippet.language] ?? snippet.language}
                  </Text>
                  {snippet.productTitle ? (
                    <RemixLink to={`/app/products/${snippet.productShopifyId}`}>
                      <Text as="span" variant="bodySm">
                        {snippet.productTitle}
                      </Text>
                    </RemixLink>
                  ) : null}
                </InlineStack>
                <EvidenceSnippet highlighted={snippet.highlighted} />
                <Divider />
              </BlockStack>
            ))}
            {drillDown.nextCursor ? (
              <InlineStack>
                <Button onClick={() => update({ cursor: drillDown.nextCursor })}>Older reviews</Button>
              </InlineStack>
            ) : null}
          </BlockStack>
        )}
      </BlockStack>
    </Card>
  );
}

function CustomTopics({ topics }: { topics: PageData["customTopics"] }) {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const toast = useAdminToast();
  const formRef = useRef<HTMLFormElement>(null);
  const [label, setLabel] = useState("");
  const [keywords, setKeywords] = useState("");
  const busy = navigation.state === "submitting";
  const fieldErrors: Record<string, string> = result && !result.ok ? result.fieldErrors : {};

  useEffect(() => {
    if (!result) return;
    if (result.ok) {
      toast(result.message);
      setLabel("");
      setKeywords("");
    }
  }, [result, toast]);

  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Your topics
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          Track something the built-in topics do not cover, in any language. A keyword ending in * matches every word
          that starts with it (ärm* finds ärmarna and ärmlängd).
        </Text>
        {topics.length > 0 ? (
          <BlockStack gap="200">
            {topics.map((topic) => (
              <InlineStack key={topic.key} align="space-between" blockAlign="center">
                <BlockStack gap="050">
                  <Text as="span" fontWeight="semibold">
                    {topic.label}
                  </Text>
                  <Text as="span" variant="bodySm" tone="subdued">
                    {topic.keywords.join(", ")}
                  </Text>
                </BlockStack>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove-topic" />
                  <input type="hidden" name="key" value={topic.key} />
                  <Button
                    submit
                    variant="plain"
                    tone="critical"
                    disabled={busy}
                    accessibilityLabel={`Remove ${topic.label}`}
                  >
                    Remove
                  </Button>
                </Form>
              </InlineStack>
            ))}
          </BlockStack>
        ) : null}
        <Form method="post" ref={formRef}>
          <input type="hidden" name="intent" value="add-topic" />
          <FormLayout>
            <TextField
              label="Topic name"
              name="label"
              value={label}
              onChange={setLabel}
              error={fieldErrors.label}
              autoComplete="off"
              placeholder="Sleeves"
            />
            <TextField
              label="Keywords"
              name="keywords"
              value={keywords}
              onChange={setKeywords}
              error={fieldErrors.keywords}
              helpText="Separate with commas."
              autoComplete="off"
              placeholder="sleeve, sleeves, ärm*"
            />
            <Button submit loading={busy}>
              Add topic
            </Button>
          </FormLayout>
        </Form>
      </BlockStack>
    </Card>
  );
}

export default function Insights() {
  const data = useLoaderData<typeof loader>();
  const { overview, filters } = data;
  return (
    <Page title="Insights" subtitle="What customers talk about in their reviews, and how they feel about it" fullWidth>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Filters filters={filters} options={data.options} />
            <ReviewFigures overview={overview} minReviews={data.minReviewsForShares} />
            <DrillDown data={data} />
            <TopicsTable overview={overview} filters={filters} />
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Ratings per week
                </Text>
                <RatingDistribution weeks={overview.ratingTrend} />
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            {filters.product ? (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    {data.options.products.find((product) => product.id === filters.product)?.title ?? "This product"}
                  </Text>
                  <RemixLink to={`/app/products/${filters.product}`}>Open the product's reviews</RemixLink>
                </BlockStack>
              </Card>
            ) : null}
            <CustomTopics topics={data.customTopics} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <AdminRouteErrorBoundary />;
}
