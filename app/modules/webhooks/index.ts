// Webhook intake: scripts/server.ts mounts the intake's request handler in front of express and Remix; the
// worker runs the inbox pump; the modules that own the work define their jobs with defineWebhookJob so every
// topic is loaded, validated and marked processed the same way.
export {
  createWebhookRequestHandler,
  isWebhookRequest,
  receiveWebhook,
  type WebhookAnswer,
  type WebhookHttpRequest,
  type WebhookStore,
} from "./intake.server";
export { pumpWebhookInbox, startWebhookInboxPump, processWebhookInbox } from "./pump.server";
export { WebhookInbox, webhookInboxFile } from "./inbox.server";
export { verifyWebhook } from "./verify.server";
export type { WebhookDelivery } from "./delivery";
export { defineWebhookJob, defineWebhookBatchJob, type WebhookJobContext } from "./delivery-job.server";
// Records deliveries as the pump does (benchmarks and tests that queue a burst without HTTP).
export { commitWebhookBatch } from "./group-commit.server";
export { WEBHOOK_JOB_TYPES, WEBHOOK_PATHS } from "./topics";
