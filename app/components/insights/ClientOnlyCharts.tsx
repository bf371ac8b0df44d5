// The Insights charts. They used to be Polaris Viz, drawn in the browser only after a skeleton; they are SVG
// bars now (WeeklyBars), rendered with the page, so the names stay for the screen that uses them.
import { RatingDistributionChart, TopicTrendChart, type RatingWeek, type TopicWeek } from "./TrendCharts";

export function RatingDistribution({ weeks }: { weeks: RatingWeek[] }) {
  return <RatingDistributionChart weeks={weeks} />;
}

export function TopicTrend({ label, weeks }: { label: string; weeks: TopicWeek[] }) {
  return <TopicTrendChart label={label} weeks={weeks} />;
}
