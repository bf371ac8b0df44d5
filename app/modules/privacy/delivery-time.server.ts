// When the event behind a webhook delivery happened, for deciding whether it is older than an install:
// Shopify's X-Shopify-Triggered-At when the delivery carried it, else the moment the intake received it.
import defaultDb, { type DbClient } from "../../db.server";
import type { WebhookJobContext } from "../webhooks";

export async function deliveryOccurredAt(
  ctx: Pick<WebhookJobContext, "shop" | "webhook">,
  db: DbClient = defaultDb,
): Promise<Date> {
  if (ctx.webhook.triggeredAt) return ctx.webhook.triggeredAt;
  const event = await db.webhookEvent.findFirst({
    where: { id: ctx.webhook.id, shop: ctx.shop },
    select: { receivedAt: true },
  });
  // The job loaded this delivery a moment ago; gone now means shop/redact deleted it meanwhile (the retry ends
  // quietly).
  if (!event)
    throw new Error(`Webhook delivery ${ctx.webhook.id} of ${ctx.shop} is gone; cannot tell when it happened.`);
  return event.receivedAt;
}
