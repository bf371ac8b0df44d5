// The Insights screen: what customers talk about and how they feel about it, per topic and week, with
// filters (product, date range, rating, language) in the URL, a drill-down to the reviews with the evidence
// marked, NPS-style figures, the voice of the customer (NPS, CSAT, CES from app/modules/voc) with the
// detractors' comments, and the merchant's own topics. Every figure comes from the weekly aggregates
// (app/modules/insights/insights-page.server.ts); this route only authenticates, validates and renders.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link as RemixLink, useLoaderData } from "@remix-run/react";
import { BlockStack, Card, Page, Text } from "@shopify/polaris";
import { z } from "zod";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { RatingDistribution } from "~/components/insights/ClientOnlyCharts";
import { MainAndSide } from "~/components/MainAndSide";
import { addCustomTopic, loadInsightsPage, removeCustomTopic } from "~/modules/insights";
import { loadVocInsightsPanel } from "~/modules/voc";
import { Filters } from "./components/Filters";
import { ReviewFigures } from "./components/ReviewFigures";
import { CountingNote } from "./components/CountingNote";
import { VocMetrics } from "./components/VocMetrics";
import { Detractors } from "./components/Detractors";
import { LabelledData } from "./components/LabelledData";
import { TopicsTable } from "./components/TopicsTable";
import { DrillDown } from "./components/DrillDown";
import { CustomTopics } from "./components/CustomTopics";
import type { TopicActionResult } from "./page-data";

export async function loader({ request }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const query = new URL(request.url).searchParams;
    const page = await loadInsightsPage(shop, query);
    const voc = await loadVocInsightsPanel(
      shop,
      { from: page.filters.from, to: page.filters.to, zone: page.filters.zone, product: page.filters.product },
      { detractors: query.get("voc") === "detractors", cursor: query.get("vocCursor") },
    );
    return json({ ...page, voc });
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
      return json<TopicActionResult>(
        { ok: false, fieldErrors: { label: "The form was incomplete; reload the page and try again." } },
        { status: 400 },
      );
    }
    if (parsed.data.intent === "remove-topic") {
      const removed = await removeCustomTopic(shop, parsed.data.key);
      return json<TopicActionResult>({
        ok: true,
        message: removed
          ? "Topic removed; its mentions disappear as reviews are re-analysed."
          : "That topic was already removed.",
      });
    }
    const added = await addCustomTopic(shop, { label: parsed.data.label, keywords: parsed.data.keywords });
    if (!added.ok) return json<TopicActionResult>({ ok: false, fieldErrors: added.fieldErrors }, { status: 422 });
    return json<TopicActionResult>({
      ok: true,
      message: `"${added.topic.label}" added; existing reviews are being analysed for it.`,
    });
  });
}

export default function Insights() {
  const data = useLoaderData<typeof loader>();
  const { overview, filters } = data;
  return (
    <Page title="Insights" subtitle="What customers talk about in their reviews, and how they feel about it" fullWidth>
      <MainAndSide
        main={
          <BlockStack gap="400">
            <Filters filters={filters} options={data.options} />
            <CountingNote counting={data.counting} />
            <ReviewFigures overview={overview} minReviews={data.minReviewsForShares} />
            <VocMetrics
              voc={data.voc}
              title={
                filters.product
                  ? `Customer voice: ${data.options.products.find((product) => product.id === filters.product)?.title ?? "this product"}`
                  : "Customer voice: NPS, CSAT and CES"
              }
            />
            {data.voc.detractors ? <Detractors detractors={data.voc.detractors} zone={filters.zone} /> : null}
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
        }
        side={
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
            <LabelledData />
          </BlockStack>
        }
      />
    </Page>
  );
}

export function ErrorBoundary() {
  return <AdminRouteErrorBoundary />;
}
