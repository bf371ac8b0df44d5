// Sends a signed webhook through its real route (authenticate.webhook included), as Shopify would.
import { signedWebhookRequest, type SignedWebhookOptions } from "./signed-webhooks";

type WebhookAction = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<Response>;

export async function deliverWebhook(topic: string, payload: unknown, options: SignedWebhookOptions = {}): Promise<Response> {
  const route = (await import(`../../app/routes/webhooks.${topic.replaceAll("/", ".")}.tsx`)) as { action: WebhookAction };
  const response = await route.action({ request: signedWebhookRequest(topic, payload, options), params: {}, context: {} });
  if (response.status !== 200) throw new Error(`${topic} answered ${response.status}`);
  return response;
}
