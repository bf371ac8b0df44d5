// Polaris Viz charts are drawn in the browser only: the server sends a skeleton of the same height, and the
// chart code is a separate chunk loaded after the page is interactive (the page works before it arrives).
import { lazy, Suspense, useEffect, useState } from "react";
import { SkeletonBodyText } from "@shopify/polaris";
import type { RatingWeek, TopicWeek } from "./TrendCharts";

const Charts = {
  RatingDistribution: lazy(() =>
    import("./TrendCharts").then((module) => ({ default: module.RatingDistributionChart })),
  ),
  TopicTrend: lazy(() => import("./TrendCharts").then((module) => ({ default: module.TopicTrendChart }))),
};

function Placeholder() {
  return (
    <div style={{ height: 260 }}>
      <SkeletonBodyText lines={8} />
    </div>
  );
}

function useMounted(): boolean {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

export function RatingDistribution({ weeks }: { weeks: RatingWeek[] }) {
  const mounted = useMounted();
  if (!mounted) return <Placeholder />;
  return (
    <Suspense fallback={<Placeholder />}>
      <Charts.RatingDistribution weeks={weeks} />
    </Suspense>
  );
}

export function TopicTrend({ label, weeks }: { label: string; weeks: TopicWeek[] }) {
  const mounted = useMounted();
  if (!mounted) return <Placeholder />;
  return (
    <Suspense fallback={<Placeholder />}>
      <Charts.TopicTrend label={label} weeks={weeks} />
    </Suspense>
  );
}
