// Moving in: upload members' balances as CSV (Stamped's export or a plain email,points file). Each member gets
// one opening-balance entry; importing the same file again adds nothing. The report lists every row not imported.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, unstable_parseMultipartFormData, unstable_createMemoryUploadHandler } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, DataTable, Layout, List, Page, Text } from "@shopify/polaris";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { importBalances, MAX_IMPORT_ROWS } from "~/modules/loyalty";

const MAX_BYTES = 2_000_000;

export async function loader({ request }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    await authenticateAdmin(request);
    return json({ maxRows: MAX_IMPORT_ROWS });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    let file: FormDataEntryValue | null;
    try {
      const form = await unstable_parseMultipartFormData(
        request,
        unstable_createMemoryUploadHandler({ maxPartSize: MAX_BYTES }),
      );
      file = form.get("file");
    } catch {
      return json(
        { ok: false as const, error: "The file is larger than 2 MB. Split it into smaller files." },
        { status: 413 },
      );
    }
    if (!file || typeof file === "string")
      return json({ ok: false as const, error: "Choose a CSV file to import." }, { status: 400 });
    const result = await importBalances(shop, await file.text());
    return json(result, { status: result.ok ? 200 : 422 });
  });
}

export default function ImportBalances() {
  const { maxRows } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <Page title="Import balances" backAction={{ content: "Loyalty", url: "/app/loyalty" }}>
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="p">
                Bring members' points over from your previous programme. Two layouts are recognised by their first line:
              </Text>
              <List>
                <List.Item>Stamped's export: first_name,last_name,email,points,birthday,vip_tier</List.Item>
                <List.Item>A plain file: email,points</List.Item>
              </List>
              <Text as="p" tone="subdued">
                {`Each member gets one opening balance, so importing the same file again adds nothing. Up to ${maxRows.toLocaleString("en")} rows per file.`}
              </Text>
              <Form method="post" encType="multipart/form-data">
                <BlockStack gap="200">
                  <input type="file" name="file" accept=".csv,text/csv" aria-label="CSV file" />
                  <div>
                    <Button submit variant="primary" loading={busy}>
                      Import
                    </Button>
                  </div>
                </BlockStack>
              </Form>
            </BlockStack>
          </Card>
        </Layout.Section>
        {result && !result.ok ? (
          <Layout.Section>
            <Banner tone="critical">{result.error}</Banner>
          </Layout.Section>
        ) : null}
        {result && result.ok ? (
          <Layout.Section>
            <Card>
              <BlockStack gap="200">
                <Banner tone={result.report.rejected.length ? "warning" : "success"}>
                  {`${result.report.imported.toLocaleString("en")} members imported with ${result.report.pointsImported.toLocaleString("en")} points; ${result.report.alreadyImported.toLocaleString("en")} already had an opening balance.`}
                </Banner>
                {result.report.rejected.length ? (
                  <DataTable
                    columnContentTypes={["numeric", "text", "text"]}
                    headings={["Line", "Email", "Why"]}
                    rows={result.report.rejected.map((r) => [r.line, r.email ?? "", r.reason])}
                  />
                ) : null}
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = AdminRouteErrorBoundary;
