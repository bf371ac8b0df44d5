// A review's moderation history, oldest first: who did what, when and why; an update shows the earlier version.
import { BlockStack, Card, Text } from "@shopify/polaris";

export interface HistoryRow {
  id: string;
  action: string;
  actor: string;
  toStatus: string | null;
  reasons: { code: string; words: string }[];
  note: string | null;
  previous: { rating: number; title: string | null; body: string } | null;
  at: string | null;
}

const ACTION_WORDS: Record<string, string> = {
  held: "Held for review",
  published: "Published",
  hidden: "Rejected (hidden from the storefront)",
  restored: "Moved back to pending",
  deleted: "Deleted",
  reported: "Reported by a shopper",
  updated: "Updated by the reviewer",
  imported: "Imported",
  reply_emailed: "Reply emailed to the reviewer",
  private_reply: "Private reply emailed",
};

const ACTOR_WORDS: Record<string, string> = {
  merchant: "by you",
  rules: "by the moderation rules",
  shopper: "by the shopper",
  import: "by the import",
  system: "by Kundröst",
};

export function ReviewHistoryCard({ entries }: { entries: HistoryRow[] }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          History
        </Text>
        {entries.length === 0 ? (
          <Text as="p" tone="subdued">
            Nothing recorded yet.
          </Text>
        ) : (
          <ol style={{ margin: 0, paddingInlineStart: "1.2rem" }}>
            {entries.map((entry) => (
              <li key={entry.id} style={{ marginBottom: "0.6rem" }}>
                <BlockStack gap="100">
                  <Text as="p" fontWeight="semibold">
                    {`${ACTION_WORDS[entry.action] ?? entry.action} ${ACTOR_WORDS[entry.actor] ?? ""}`.trim()}
                  </Text>
                  <Text as="p" tone="subdued" variant="bodySm">
                    {entry.at}
                  </Text>
                  {entry.reasons.map((reason) => (
                    <Text as="p" key={reason.code} variant="bodySm">
                      {`Why: ${reason.words}`}
                    </Text>
                  ))}
                  {entry.note ? (
                    <Text as="p" variant="bodySm">
                      <span style={{ whiteSpace: "pre-wrap" }}>{`Note: ${entry.note}`}</span>
                    </Text>
                  ) : null}
                  {entry.previous ? (
                    <Text as="p" variant="bodySm" tone="subdued">
                      <span style={{ whiteSpace: "pre-wrap" }}>
                        {`Earlier version (${entry.previous.rating}★): ${
                          entry.previous.title ? `${entry.previous.title} — ` : ""
                        }${entry.previous.body}`}
                      </span>
                    </Text>
                  ) : null}
                </BlockStack>
              </li>
            ))}
          </ol>
        )}
      </BlockStack>
    </Card>
  );
}
