// The side cards: the product, where the review came from (order, request, the customer's email), its dates.
import type { SerializeFrom } from "@remix-run/node";
import { BlockStack, Card, InlineStack, Link, Text, Thumbnail } from "@shopify/polaris";
import { ImageIcon } from "@shopify/polaris-icons";
import { productPath } from "~/components/ProductLink";
import { RequestStatusBadge } from "~/components/RequestStatusBadge";
import type { loader } from "../route";
import { SOURCE_LABELS } from "../copy";

type PageData = SerializeFrom<typeof loader>;

export function ReviewOrigin(props: Pick<PageData, "review" | "product" | "order" | "request" | "embedded">) {
  const { review, product, order, request, embedded } = props;
  return (
    <>
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Product
          </Text>
          <InlineStack gap="300" blockAlign="center" wrap={false}>
            <Thumbnail source={product.imageUrl ?? ImageIcon} alt={product.title ?? ""} size="small" />
            <BlockStack gap="050">
              <Link url={productPath(product.shopifyId)}>{product.title ?? `Product ${product.shopifyId}`}</Link>
              {embedded ? (
                // App Bridge opens shopify://admin links in the Shopify admin around the app.
                <Link url={`shopify://admin/products/${product.shopifyId}`} target="_top" monochrome>
                  Open in Shopify
                </Link>
              ) : null}
            </BlockStack>
          </InlineStack>
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Where it came from
          </Text>
          <Text as="p">{SOURCE_LABELS[review.source] ?? review.source}</Text>
          {order ? (
            <InlineStack gap="200" align="space-between">
              <Text as="span" tone="subdued">
                Order
              </Text>
              {embedded ? (
                <Link url={`shopify://admin/orders/${order.shopifyId}`} target="_top">
                  {order.name}
                </Link>
              ) : (
                <Text as="span">{order.name}</Text>
              )}
            </InlineStack>
          ) : null}
          {request ? (
            <InlineStack gap="200" align="space-between" blockAlign="center">
              <Link url={`/app/requests/${request.id}`}>Review request</Link>
              <RequestStatusBadge status={request.status} />
            </InlineStack>
          ) : null}
          {review.email ? (
            <Text as="p" tone="subdued">
              {review.email}
            </Text>
          ) : null}
          {review.anonymized ? (
            <Text as="p" tone="subdued">
              The customer's personal data was removed on request.
            </Text>
          ) : null}
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Dates
          </Text>
          <Text as="p">{`Written ${review.created}`}</Text>
          {review.published ? <Text as="p">{`Published ${review.published}`}</Text> : null}
        </BlockStack>
      </Card>
    </>
  );
}
