// Webhook intake: routes call receiveWebhook; the modules that own the work define their jobs with
// defineWebhookJob so every topic is loaded, validated and marked processed the same way.
export { receiveWebhook, recordWebhookDelivery, type WebhookDelivery, type WebhookDeliveryOutcome } from "./receive.server";
export { defineWebhookJob, type WebhookJobContext, type WebhookJobOptions } from "./delivery-job.server";
export { WEBHOOK_JOB_TYPES, type WebhookTopic, type WebhookJobType } from "./topics";
