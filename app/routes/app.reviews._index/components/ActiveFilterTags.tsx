// The filters in force, as removable tags, while the list's filter bar is collapsed: a merchant who opened
// "1–2★ from the home page" sees why the list is short and can drop a filter in one click.
import { InlineStack, Tag, Text } from "@shopify/polaris";

export interface ActiveFilter {
  key: string;
  label: string;
  onRemove: (key: string) => void;
}

export function ActiveFilterTags({ filters, onClearAll }: { filters: ActiveFilter[]; onClearAll: () => void }) {
  if (filters.length === 0) return null;
  return (
    <div
      style={{
        padding: "var(--p-space-200) var(--p-space-300)",
        borderBottom: "var(--p-border-width-025) solid var(--p-color-border-secondary)",
      }}
    >
      <InlineStack gap="200" blockAlign="center">
        <Text as="span" variant="bodySm" tone="subdued">
          Filtered by
        </Text>
        {filters.map((filter) => (
          <Tag
            key={filter.key}
            onRemove={() => filter.onRemove(filter.key)}
            accessibilityLabel={`Remove filter ${filter.label}`}
          >
            {filter.label}
          </Tag>
        ))}
        {filters.length > 1 ? (
          <Tag onClick={onClearAll} accessibilityLabel="Clear all filters">
            Clear all
          </Tag>
        ) : null}
      </InlineStack>
    </div>
  );
}

/** "Rating: 1–2★", "Rating: 1, 3 and 5★", "Rating: 4★". */
export function ratingFilterLabel(ratings: number[]): string {
  const sorted = [...new Set(ratings)].sort((a, b) => a - b);
  const consecutive = sorted.every((stars, index) => index === 0 || stars === sorted[index - 1] + 1);
  if (sorted.length > 1 && consecutive) return `Rating: ${sorted[0]}–${sorted[sorted.length - 1]}★`;
  if (sorted.length > 1) return `Rating: ${sorted.slice(0, -1).join(", ")} and ${sorted[sorted.length - 1]}★`;
  return `Rating: ${sorted[0]}★`;
}
