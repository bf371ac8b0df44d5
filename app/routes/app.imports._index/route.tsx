// Import & export: upload a peer's CSV (Judge.me, Okendo, Yotpo, Loox or our own export), see the detected
// format and the first rows as they will be imported, confirm; earlier imports with their results; and the
// export of all the shop's reviews in our format or Judge.me's.
import {
  json,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Layout, Page } from "@shopify/polaris";
import { z } from "zod";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { formatShopDateTime, shopTimeZone } from "~/modules/shops";
import { IMPORT_FORMATS, listImports, MAX_IMPORT_BYTES, previewImport, startImport } from "~/modules/reviews";
import { ExportCard, ImportHistoryCard, ImportUploadCard } from "./import-cards";

export async function loader({ request }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const [imports, zone] = await Promise.all([listImports(shop), shopTimeZone(shop)]);
    return json({ imports: imports.map((i) => ({ ...i, createdAt: formatShopDateTime(i.createdAt, zone) })) });
  });
}

const ConfirmInput = z.object({ intent: z.literal("confirm"), importId: z.string().regex(/^[\w-]{1,64}$/) });
const FormatChoice = z.enum(["auto", ...IMPORT_FORMATS]);

export async function action({ request }: ActionFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
      let form: FormData;
      try {
        form = await unstable_parseMultipartFormData(
          request,
          unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }),
        );
      } catch {
        return json(
          {
            ok: false as const,
            message: `The file is larger than ${
              MAX_IMPORT_BYTES / 1024 / 1024
            } MB. Split it and import the parts one after another.`,
          },
          { status: 413 },
        );
      }
      const file = form.get("file");
      const format = FormatChoice.safeParse(form.get("format") ?? "auto");
      if (!(file instanceof File) || file.size === 0)
        return json({ ok: false as const, message: "Choose a CSV file to import." }, { status: 400 });
      if (!format.success)
        return json({ ok: false as const, message: "Choose a format, or let Kundröst detect it." }, { status: 400 });
      const preview = await previewImport({
        shop,
        fileName: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
        format: format.data,
      });
      return json(preview, { status: preview.ok ? 200 : 400 });
    }
    const confirm = ConfirmInput.safeParse(Object.fromEntries(await request.formData()));
    if (!confirm.success)
      return json(
        { ok: false as const, message: "That action is not available here. Reload the page and try again." },
        { status: 400 },
      );
    if (!(await startImport(shop, confirm.data.importId))) {
      return json(
        {
          ok: false as const,
          message: "This import was already started, or it is not this shop's. Upload the file again.",
        },
        { status: 409 },
      );
    }
    return redirect(`/app/imports/${confirm.data.importId}`);
  });
}

export default function ImportsPage() {
  const { imports } = useLoaderData<typeof loader>();
  return (
    <Page title="Import & export" subtitle="Bring reviews from Judge.me, Okendo, Yotpo or Loox; take yours anywhere">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <ImportUploadCard />
            <ImportHistoryCard imports={imports} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <ExportCard />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = AdminRouteErrorBoundary;
