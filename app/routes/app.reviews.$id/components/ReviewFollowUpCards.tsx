// Closing the loop on one review: shoppers' votes and reports, the follow-up task (note, done) and the private
// reply (email only). The forms post to /app/reviews/:id/trust.
import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";

export interface TaskView {
  status: string;
  note: string | null;
  openedAt: string | null;
  ageDays: number;
  closedAt: string | null;
  closedBy: string | null;
}

export interface EmailView {
  kind: string;
  status: string;
  body: string;
  createdAt: string | null;
}

type TrustAnswer = { ok: boolean; message: string; fieldErrors?: { body?: string; note?: string } };

export function ReviewSignalsCard({
  helpful,
  reports,
}: {
  helpful: number;
  reports: { reason: string; count: number }[];
}) {
  const reported = reports.reduce((sum, r) => sum + r.count, 0);
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Shoppers
        </Text>
        <Text as="p">{`${helpful} found it helpful`}</Text>
        <Text as="p">
          {reported === 0
            ? "No reports"
            : `${reported} report${reported === 1 ? "" : "s"}: ${reports
                .map((r) => `${r.reason.replace(/_/g, " ")} (${r.count})`)
                .join(", ")}`}
        </Text>
      </BlockStack>
    </Card>
  );
}

export function FollowUpTaskCard({ reviewId, task }: { reviewId: string; task: TaskView }) {
  const fetcher = useFetcher<TrustAnswer>();
  const [note, setNote] = useState(task.note ?? "");
  const post = (fields: Record<string, string>) =>
    fetcher.submit({ intent: "task", ...fields }, { method: "post", action: `/app/reviews/${reviewId}/trust` });
  const open = task.status === "open";
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Follow-up
          </Text>
          <Badge tone={open ? "attention" : "success"}>
            {open ? `Open for ${task.ageDays} day${task.ageDays === 1 ? "" : "s"}` : "Done"}
          </Badge>
        </InlineStack>
        <Text as="p" tone="subdued">
          {open
            ? "A low rating: reach out, then note what you did. A reply closes the task."
            : `Closed ${task.closedAt ?? ""} ${task.closedBy === "reply" ? "by a reply" : "by you"}.`}
        </Text>
        <TextField
          label="Note"
          value={note}
          onChange={setNote}
          multiline={3}
          autoComplete="off"
          error={fetcher.data?.fieldErrors?.note}
        />
        <InlineStack gap="200">
          <Button onClick={() => post({ note })} loading={fetcher.state !== "idle"}>
            Save note
          </Button>
          <Button variant={open ? "primary" : undefined} onClick={() => post({ note, status: open ? "done" : "open" })}>
            {open ? "Mark done" : "Open again"}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

const EMAIL_STATUS: Record<string, string> = {
  queued: "sending",
  sent: "sent",
  unconfirmed: "handed to the mail server, delivery not confirmed",
  failed: "not sent",
  suppressed: "not sent: the reviewer unsubscribed",
};

export function PrivateReplyCard({
  reviewId,
  canEmail,
  emails,
}: {
  reviewId: string;
  canEmail: boolean;
  emails: EmailView[];
}) {
  const fetcher = useFetcher<TrustAnswer>();
  const [body, setBody] = useState("");
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Private reply
        </Text>
        <Text as="p" tone="subdued">
          {canEmail
            ? "Sent to the reviewer by email only, in their language, never shown on the storefront."
            : "This review has no email address, so it cannot be answered privately."}
        </Text>
        {canEmail ? (
          <>
            <TextField
              label="Message"
              value={body}
              onChange={setBody}
              multiline={4}
              autoComplete="off"
              error={fetcher.data?.fieldErrors?.body}
            />
            <InlineStack>
              <Button
                onClick={() =>
                  fetcher.submit(
                    { intent: "private-reply", body },
                    { method: "post", action: `/app/reviews/${reviewId}/trust` },
                  )
                }
                loading={fetcher.state !== "idle"}
                disabled={body.trim() === ""}
              >
                Send private reply
              </Button>
            </InlineStack>
          </>
        ) : null}
        {fetcher.data && fetcher.state === "idle" ? (
          <Text as="p" tone={fetcher.data.ok ? "success" : "critical"}>
            {fetcher.data.message}
          </Text>
        ) : null}
        {emails.map((email, index) => (
          <Text as="p" variant="bodySm" tone="subdued" key={`${email.createdAt}-${index}`}>
            {`${email.kind === "private_reply" ? "Private reply" : "Public reply"} · ${email.createdAt} · ${
              EMAIL_STATUS[email.status] ?? email.status
            }`}
          </Text>
        ))}
      </BlockStack>
    </Card>
  );
}
