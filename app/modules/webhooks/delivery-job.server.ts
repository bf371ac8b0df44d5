// The job side of a webhook: load the recorded delivery, validate Shopify's payload, run the owning module's
// handler, then mark the delivery processed and drop its body (it holds personal data we no longer need).
import { z } from "zod";
import db from "../../db.server";
import { defineJob, describeFailure, TerminalJobError, type JobContext, type JobDefinition } from "../jobs";
import { WEBHOOK_JOB_TYPES, type WebhookTopic } from "./topics";

/**
 * How much of a failed delivery's body is kept for diagnosis. The rest goes at once: a body that failed
 * validation can be as large as the intake allows and holds personal data nobody will process.
 */
export const WEBHOOK_BODY_EXCERPT_CHARS = 1_000;

export function bodyExcerpt(body: string): string {
  return body.length <= WEBHOOK_BODY_EXCERPT_CHARS
    ? body
    : `${body.slice(0, WEBHOOK_BODY_EXCERPT_CHARS)}… (${body.length} characters in all)`;
}

export const WebhookJobPayloadSchema = z.object({ shop: z.string().min(1), webhookEventId: z.string().min(1) });
export type WebhookJobPayload = z.infer<typeof WebhookJobPayloadSchema>;

export interface WebhookJobContext extends JobContext {
  shop: string;
  webhook: { id: string; webhookId: string; topic: string; eventId: string | null; triggeredAt: Date | null };
}

export interface WebhookJobOptions<P> {
  topic: WebhookTopic;
  /** Validates the fields of Shopify's payload the handler uses; unknown fields pass through untouched. */
  payloadSchema: z.ZodType<P, z.ZodTypeDef, unknown>;
  /**
   * Does the work. Returning "ignored" records the delivery as ignored instead of processed (it was valid
   * but no longer applies, e.g. an uninstall older than the shop's latest install); the body is dropped either way.
   */
  handle(payload: P, ctx: WebhookJobContext): Promise<void | "ignored">;
  maxAttempts?: number;
}

export function defineWebhookJob<P>(options: WebhookJobOptions<P>): JobDefinition<WebhookJobPayload> {
  return defineJob<WebhookJobPayload>({
    type: WEBHOOK_JOB_TYPES[options.topic],
    schema: WebhookJobPayloadSchema,
    maxAttempts: options.maxAttempts,
    async run({ shop, webhookEventId }, ctx) {
      if (ctx.shop !== null && ctx.shop !== shop) {
        throw new TerminalJobError(`Webhook job ${ctx.jobId} belongs to ${ctx.shop} but names ${shop}.`);
      }
      const event = await db.webhookEvent.findFirst({
        where: { id: webhookEventId, shop },
        select: {
          id: true,
          webhookId: true,
          topic: true,
          eventId: true,
          triggeredAt: true,
          status: true,
          payload: true,
        },
      });
      // Gone (shop/redact removed it) or done by an earlier run that crashed before finishing the job: nothing left to
      // do.
      if (!event || event.status === "processed" || event.payload === null) {
        ctx.log.info({ webhookEventId }, "Webhook delivery already processed");
        return;
      }

      const body = safeJson(event.payload);
      const parsed = body.ok ? options.payloadSchema.safeParse(body.value) : null;
      if (!parsed?.success) {
        const problems = parsed
          ? parsed.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ")
          : "the body is not JSON";
        const error = `The ${options.topic} payload does not have the shape Shopify documents: ${problems}`.slice(
          0,
          500,
        );
        await db.webhookEvent.updateMany({
          where: { id: event.id, shop },
          data: { status: "failed", error, payload: null, bodyExcerpt: bodyExcerpt(event.payload) },
        });
        throw new TerminalJobError(error);
      }

      let outcome: void | "ignored";
      try {
        outcome = await options.handle(parsed.data, {
          ...ctx,
          shop,
          webhook: {
            id: event.id,
            webhookId: event.webhookId,
            topic: event.topic,
            eventId: event.eventId,
            triggeredAt: event.triggeredAt,
          },
        });
      } catch (error) {
        await db.webhookEvent
          .updateMany({ where: { id: event.id, shop }, data: { error: describeFailure(error) } })
          .catch(() => undefined);
        throw error;
      }
      // updateMany: shop/redact deletes the event it came with, and that is fine.
      await db.webhookEvent.updateMany({
        where: { id: event.id, shop },
        data: {
          status: outcome === "ignored" ? "ignored" : "processed",
          processedAt: new Date(),
          payload: null,
          error: null,
        },
      });
    },
  });
}

function safeJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}
