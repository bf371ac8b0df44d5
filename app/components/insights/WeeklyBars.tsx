// Weekly counts as plain bars in SVG: a week with one mention is one short bar, not a smooth hump spread over
// its neighbours (a curved line through sparse weeks invents a trend). Drawn on the server at the card's width
// through a viewBox, so nothing shifts when the page loads; each bar names its week and count on hover.
import { InlineStack, Text } from "@shopify/polaris";

export interface BarSeries {
  name: string;
  color: string;
  values: number[];
}

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 10, right: 8, bottom: 26, left: 34 };
// An axis figure fits the left margin at any size: 15000 is "15K" (the full figure is on each bar's hover).
const AXIS_FIGURE = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
export const axisFigure = (value: number) => AXIS_FIGURE.format(value);

function niceStep(max: number): number {
  const raw = Math.max(1, max / 4);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= raw) ?? raw;
  return Math.max(1, Math.round(step));
}

export function WeeklyBars({
  labels,
  series,
  stacked,
  description,
}: {
  labels: string[];
  series: BarSeries[];
  /** Stacked columns (parts of one whole per week) or side-by-side bars (series compared). */
  stacked: boolean;
  /** What the chart shows, read aloud before its figures. */
  description: string;
}) {
  const weeks = labels.length;
  const totals = labels.map((_, week) => series.reduce((sum, s) => sum + (s.values[week] ?? 0), 0));
  const peak = stacked ? Math.max(0, ...totals) : Math.max(0, ...series.flatMap((s) => s.values));
  const step = niceStep(peak);
  const top = Math.max(step, Math.ceil(peak / step) * step);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const slot = weeks > 0 ? plotWidth / weeks : plotWidth;
  const barWidth = Math.max(1, slot * 0.7);
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const labelEvery = Math.max(1, Math.ceil(weeks / 8));
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const grandTotals = series.map((s) => `${s.values.reduce((sum, v) => sum + v, 0)} ${s.name.toLowerCase()}`);
  const summary = `${description}: ${weeks} ${weeks === 1 ? "week" : "weeks"}, ${grandTotals.join(", ")} in all.`;

  return (
    <div>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={summary} style={{ display: "block" }}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={y(tick)}
              y2={y(tick)}
              stroke="#e3e3e3"
              strokeWidth={1}
            />
            <text x={MARGIN.left - 6} y={y(tick) + 4} textAnchor="end" fontSize={11} fill="#616161">
              {axisFigure(tick)}
            </text>
          </g>
        ))}
        {labels.map((label, week) => {
          const x = MARGIN.left + week * slot + (slot - barWidth) / 2;
          let base = 0;
          return (
            <g key={label + week}>
              {series.map((s, index) => {
                const value = s.values[week] ?? 0;
                if (value <= 0) return null;
                const width = stacked ? barWidth : barWidth / series.length;
                const left = stacked ? x : x + index * width;
                const from = stacked ? base : 0;
                if (stacked) base += value;
                return (
                  <rect
                    key={s.name}
                    x={left}
                    width={Math.max(1, width - (stacked ? 0 : 1))}
                    y={y(from + value)}
                    height={y(from) - y(from + value)}
                    fill={s.color}
                  >
                    <title>{`${label}: ${value} ${s.name.toLowerCase()}`}</title>
                  </rect>
                );
              })}
              {week % labelEvery === 0 ? (
                <text
                  x={MARGIN.left + week * slot + slot / 2}
                  y={HEIGHT - 8}
                  textAnchor="middle"
                  fontSize={11}
                  fill="#616161"
                >
                  {label}
                </text>
              ) : null}
            </g>
          );
        })}
        <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(0)} y2={y(0)} stroke="#8a8a8a" strokeWidth={1} />
      </svg>
      <InlineStack gap="300">
        {series.map((s) => (
          <InlineStack key={s.name} gap="100" blockAlign="center">
            <span
              aria-hidden
              style={{ width: 10, height: 10, borderRadius: 2, background: s.color, display: "inline-block" }}
            />
            <Text as="span" variant="bodySm" tone="subdued">
              {s.name}
            </Text>
          </InlineStack>
        ))}
      </InlineStack>
    </div>
  );
}
