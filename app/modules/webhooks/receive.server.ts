// The webhook intake: verify, record the delivery once, enqueue its job, answer. Nothing else happens
// before the response: Shopify wants a 2xx within 5 seconds and retries (and eventually removes the
// subscription) otherwise — https://shopify.dev/docs/apps/build/webhooks/subscribe/https
import { randomUUID } from "node:crypto";
import defaultDb, { type Db } from "../../db.server";
import { enqueueJob } from "../jobs";
import { loggerFor } from "../../logger.server";
import { authenticate } from "../../shopify.server";
import { jobShopFor, WEBHOOK_JOB_TYPES, type WebhookTopic } from "./topics";
import { isUniqueViolation, parseTriggeredAt, webhookIntake } from "./group-commit.server";

export type WebhookDeliveryOutcome = "recorded" | "duplicate";

export interface WebhookDelivery {
  shop: string;
  topic: WebhookTopic;
  webhookId: string;
  eventId?: string | null;
  apiVersion?: string | null;
  triggeredAt?: string | null;
  /** The JSON body exactly as Shopify sent it. */
  body: string;
}

/**
 * Handles one POST from Shopify. Answers what shopify-app-remix's `authenticate.webhook` decides for bad
 * requests (405 not a POST, 401 forged HMAC, 400 missing body or headers), 400 when the topic does not
 * belong at this address, and 200 for a valid delivery — also when it is a retry of one already recorded.
 */
export async function receiveWebhook(request: Request, options: { expectedTopic: WebhookTopic }): Promise<Response> {
  // authenticate.webhook reads the body, so keep a copy of the raw bytes: the job gets Shopify's JSON as sent.
  const raw = request.clone();
  let context: Awaited<ReturnType<typeof authenticate.webhook>>;
  try {
    context = await authenticate.webhook(request);
  } catch (error) {
    if (error instanceof Response) return error;
    // A correctly signed body that is not JSON: nothing a retry can fix.
    if (error instanceof SyntaxError) return new Response(null, { status: 400, statusText: "Bad Request" });
    throw error;
  }

  if (context.topic !== options.expectedTopic) {
    loggerFor({ shop: context.shop, module: "webhooks" }).warn(
      { topic: context.topic, expectedTopic: options.expectedTopic, webhookId: context.webhookId },
      "Webhook topic does not match its address; check the subscriptions in shopify.app.toml",
    );
    return new Response(null, { status: 400, statusText: "Bad Request" });
  }

  await webhookIntake().record({
    shop: context.shop,
    topic: options.expectedTopic,
    webhookId: context.webhookId,
    eventId: context.eventId,
    apiVersion: context.apiVersion,
    triggeredAt: context.triggeredAt,
    body: await raw.text(),
  });
  return new Response(null, { status: 200 });
}

/**
 * Records the delivery and enqueues its job in one transaction: either both exist or neither, so a crash
 * between them cannot lose the work or leave a record without its job. A second delivery with the same
 * X-Shopify-Webhook-Id (Shopify's retry of the same webhook) hits the unique (shop, webhookId) and is ignored.
 */
export async function recordWebhookDelivery(delivery: WebhookDelivery, db: Db = defaultDb): Promise<WebhookDeliveryOutcome> {
  const webhookEventId = randomUUID();
  try {
    await db.$transaction(async (tx) => {
      // The job first, so the event row can point at it without a second write; both commit together.
      const job = await enqueueJob(
        { type: WEBHOOK_JOB_TYPES[delivery.topic], shop: jobShopFor(delivery.topic, delivery.shop), payload: { shop: delivery.shop, webhookEventId } },
        tx,
      );
      await tx.webhookEvent.create({
        data: {
          id: webhookEventId,
          shop: delivery.shop,
          topic: delivery.topic,
          webhookId: delivery.webhookId,
          eventId: delivery.eventId ?? null,
          apiVersion: delivery.apiVersion ?? null,
          triggeredAt: parseTriggeredAt(delivery.triggeredAt),
          status: "enqueued",
          jobId: job.id,
          payload: delivery.body,
        },
        select: { id: true },
      });
    });
    return "recorded";
  } catch (error) {
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
}


