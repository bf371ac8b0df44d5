// The import screen's cards: upload with the format choice and the preview to confirm, the earlier imports,
// and the export downloads.
import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  DropZone,
  InlineStack,
  Link,
  Select,
  Text,
} from "@shopify/polaris";
import { FetchDownloadButton } from "~/components/FetchDownloadButton";
import { IMPORT_FORMAT_LABELS, IMPORT_FORMATS, type ImportPreview } from "~/modules/reviews";

const FORMAT_OPTIONS = [
  { label: "Detect automatically", value: "auto" },
  ...IMPORT_FORMATS.map((f) => ({ label: IMPORT_FORMAT_LABELS[f], value: f })),
];
const ENCODING_WORDS: Record<string, string> = {
  "utf-8": "UTF-8",
  "utf-8-bom": "UTF-8 (with BOM)",
  "windows-1252": "Windows-1252 (Excel)",
};

type Answer = ImportPreview | { ok: false; message: string };

export function ImportUploadCard() {
  const upload = useFetcher<Answer>();
  const confirm = useFetcher<{ ok: false; message: string }>();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState("auto");
  const preview = upload.data;
  const send = () => {
    if (!file) return;
    const form = new FormData();
    form.set("file", file);
    form.set("format", format);
    upload.submit(form, { method: "post", encType: "multipart/form-data" });
  };
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Import reviews from a CSV file
        </Text>
        <Text as="p" tone="subdued">
          Export your reviews from Judge.me, Okendo, Yotpo or Loox and upload the file as it is: UTF-8 or Excel&apos;s
          Windows-1252, commas or semicolons. Products are matched by handle, id or SKU; original dates, replies and
          photos come along. Importing the same file again adds nothing.
        </Text>
        <DropZone
          accept=".csv,text/csv"
          type="file"
          allowMultiple={false}
          onDrop={(files) => setFile(files[0] ?? null)}
          label="CSV file"
        >
          {file ? (
            <BlockStack inlineAlign="center" gap="100">
              <Text as="p" fontWeight="semibold">
                {file.name}
              </Text>
              <Text as="p" tone="subdued">{`${(file.size / 1024).toFixed(0)} kB`}</Text>
            </BlockStack>
          ) : (
            <DropZone.FileUpload actionHint="Accepts .csv up to 60 MB" />
          )}
        </DropZone>
        <InlineStack gap="300" blockAlign="end">
          <Select label="Format" options={FORMAT_OPTIONS} value={format} onChange={setFormat} />
          <Button onClick={send} disabled={!file} loading={upload.state !== "idle"}>
            Show preview
          </Button>
        </InlineStack>
        {preview && !preview.ok ? <Banner tone="critical">{preview.message}</Banner> : null}
        {confirm.data && !confirm.data.ok ? <Banner tone="critical">{confirm.data.message}</Banner> : null}
        {preview?.ok ? (
          <BlockStack gap="300">
            <InlineStack gap="200">
              <Badge tone="info">{preview.formatLabel}</Badge>
              <Badge>{ENCODING_WORDS[preview.encoding] ?? preview.encoding}</Badge>
              <Badge>{`Separator ${
                preview.separator === ";" ? "semicolon" : preview.separator === "," ? "comma" : "tab"
              }`}</Badge>
              <Badge>{`${preview.totalRows.toLocaleString("en")} rows`}</Badge>
            </InlineStack>
            <DataTable
              columnContentTypes={["numeric", "text", "text", "text", "text", "text"]}
              headings={["Line", "Stars", "Product", "Reviewer", "Date", "Review"]}
              rows={preview.rows.map((row) =>
                row.ok
                  ? [
                      row.line,
                      "★".repeat(row.rating ?? 0),
                      row.product ?? "",
                      row.displayName ?? "",
                      row.date ?? "",
                      [row.title, row.body].filter(Boolean).join(" — "),
                    ]
                  : [row.line, "", "", "", "", `Will be skipped: ${row.reason}`],
              )}
            />
            <confirm.Form method="post">
              <input type="hidden" name="intent" value="confirm" />
              <input type="hidden" name="importId" value={preview.importId} />
              <Button submit variant="primary" loading={confirm.state !== "idle"}>
                {`Import ${preview.totalRows.toLocaleString("en")} rows`}
              </Button>
            </confirm.Form>
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}

interface ImportRow {
  id: string;
  fileName: string;
  formatLabel: string;
  status: string;
  imported: number;
  skipped: number;
  errors: number;
  createdAt: string | null;
}

const STATUS_TONES: Record<string, "success" | "attention" | "critical" | "info" | undefined> = {
  done: "success",
  running: "attention",
  queued: "info",
  failed: "critical",
};

export function ImportHistoryCard({ imports }: { imports: ImportRow[] }) {
  if (imports.length === 0) return null;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Earlier imports
        </Text>
        <DataTable
          columnContentTypes={["text", "text", "text", "numeric", "numeric", "numeric"]}
          headings={["File", "Started", "Status", "Imported", "Skipped", "Errors"]}
          rows={imports.map((i) => [
            <Link key={i.id} url={`/app/imports/${i.id}`}>{`${i.fileName} (${i.formatLabel})`}</Link>,
            i.createdAt ?? "",
            <Badge key={`${i.id}-s`} tone={STATUS_TONES[i.status]}>
              {i.status === "previewed" ? "not confirmed" : i.status}
            </Badge>,
            i.imported,
            i.skipped,
            i.errors,
          ])}
        />
      </BlockStack>
    </Card>
  );
}

export function ExportCard() {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Export all reviews
        </Text>
        <Text as="p" tone="subdued">
          Every review with its reply, photos, status, verified and imported flags and topics, as CSV. Our format
          imports back into Kundröst; Judge.me&apos;s imports into most review apps.
        </Text>
        <FetchDownloadButton
          href="/app/exports/kundrost"
          label="Download (Kundröst format)"
          fallbackName="reviews-kundrost.csv"
          variant="primary"
        />
        <FetchDownloadButton
          href="/app/exports/judgeme"
          label="Download (Judge.me format)"
          fallbackName="reviews-judgeme.csv"
        />
      </BlockStack>
    </Card>
  );
}
