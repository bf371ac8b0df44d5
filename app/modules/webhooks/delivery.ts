// One webhook delivery as the intake hands it on, whichever store keeps it.
import type { WebhookTopic } from "./topics";

export type WebhookDeliveryOutcome = "recorded" | "duplicate";

export interface WebhookDelivery {
  shop: string;
  topic: WebhookTopic;
  webhookId: string;
  eventId?: string | null;
  apiVersion?: string | null;
  triggeredAt?: string | null;
  /** When the intake received it (the inbox keeps it; the app database's row is written later by the pump). */
  receivedAt?: Date;
  /** The JSON body exactly as Shopify sent it. */
  body: string | Buffer;
}

export function deliveryBodyText(delivery: WebhookDelivery): string {
  return typeof delivery.body === "string" ? delivery.body : delivery.body.toString("utf8");
}
