// NPS, CSAT and CES for the months the filters touch, with the change against the months before, each month's
// figures, and the detractors' answers one click away.
import { Link as RemixLink, useSearchParams } from "@remix-run/react";
import { BlockStack, Card, DataTable, InlineGrid, InlineStack, Text } from "@shopify/polaris";
import type { PageData } from "../page-data";

type Voc = PageData["voc"];
type Metrics = Voc["metrics"];

const MONTH = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
export const monthName = (iso: string) => MONTH.format(new Date(`${iso}T00:00:00Z`));
const signed = (value: number) => (value > 0 ? `+${value}` : `${value}`);

function Change({ value, unit, better }: { value: number | null; unit: string; better: "up" | "down" }) {
  if (value === null) return <Text as="span" tone="subdued">{`No earlier figure to compare`}</Text>;
  const tone = value === 0 ? "subdued" : value > 0 === (better === "up") ? "success" : "critical";
  return (
    <Text as="span" tone={tone} fontWeight="semibold">
      {`${value === 0 ? "±0" : signed(value)}${unit} vs previous period`}
    </Text>
  );
}

function Figure(props: { label: string; value: string; lines: string[]; change: React.ReactNode }) {
  return (
    <BlockStack gap="100">
      <Text as="h3" variant="headingSm" tone="subdued">
        {props.label}
      </Text>
      <Text as="p" variant="heading2xl">
        {props.value}
      </Text>
      {props.change}
      {props.lines.map((line) => (
        <Text key={line} as="p" variant="bodySm" tone="subdued">
          {line}
        </Text>
      ))}
    </BlockStack>
  );
}

function npsLines(nps: Metrics["current"]["nps"]): string[] {
  if (nps.answers === 0) return ["No answers to the store question in this period."];
  const lines = [
    `${nps.promoters} promoters (9–10) · ${nps.passives} passives (7–8) · ${nps.detractors} detractors (0–6)`,
  ];
  if (nps.range)
    lines.push(
      `Only ${nps.answers} ${nps.answers === 1 ? "answer" : "answers"}: the true NPS is likely between ${signed(nps.range.low)} and ${signed(nps.range.high)} (95%).`,
    );
  return lines;
}

export function VocMetrics({ voc, title }: { voc: Voc; title: string }) {
  const [params] = useSearchParams();
  const { metrics } = voc;
  const { current, period } = metrics;
  const detractorsLink = new URLSearchParams(params);
  detractorsLink.set("voc", "detractors");
  detractorsLink.delete("vocCursor");
  const rows = metrics.months.map((month) => [
    monthName(month.month),
    month.nps.score === null ? "—" : `${signed(month.nps.score)} (${month.nps.answers})`,
    month.csat.share === null ? "—" : `${Math.round(month.csat.share * 100)}% (${month.csat.reviews})`,
    month.ces.average === null ? "—" : `${month.ces.average.toFixed(1)} (${month.ces.answers})`,
  ]);
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {title}
          </Text>
          <Text as="p" variant="bodySm" tone="subdued">
            {`${monthName(period.firstMonth)} – ${monthName(period.lastMonth)}, by calendar month (${metrics.zone}), compared with ${monthName(period.previousFirstMonth)} – ${monthName(period.previousLastMonth)}.`}
          </Text>
        </BlockStack>
        <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
          <Figure
            label="NPS (would recommend the shop)"
            value={current.nps.score === null ? "—" : signed(current.nps.score)}
            change={<Change value={metrics.change.nps} unit=" points" better="up" />}
            lines={npsLines(current.nps)}
          />
          <Figure
            label="CSAT (4–5★ reviews)"
            value={current.csat.share === null ? "—" : `${Math.round(current.csat.share * 100)}%`}
            change={<Change value={metrics.change.csat} unit=" points" better="up" />}
            lines={[`${current.csat.satisfied} of ${current.csat.reviews} reviews`]}
          />
          <Figure
            label="CES (ease of ordering, 1–7)"
            value={current.ces.average === null ? "—" : current.ces.average.toFixed(1)}
            change={<Change value={metrics.change.ces} unit="" better="up" />}
            lines={
              current.ces.answers === 0
                ? ["No answers in this period."]
                : [
                    `${current.ces.answers} answers · ${Math.round((current.ces.easyShare ?? 0) * 100)}% found it easy (5–7)`,
                  ]
            }
          />
        </InlineGrid>
        <InlineStack gap="300" blockAlign="center">
          <RemixLink to={`?${detractorsLink}`} preventScrollReset>
            {`Read the detractors' comments (${current.nps.detractors})`}
          </RemixLink>
        </InlineStack>
        <DataTable
          columnContentTypes={["text", "numeric", "numeric", "numeric"]}
          headings={["Month", "NPS (answers)", "CSAT (reviews)", "CES (answers)"]}
          rows={rows}
        />
      </BlockStack>
    </Card>
  );
}
