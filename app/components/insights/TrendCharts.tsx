// The Insights screen's charts (Polaris Viz). Loaded only in the browser (see ClientOnlyCharts): the charts
// measure their container, which the server cannot.
import { LineChart, PolarisVizProvider, StackedAreaChart } from "@shopify/polaris-viz";
import { BlockStack, Text } from "@shopify/polaris";

export interface RatingWeek {
  week: string;
  stars: number[];
}

export interface TopicWeek {
  week: string;
  positive: number;
  negative: number;
  neutral: number;
}

const STAR_COLORS = ["#c70a24", "#e56c00", "#b5b5b5", "#6fb58e", "#29845a"];

function weekLabel(week: string): string {
  return new Date(`${week}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
}

export function RatingDistributionChart({ weeks }: { weeks: RatingWeek[] }) {
  const data = [1, 2, 3, 4, 5].map((stars) => ({
    name: `${stars}★`,
    color: STAR_COLORS[stars - 1],
    data: weeks.map((week) => ({ key: weekLabel(week.week), value: week.stars[stars - 1] })),
  }));
  return (
    <PolarisVizProvider>
      <div style={{ height: 260 }}>
        {/* A stacked area, not stacked bars: Polaris Viz 16's stacked vertical bars drew past their y axis and lost
            the week labels at 26 weeks in a card this wide. */}
        <StackedAreaChart data={data} theme="Light" yAxisOptions={{ integersOnly: true }} />
      </div>
    </PolarisVizProvider>
  );
}

export function TopicTrendChart({ label, weeks }: { label: string; weeks: TopicWeek[] }) {
  const data = [
    {
      name: "Positive",
      color: "#29845a",
      data: weeks.map((week) => ({ key: weekLabel(week.week), value: week.positive })),
    },
    {
      name: "Negative",
      color: "#e51c00",
      data: weeks.map((week) => ({ key: weekLabel(week.week), value: week.negative })),
    },
  ];
  return (
    <BlockStack gap="200">
      <Text as="p" variant="bodySm" tone="subdued">
        Mentions of {label} per week
      </Text>
      <PolarisVizProvider>
        <div style={{ height: 260 }}>
          <LineChart data={data} theme="Light" yAxisOptions={{ integersOnly: true }} />
        </div>
      </PolarisVizProvider>
    </BlockStack>
  );
}
