// One look tells a merchant where a review request stands; the colours follow Polaris' badge meanings
// (success = done, critical = needs attention, no tone = nothing will happen).
import { Badge } from "@shopify/polaris";

type Tone = "info" | "success" | "attention" | "critical" | undefined;

const STATUS_BADGES: Record<string, { label: string; tone: Tone }> = {
  scheduled: { label: "Scheduled", tone: "info" },
  sent: { label: "Sent", tone: "attention" },
  reminded: { label: "Reminded", tone: "attention" },
  reviewed: { label: "Reviewed", tone: "success" },
  cancelled: { label: "Cancelled", tone: undefined },
  failed: { label: "Failed", tone: "critical" },
  skipped: { label: "Skipped", tone: undefined },
};

export function requestStatusLabel(status: string): string {
  return STATUS_BADGES[status]?.label ?? status;
}

export function RequestStatusBadge({ status }: { status: string }) {
  const badge = STATUS_BADGES[status] ?? { label: status, tone: undefined };
  return <Badge tone={badge.tone}>{badge.label}</Badge>;
}
