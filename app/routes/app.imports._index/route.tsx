// Import & export: upload a peer's CSV (Judge.me, Okendo, Yotpo, Loox or our own export), see the detected
// format and the first rows as they will be imported, confirm; earlier imports with their results; and the
// export of all the shop's reviews in our format or Judge.me's.
import {
  json,
  redirect,
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Page } from "@shopify/polaris";
import { MainAndSide } from "~/components/MainAndSide";
import { z } from "zod";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { formatShopDateTime, shopTimeZone } from "~/modules/shops";
import {
  IMPORT_FORMATS,
  ImportTooLargeError,
  listImports,
  previewImport,
  receiveImportFile,
  startImport,
} from "~/modules/reviews";
import { ExportCard, ImportHistoryCard, ImportUploadCard } from "./import-cards";

export async function loader({ request }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const [imports, zone] = await Promise.all([listImports(shop), shopTimeZone(shop)]);
    return json({ imports: imports.map((i) => ({ ...i, createdAt: formatShopDateTime(i.createdAt, zone) })) });
  });
}

type Upload = { ok: true; importId: string; format: string | null } | { ok: false; status: number; message: string };

/**
 * The uploaded file streams into the reviews module as it arrives (stored in pieces, never held whole); the
 * form's other field (the format) is small.
 */
async function receiveUpload(shop: string, request: Request): Promise<Upload> {
  let received: Awaited<ReturnType<typeof receiveImportFile>> | null = null;
  const fileHandler: UploadHandler = async ({ name, filename, data }) => {
    if (name !== "file" || filename === undefined) return undefined;
    if (received) throw new Error("More than one file was sent.");
    received = await receiveImportFile({ shop, fileName: filename || "reviews.csv", data });
    return received.ok ? received.importId : "";
  };
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(fileHandler, unstable_createMemoryUploadHandler({ maxPartSize: 1024 })),
    );
  } catch (error) {
    if (error instanceof ImportTooLargeError) return { ok: false, status: 413, message: error.message };
    return { ok: false, status: 400, message: "The upload could not be read. Choose the file and send it again." };
  }
  const result = received as Awaited<ReturnType<typeof receiveImportFile>> | null;
  if (!result) return { ok: false, status: 400, message: "Choose a CSV file to import." };
  if (!result.ok) return { ok: false, status: 400, message: result.message };
  const format = form.get("format");
  return { ok: true, importId: result.importId, format: typeof format === "string" ? format : null };
}

const ConfirmInput = z.object({ intent: z.literal("confirm"), importId: z.string().regex(/^[\w-]{1,64}$/) });
const FormatChoice = z.enum(["auto", ...IMPORT_FORMATS]);

export async function action({ request }: ActionFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
      const upload = await receiveUpload(shop, request);
      if (!upload.ok) return json(upload, { status: upload.status });
      const format = FormatChoice.safeParse(upload.format ?? "auto");
      if (!format.success)
        return json({ ok: false as const, message: "Choose a format, or let Kundröst detect it." }, { status: 400 });
      const preview = await previewImport({ shop, importId: upload.importId, format: format.data });
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
      <MainAndSide
        main={
          <BlockStack gap="400">
            <ImportUploadCard />
            <ImportHistoryCard imports={imports} />
          </BlockStack>
        }
        side={<ExportCard />}
      />
    </Page>
  );
}

export const ErrorBoundary = AdminRouteErrorBoundary;
