// The detractors' answers (NPS 0-6) of the metrics' period, newest first: their score, comment and the reviews
// they wrote for the same order.
import { Link as RemixLink, useSearchParams } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, Divider, InlineStack, Text } from "@shopify/polaris";
import type { PageData } from "../page-data";

type Detractors = NonNullable<PageData["voc"]["detractors"]>;

export function Detractors({ detractors, zone }: { detractors: Detractors; zone: string }) {
  const [params, setParams] = useSearchParams();
  const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: zone });
  const close = () => {
    const next = new URLSearchParams(params);
    next.delete("voc");
    next.delete("vocCursor");
    setParams(next, { preventScrollReset: true });
  };
  const more = new URLSearchParams(params);
  if (detractors.nextCursor) more.set("vocCursor", detractors.nextCursor);
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Detractors' comments
          </Text>
          <Button variant="plain" onClick={close}>
            Close
          </Button>
        </InlineStack>
        {detractors.answers.length === 0 ? (
          <Text as="p" tone="subdued">
            No detractors in this period.
          </Text>
        ) : null}
        {detractors.answers.map((answer, index) => (
          <BlockStack key={answer.id} gap="150">
            {index > 0 ? <Divider /> : null}
            <InlineStack gap="200" blockAlign="center">
              <Badge tone="critical">{`NPS ${answer.nps}`}</Badge>
              {answer.ces !== null ? <Badge>{`CES ${answer.ces}`}</Badge> : null}
              <Text
                as="span"
                tone="subdued"
              >{`Order ${answer.orderName} · ${day.format(new Date(answer.answeredAt))} · ${answer.locale.toUpperCase()}`}</Text>
            </InlineStack>
            <Text as="p">{answer.comment ? `“${answer.comment}”` : "No comment."}</Text>
            {answer.reviews.map((review) => (
              <Text key={review.id} as="p" variant="bodySm" tone="subdued">
                <RemixLink
                  to={`/app/reviews/${review.id}`}
                >{`${review.rating}★ ${review.productTitle ?? "Review"}`}</RemixLink>
                {review.body ? ` — ${review.body.length > 160 ? `${review.body.slice(0, 160)}…` : review.body}` : ""}
              </Text>
            ))}
          </BlockStack>
        ))}
        {detractors.nextCursor ? (
          <InlineStack>
            <RemixLink to={`?${more}`} preventScrollReset>
              Older answers
            </RemixLink>
          </InlineStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
