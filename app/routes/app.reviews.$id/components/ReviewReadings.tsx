// What was read from the review: the overall sentiment and every topic with its sentiment and the words that
// carried it, marked. The merchant corrects a wrong reading (or adds a missed topic); the correction is theirs
// from then on, through every re-analysis, and counts in the Insights figures.
import { useEffect, useRef, useState } from "react";
import type { SerializeFrom } from "@remix-run/node";
import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, Card, Divider, InlineStack, Select, Text } from "@shopify/polaris";
import { EvidenceSnippet } from "~/components/insights/EvidenceSnippet";
import { useAdminToast } from "~/components/AdminToast";
import type { ReviewReadings as Readings } from "~/modules/insights";
import type { ReadingActionResult } from "../../app.reviews.$id.readings";

type Data = SerializeFrom<Readings>;
type Reading = NonNullable<Data["overall"]>;

const SENTIMENT_OPTIONS = [
  { label: "Positive", value: "positive" },
  { label: "Negative", value: "negative" },
  { label: "Neutral", value: "neutral" },
];
const TONE = { positive: "success", negative: "critical", neutral: undefined } as const;
const SENTIMENT_WORD: Record<string, string> = { positive: "positive", negative: "negative", neutral: "neutral" };

function useCorrection(reviewId: string) {
  const fetcher = useFetcher<ReadingActionResult>();
  const showToast = useAdminToast();
  const announced = useRef<unknown>(null);
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data || announced.current === fetcher.data) return;
    announced.current = fetcher.data;
    showToast(fetcher.data.message, { error: !fetcher.data.ok });
  }, [fetcher.state, fetcher.data, showToast]);
  const send = (topic: string, sentiment: string) =>
    fetcher.submit({ topic, sentiment }, { method: "post", action: `/app/reviews/${reviewId}/readings` });
  return { send, busy: fetcher.state !== "idle" };
}

function Correction({ reading, reviewId, allowAbsent }: { reading: Reading; reviewId: string; allowAbsent: boolean }) {
  const { send, busy } = useCorrection(reviewId);
  const [choice, setChoice] = useState<string>(reading.sentiment);
  const options = allowAbsent
    ? [...SENTIMENT_OPTIONS, { label: "Not about this", value: "absent" }]
    : SENTIMENT_OPTIONS;
  return (
    <InlineStack gap="200" blockAlign="end" wrap>
      <Box minWidth="160px">
        <Select
          label={`Correct the reading of ${reading.label}`}
          labelHidden
          options={options}
          value={choice}
          onChange={setChoice}
        />
      </Box>
      <Button onClick={() => send(reading.topic, choice)} disabled={choice === reading.sentiment} loading={busy}>
        Correct
      </Button>
      {reading.corrected ? (
        <Button variant="plain" onClick={() => send(reading.topic, "engine")} disabled={busy}>
          Back to the engine's reading
        </Button>
      ) : null}
    </InlineStack>
  );
}

function ReadingRow({ reading, reviewId, allowAbsent }: { reading: Reading; reviewId: string; allowAbsent: boolean }) {
  return (
    <BlockStack gap="150">
      <InlineStack gap="200" blockAlign="center">
        <Text as="h3" variant="headingSm">
          {reading.label}
        </Text>
        <Badge tone={TONE[reading.sentiment]}>{SENTIMENT_WORD[reading.sentiment]}</Badge>
        {reading.corrected ? (
          <Badge tone="info">
            {reading.engineSentiment
              ? `Corrected by you (engine read ${SENTIMENT_WORD[reading.engineSentiment]})`
              : "Added by you"}
          </Badge>
        ) : null}
      </InlineStack>
      {reading.highlighted ? (
        <EvidenceSnippet highlighted={reading.highlighted} />
      ) : reading.topic !== "_review" ? (
        <Text as="p" variant="bodySm" tone="subdued">
          No words marked: the topic was added by you.
        </Text>
      ) : null}
      <Correction reading={reading} reviewId={reviewId} allowAbsent={allowAbsent} />
    </BlockStack>
  );
}

function AddTopic({ readings, reviewId }: { readings: Data; reviewId: string }) {
  const { send, busy } = useCorrection(reviewId);
  const [topic, setTopic] = useState(readings.addable[0]?.topic ?? "");
  const [sentiment, setSentiment] = useState("negative");
  if (readings.addable.length === 0) return null;
  return (
    <InlineStack gap="200" blockAlign="end" wrap>
      <Box minWidth="200px">
        <Select
          label="A topic the engine missed"
          options={readings.addable.map((entry) => ({ label: entry.label, value: entry.topic }))}
          value={topic}
          onChange={setTopic}
        />
      </Box>
      <Box minWidth="140px">
        <Select label="Sentiment" options={SENTIMENT_OPTIONS} value={sentiment} onChange={setSentiment} />
      </Box>
      <Button onClick={() => send(topic, sentiment)} loading={busy}>
        Add
      </Button>
    </InlineStack>
  );
}

export function ReviewReadings({ readings, reviewId }: { readings: Data; reviewId: string }) {
  const { send, busy } = useCorrection(reviewId);
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            What was read from this review
          </Text>
          <Text as="p" variant="bodySm" tone="subdued">
            {!readings.analysed
              ? "Not analysed yet: it is queued and appears here within a minute."
              : `${readings.counted ? "Counted in Insights" : "Not counted in Insights (rejected)"}` +
                `${readings.language ? ` · language ${readings.language.toUpperCase()}` : ""}` +
                " · Your corrections are kept when reviews are analysed again."}
          </Text>
        </BlockStack>
        {readings.overall ? <ReadingRow reading={readings.overall} reviewId={reviewId} allowAbsent={false} /> : null}
        {readings.topics.map((reading) => (
          <BlockStack key={reading.topic} gap="300">
            <Divider />
            <ReadingRow reading={reading} reviewId={reviewId} allowAbsent />
          </BlockStack>
        ))}
        {readings.analysed && readings.topics.length === 0 ? (
          <Text as="p" tone="subdued">
            No topics were found in this review.
          </Text>
        ) : null}
        {readings.absent.map((entry) => (
          <InlineStack key={entry.topic} gap="200" blockAlign="center">
            <Text as="span" tone="subdued">
              {`Not about ${entry.label} (you said so${entry.engineSentiment ? `; the engine read ${SENTIMENT_WORD[entry.engineSentiment]}` : ""})`}
            </Text>
            <Button variant="plain" onClick={() => send(entry.topic, "engine")} disabled={busy}>
              Undo
            </Button>
          </InlineStack>
        ))}
        {readings.analysed ? (
          <>
            <Divider />
            <AddTopic readings={readings} reviewId={reviewId} />
          </>
        ) : null}
      </BlockStack>
    </Card>
  );
}
