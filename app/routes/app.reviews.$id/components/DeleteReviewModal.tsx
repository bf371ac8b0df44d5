// Asks before a review is deleted for good (rejecting it is how a review leaves the storefront and stays on record).
import { Modal, Text } from "@shopify/polaris";

export function DeleteReviewModal(props: { open: boolean; loading: boolean; onClose(): void; onDelete(): void }) {
  return (
    <Modal
      open={props.open}
      onClose={props.onClose}
      title="Delete this review?"
      primaryAction={{ content: "Delete", destructive: true, loading: props.loading, onAction: props.onDelete }}
      secondaryActions={[{ content: "Cancel", onAction: props.onClose }]}
    >
      <Modal.Section>
        <Text as="p">
          The review, its reply and its photos and video are deleted; this cannot be undone. Its history stays. To take
          it off the storefront and keep it, reject it instead.
        </Text>
      </Modal.Section>
    </Modal>
  );
}
