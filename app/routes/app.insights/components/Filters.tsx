// The Insights filters (product, dates, rating, language), kept in the URL.
import { BlockStack, Card, InlineGrid, Select, Text, TextField } from "@shopify/polaris";
import { LANGUAGE_NAMES, type PageData, useFilterUpdate } from "../page-data";

// The star groups merchants compare (promoters, passives, detractors) and single stars; a hand-made URL with
// another combination is shown as it is.
const RATING_CHOICES = [
  { label: "All ratings", value: "" },
  { label: "4–5★", value: "4,5" },
  { label: "1–3★", value: "1,2,3" },
  { label: "1–2★", value: "1,2" },
  ...[5, 4, 3, 2, 1].map((stars) => ({ label: `${stars}★ only`, value: String(stars) })),
];

function ratingOptions(selected: number[]) {
  const value = selected.join(",");
  return RATING_CHOICES.some((choice) => choice.value === value)
    ? RATING_CHOICES
    : [...RATING_CHOICES, { label: `${value.replace(/,/g, ", ")}★`, value }];
}

export function Filters({ filters, options }: { filters: PageData["filters"]; options: PageData["options"] }) {
  const update = useFilterUpdate();
  return (
    <Card>
      <BlockStack gap="300">
        <InlineGrid columns={{ xs: 1, sm: 2, md: 3 }} gap="300">
          <Select
            label="Product"
            options={[
              { label: "All products", value: "" },
              ...options.products.map((product) => ({ label: product.title, value: product.id })),
            ]}
            value={filters.product}
            onChange={(value) => update({ product: value })}
          />
          <Select
            label="Language"
            options={[
              { label: "All languages", value: "" },
              ...options.languages.map((code) => ({ label: LANGUAGE_NAMES[code] ?? code, value: code })),
            ]}
            value={filters.language}
            onChange={(value) => update({ language: value })}
          />
          <Select
            label="Rating"
            options={ratingOptions(filters.ratings)}
            value={filters.ratings.join(",")}
            onChange={(value) => update({ ratings: value })}
          />
          <TextField
            label="From"
            type="date"
            value={filters.from}
            onChange={(value) => update({ from: value })}
            autoComplete="off"
          />
          <TextField
            label="To"
            type="date"
            value={filters.to}
            onChange={(value) => update({ to: value })}
            autoComplete="off"
          />
        </InlineGrid>
        <Text as="p" variant="bodySm" tone="subdued">
          Counted by whole weeks (Monday to Sunday) that the date range touches.
        </Text>
      </BlockStack>
    </Card>
  );
}
