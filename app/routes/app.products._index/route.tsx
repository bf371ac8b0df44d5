// The Products screen: every product with its rating, review count, what customers talk about and the date
// of its last review; search by name, sort, and open a product's reviews. State lives in the URL.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Page } from "@shopify/polaris";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { topTopicsByProduct } from "~/modules/insights";
import { listProductsWithReviews, productListQuerySchema } from "~/modules/reviews";
import { formatShopDate, shopTimeZone } from "~/modules/shops";
import { ProductsTable } from "./components/ProductsTable";

export async function loader({ request }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const params = new URL(request.url).searchParams;
    const query = productListQuerySchema.parse({
      query: params.get("q") ?? undefined,
      sort: params.get("sort") ?? undefined,
      page: params.get("page") ?? undefined,
    });
    const [list, zone] = await Promise.all([listProductsWithReviews(shop, query), shopTimeZone(shop)]);
    const topics = await topTopicsByProduct(
      shop,
      list.rows.map((row) => row.shopifyId),
    );
    return json({
      query: { q: query.query, sort: query.sort },
      page: list.page,
      pageCount: list.pageCount,
      total: list.total,
      truncated: list.truncated,
      rows: list.rows.map((row) => ({
        ...row,
        lastReviewAt: row.lastReviewAt ? formatShopDate(row.lastReviewAt, zone) : null,
        topics: topics[row.shopifyId] ?? [],
      })),
    });
  });
}

export default function Products() {
  const data = useLoaderData<typeof loader>();
  return (
    <Page title="Products" subtitle="Ratings, reviews and what customers talk about, per product">
      <ProductsTable {...data} />
    </Page>
  );
}

export const ErrorBoundary = AdminRouteErrorBoundary;
