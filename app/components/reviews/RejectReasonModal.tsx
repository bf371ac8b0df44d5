// Asks why before a review is rejected: a reason from the list (never "it is negative": the FTC rule on
// consumer reviews forbids suppressing reviews for that) and, for "Another reason", a note.
import { useState } from "react";
import { BlockStack, Modal, Select, Text, TextField } from "@shopify/polaris";
import { REJECTION_REASON_WORDS, REJECTION_REASONS, type RejectionReason } from "~/modules/reviews";

export function RejectReasonModal(props: {
  open: boolean;
  count: number;
  loading?: boolean;
  onClose(): void;
  onReject(choice: { reason: RejectionReason; note: string }): void;
}) {
  const [reason, setReason] = useState<RejectionReason>("spam");
  const [note, setNote] = useState("");
  const noteMissing = reason === "other" && note.trim() === "";
  const what = props.count === 1 ? "this review" : `${props.count} reviews`;
  return (
    <Modal
      open={props.open}
      onClose={props.onClose}
      title={`Reject ${what}?`}
      primaryAction={{
        content: "Reject",
        destructive: true,
        loading: props.loading,
        disabled: noteMissing,
        onAction: () => props.onReject({ reason, note: note.trim() }),
      }}
      secondaryActions={[{ content: "Cancel", onAction: props.onClose }]}
    >
      <Modal.Section>
        <BlockStack gap="300">
          <Text as="p">
            A rejected review is hidden from the storefront. Reject only for what a review contains or who wrote it: a
            negative opinion is not a reason, and hiding it would break consumer-review law.
          </Text>
          <Select
            label="Reason"
            options={REJECTION_REASONS.map((value) => ({ value, label: REJECTION_REASON_WORDS[value] }))}
            value={reason}
            onChange={(value) => setReason(value as RejectionReason)}
          />
          <TextField
            label="Note (kept in the review's history)"
            value={note}
            onChange={setNote}
            multiline={2}
            maxLength={1000}
            autoComplete="off"
            error={noteMissing ? "Say why in a few words." : undefined}
          />
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}
