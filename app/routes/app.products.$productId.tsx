// A product's reviews in the admin: its rating summary, its latest published reviews, and what customers
// say about it by topic (from the insights aggregates), with a link into the Insights screen filtered to it.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link as RemixLink, useLoaderData } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Card,
  DataTable,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  ProgressBar,
  Text,
  Thumbnail,
} from "@shopify/polaris";
import { z } from "zod";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute, merchantNotFound } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { SentimentBar } from "~/components/insights/SentimentBar";
import { findProductForInsights, productTopicSummary } from "~/modules/insights";
import { listReviewsForProduct, ratingSummary } from "~/modules/reviews";

const Params = z.object({ productId: z.string().regex(/^\d{1,20}$/) });
const RECENT_REVIEWS = 10;

/** A share as a whole percent: Polaris reads the bar's value aloud ("70%", never "70.1923076923077%"). */
function wholePercent(part: number, total: number): number {
  return total === 0 ? 0 : Math.round((part / total) * 100);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const parsed = Params.safeParse(params);
    const product = parsed.success ? await findProductForInsights(shop, parsed.data.productId) : null;
    if (!parsed.success || !product) {
      throw merchantNotFound(
        "This product is not in Kundröst",
        "Open it from the Products page, or check that it still exists in your Shopify admin.",
      );
    }
    const [summary, recent, topics] = await Promise.all([
      ratingSummary(shop, product.shopifyId),
      listReviewsForProduct(shop, product.shopifyId, { limit: RECENT_REVIEWS }),
      productTopicSummary(shop, product.shopifyId),
    ]);
    return json({
      product,
      summary,
      reviews: recent.reviews.map((review) => ({ ...review, createdAt: review.createdAt.toISOString().slice(0, 10) })),
      topics: topics.topics.map(({ trend: _trend, ...topic }) => topic),
      analysedReviews: topics.reviews.total,
    });
  });
}

export default function ProductReviews() {
  const { product, summary, reviews, topics, analysedReviews } = useLoaderData<typeof loader>();
  return (
    <Page
      title={product.title}
      subtitle={[product.productType, product.vendor].filter(Boolean).join(" · ")}
      backAction={{ content: "Products", url: "/app/products" }}
    >
      <Layout>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="300">
              <InlineStack gap="300" blockAlign="center">
                {product.imageUrl ? <Thumbnail source={product.imageUrl} alt={product.title} /> : null}
                <BlockStack gap="050">
                  <Text as="p" variant="heading2xl">
                    {summary.average === null ? "—" : `${summary.average.toFixed(2)}★`}
                  </Text>
                  <Text as="p" tone="subdued">
                    {summary.count} published {summary.count === 1 ? "review" : "reviews"}
                  </Text>
                </BlockStack>
              </InlineStack>
              {([5, 4, 3, 2, 1] as const).map((stars) => (
                <InlineGrid key={stars} columns="40px 1fr 48px" gap="200" alignItems="center">
                  <Text as="span" variant="bodySm">
                    {stars}★
                  </Text>
                  <ProgressBar
                    progress={wholePercent(summary.distribution[stars], summary.count)}
                    size="small"
                    tone="primary"
                  />
                  <Text as="span" variant="bodySm" alignment="end">
                    {summary.distribution[stars]}
                  </Text>
                </InlineGrid>
              ))}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <BlockStack gap="0">
              <div style={{ padding: "var(--p-space-400)" }}>
                <InlineStack align="space-between" blockAlign="center">
                  <BlockStack gap="050">
                    <Text as="h2" variant="headingMd">
                      Topics
                    </Text>
                    <Text as="p" variant="bodySm" tone="subdued">
                      From {analysedReviews} analysed reviews in the last 52 weeks
                    </Text>
                  </BlockStack>
                  <RemixLink to={`/app/insights?product=${product.shopifyId}`}>Explore in Insights</RemixLink>
                </InlineStack>
              </div>
              {topics.length === 0 ? (
                <div style={{ padding: "0 var(--p-space-400) var(--p-space-400)" }}>
                  <Text as="p" tone="subdued">
                    No topics yet: they appear as reviews of this product are analysed.
                  </Text>
                </div>
              ) : (
                <DataTable
                  columnContentTypes={["text", "numeric", "text"]}
                  headings={["Topic", "Mentions", "Positive / negative"]}
                  rows={topics.map((topic) => [
                    <RemixLink key="topic" to={`/app/insights?product=${product.shopifyId}&topic=${topic.key}`}>
                      {topic.label}
                    </RemixLink>,
                    topic.total,
                    <SentimentBar
                      key="bar"
                      positive={topic.positive}
                      negative={topic.negative}
                      neutral={topic.neutral}
                    />,
                  ])}
                />
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Latest reviews
              </Text>
              {reviews.length === 0 ? (
                <Text as="p" tone="subdued">
                  No published reviews yet.
                </Text>
              ) : (
                reviews.map((review) => (
                  <BlockStack key={review.id} gap="100">
                    <InlineStack gap="200" blockAlign="center">
                      <Text as="span">
                        {"★".repeat(review.rating)}
                        {"☆".repeat(5 - review.rating)}
                      </Text>
                      <Text as="span" variant="bodySm" tone="subdued">
                        {review.displayName} · {review.createdAt}
                      </Text>
                      {review.verifiedBuyer ? <Badge tone="success">Verified buyer</Badge> : null}
                    </InlineStack>
                    {review.title ? (
                      <Text as="p" fontWeight="semibold">
                        {review.title}
                      </Text>
                    ) : null}
                    <Text as="p">{review.body}</Text>
                  </BlockStack>
                ))
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <AdminRouteErrorBoundary />;
}
