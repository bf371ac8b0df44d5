// One look tells a merchant where a review request stands; the colours follow Polaris' badge meanings
// (success = done, critical = needs attention, info = under way, no tone = nothing will happen). A sent
// request is under way (the customer has the email), not a warning: nothing is wrong and nothing is to do.
import { Badge } from "@shopify/polaris";

type Tone = "info" | "success" | "attention" | "critical" | undefined;
type Progress = "incomplete" | "partiallyComplete" | "complete" | undefined;

const STATUS_BADGES: Record<string, { label: string; tone: Tone; progress: Progress }> = {
  scheduled: { label: "Scheduled", tone: undefined, progress: "incomplete" },
  sent: { label: "Sent", tone: "info", progress: "partiallyComplete" },
  reminded: { label: "Reminded", tone: "info", progress: "partiallyComplete" },
  reviewed: { label: "Reviewed", tone: "success", progress: "complete" },
  cancelled: { label: "Cancelled", tone: undefined, progress: undefined },
  failed: { label: "Failed", tone: "critical", progress: undefined },
  skipped: { label: "Skipped", tone: undefined, progress: undefined },
};

export function requestStatusLabel(status: string): string {
  return STATUS_BADGES[status]?.label ?? status;
}

/** The badge tone of a status (exported for the tests that keep warnings for what needs the merchant). */
export function requestStatusTone(status: string): Tone {
  return STATUS_BADGES[status]?.tone;
}

export function RequestStatusBadge({ status }: { status: string }) {
  const badge = STATUS_BADGES[status] ?? { label: status, tone: undefined, progress: undefined };
  return (
    <Badge tone={badge.tone} progress={badge.progress}>
      {badge.label}
    </Badge>
  );
}
