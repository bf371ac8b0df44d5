// The Insights screen's charts: weekly counts as bars (WeeklyBars), straight and honest for sparse weeks.
import { BlockStack, Text } from "@shopify/polaris";
import { WeeklyBars } from "./WeeklyBars";

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
  const series = [5, 4, 3, 2, 1].map((stars) => ({
    name: `${stars}★`,
    color: STAR_COLORS[stars - 1],
    values: weeks.map((week) => week.stars[stars - 1] ?? 0),
  }));
  return (
    <WeeklyBars
      labels={weeks.map((week) => weekLabel(week.week))}
      series={series}
      stacked
      description="Reviews per week by rating"
    />
  );
}

export function TopicTrendChart({ label, weeks }: { label: string; weeks: TopicWeek[] }) {
  const series = [
    { name: "Positive", color: "#29845a", values: weeks.map((week) => week.positive) },
    { name: "Negative", color: "#e51c00", values: weeks.map((week) => week.negative) },
  ];
  return (
    <BlockStack gap="200">
      <Text as="p" variant="bodySm" tone="subdued">
        Mentions of {label} per week
      </Text>
      <WeeklyBars
        labels={weeks.map((week) => weekLabel(week.week))}
        series={series}
        stacked={false}
        description={`Mentions of ${label} per week`}
      />
    </BlockStack>
  );
}
