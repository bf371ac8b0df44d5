// Share of positive, neutral and negative mentions as one bar. Plain elements (no chart library) because a
// table shows one per row and it must render on the server with the page.
import { Text } from "@shopify/polaris";

const COLORS = { positive: "#29845a", neutral: "#b5b5b5", negative: "#e51c00" } as const;

export function SentimentBar({ positive, negative, neutral }: { positive: number; negative: number; neutral: number }) {
  const total = positive + negative + neutral;
  const percent = (count: number) => (total === 0 ? 0 : Math.round((count / total) * 100));
  const label = `${percent(positive)}% positive, ${percent(neutral)}% neutral, ${percent(negative)}% negative`;
  return (
    <div style={{ display: "flex", alignItems: "center", gap: 8, minWidth: 160 }}>
      <div
        role="img"
        aria-label={label}
        title={label}
        style={{ display: "flex", flex: 1, height: 10, borderRadius: 5, overflow: "hidden", background: "#ebebeb" }}
      >
        {(["positive", "neutral", "negative"] as const).map((kind) => {
          const count = kind === "positive" ? positive : kind === "negative" ? negative : neutral;
          return count > 0 ? (
            <div key={kind} style={{ width: `${(count / total) * 100}%`, background: COLORS[kind] }} />
          ) : null;
        })}
      </div>
      <Text as="span" variant="bodySm" tone="subdued">
        {percent(positive)}% / {percent(negative)}%
      </Text>
    </div>
  );
}
