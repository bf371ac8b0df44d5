// One import: a progress bar while the job runs (the page polls), then the result: imported, skipped as already
// there, and the rejected rows with their line numbers and reasons, to download and fix; and the reviews'
// photos, fetched in the background, with each one that was not added and why.
import { useEffect } from "react";
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { Banner, BlockStack, Card, InlineGrid, Layout, Page, ProgressBar, Text } from "@shopify/polaris";
import { z } from "zod";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute, merchantNotFound } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { FetchDownloadButton } from "~/components/FetchDownloadButton";
import { formatShopDateTime, shopTimeZone } from "~/modules/shops";
import { importPhotoReport, loadImport } from "~/modules/reviews";
import { ImportPhotosCard } from "./components/ImportPhotosCard";

const POLL_MS = 1_000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const id = z
      .string()
      .regex(/^[\w-]{1,64}$/)
      .safeParse(params.id);
    const found = id.success ? await loadImport(shop, id.data) : null;
    if (!found) throw merchantNotFound("Import not found", "Open it again from Import & export.");
    const [zone, photos] = await Promise.all([shopTimeZone(shop), importPhotoReport(shop, found.id)]);
    return json({
      ...found,
      photos,
      createdAt: formatShopDateTime(found.createdAt, zone),
      finishedAt: found.finishedAt ? formatShopDateTime(found.finishedAt, zone) : null,
    });
  });
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <BlockStack gap="100">
      <Text as="p" tone="subdued" variant="bodySm">
        {label}
      </Text>
      <Text as="p" variant="headingXl">
        {value.toLocaleString("en")}
      </Text>
    </BlockStack>
  );
}

export default function ImportProgress() {
  const run = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const working = run.status === "queued" || run.status === "running";
  // Photos arrive after the rows: the page keeps polling while any is waiting.
  const polling = working || run.photos.waiting > 0;
  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), POLL_MS);
    return () => clearInterval(timer);
  }, [polling, revalidator]);
  const percent = run.totalRows > 0 ? Math.min(100, Math.round((run.processedRows / run.totalRows) * 100)) : 0;
  return (
    <Page
      backAction={{ content: "Import & export", url: "/app/imports" }}
      title={`Import of ${run.fileName}`}
      subtitle={`${run.formatLabel} · started ${run.createdAt}`}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {run.status === "failed" ? (
              <Banner tone="critical" title="The import stopped">
                {run.failure ?? "Try again; rows already imported are skipped."}
              </Banner>
            ) : null}
            {run.status === "done" ? (
              <Banner
                tone="success"
                title="Import finished"
              >{`Finished ${run.finishedAt}. Ratings on the storefront and topic insights update in the background.`}</Banner>
            ) : null}
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {working ? `Importing… ${percent}%` : "Result"}
                </Text>
                <ProgressBar
                  progress={run.status === "done" ? 100 : percent}
                  tone={run.status === "failed" ? "critical" : "primary"}
                />
                <Text as="p" tone="subdued">{`${run.processedRows.toLocaleString(
                  "en",
                )} of ${run.totalRows.toLocaleString("en")} rows read`}</Text>
                <InlineGrid columns={3} gap="400">
                  <Figure label="Imported" value={run.imported} />
                  <Figure label="Already there (skipped)" value={run.skipped} />
                  <Figure label="Rejected rows" value={run.errors} />
                </InlineGrid>
                {run.status === "done" && run.errors > 0 ? (
                  <FetchDownloadButton
                    href={`/app/imports/${run.id}/rejected`}
                    label="Download the rejected rows"
                    fallbackName="rejected-rows.csv"
                  />
                ) : null}
              </BlockStack>
            </Card>
            <ImportPhotosCard photos={run.photos} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = AdminRouteErrorBoundary;
