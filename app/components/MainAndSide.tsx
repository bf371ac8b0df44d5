// A page's main column and its side column. Polaris' Layout puts them in a wrapping flex row, so the main column
// is as wide as the page until the side column's HTML has arrived: on a long page (Insights: 120 KB of HTML on a
// shop with 100,000 reviews) Chromium paints the first chunk, then narrows every card when the rest arrives, a
// layout shift of 0.06 in one load of four. Here the grid's columns belong to the container, which is in the
// first chunk, so the main column has its final width from the first paint. One column below Polaris' md
// breakpoint, as Layout stacks.
import type { ReactNode } from "react";
import { InlineGrid } from "@shopify/polaris";

export function MainAndSide({ main, side }: { main: ReactNode; side: ReactNode }) {
  return (
    <InlineGrid columns={{ xs: 1, md: ["twoThirds", "oneThird"] }} gap="400" alignItems="start">
      <div>{main}</div>
      <div>{side}</div>
    </InlineGrid>
  );
}
