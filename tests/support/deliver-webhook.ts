// Sends a signed webhook through the real intake (HMAC verification, the store) as Shopify would, then moves it
// from the inbox into the database as the worker's pump does, so the delivery's WebhookEvent and Job exist.
import { shopifyCredentials } from "~/config.server";
import { pumpWebhookInbox, receiveWebhook, type WebhookAnswer } from "~/modules/webhooks";
import { signedWebhookRequest, webhookHttpRequest, type SignedWebhookOptions } from "./signed-webhooks";

/** The intake's answer to a request, and the pump run after it (as the worker would). */
export async function sendToIntake(request: Request): Promise<WebhookAnswer> {
  const answer = await receiveWebhook(await webhookHttpRequest(request), { secret: shopifyCredentials().apiSecretKey });
  await pumpWebhookInbox();
  return answer;
}

export async function deliverWebhook(
  topic: string,
  payload: unknown,
  options: SignedWebhookOptions = {},
): Promise<WebhookAnswer> {
  const answer = await sendToIntake(signedWebhookRequest(topic, payload, options));
  if (answer.status !== 200) throw new Error(`${topic} answered ${answer.status}`);
  return answer;
}
