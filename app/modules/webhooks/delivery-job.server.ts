// The job side of a webhook: load the recorded delivery, validate Shopify's payload, run the owning module's
// handler, then mark the delivery processed and drop its body (it holds personal data we no longer need).
import { z } from "zod";
import type { WebhookEvent } from ".prisma/client-sqlite";
import db, { inList, rawSql, runSql, selectRows, type DbClient } from "../../db.server";
import {
  defineJob,
  describeFailure,
  TerminalJobError,
  type JobBatchItem,
  type JobContext,
  type JobDefinition,
} from "../jobs";
import type pino from "pino";
import { installedShopsAmong, isShopInstalled } from "../shops";
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
  /**
   * The topic's data is kept only for a shop the app is installed in now. A delivery for any other shop (never
   * installed, uninstalled, or redacted: a late or retried delivery after shop/redact) is recorded as ignored
   * and its body dropped before the handler runs; it creates no row.
   */
  installedShopsOnly?: boolean;
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
      // Gone (shop/redact removed it) or done by an earlier run that crashed before finishing the job: nothing
      // left to do.
      if (!event || event.status === "processed" || event.payload === null) {
        ctx.log.info({ webhookEventId }, "Webhook delivery already processed");
        return;
      }

      const body = safeJson(event.payload);
      const parsed = body.ok ? options.payloadSchema.safeParse(body.value) : null;
      if (!parsed?.success) {
        const error = invalidPayloadError(options.topic, parsed);
        await db.webhookEvent.updateMany({
          where: { id: event.id, shop },
          data: { status: "failed", error, payload: null, bodyExcerpt: bodyExcerpt(event.payload) },
        });
        throw new TerminalJobError(error);
      }

      let outcome: void | "ignored";
      try {
        if (options.installedShopsOnly && !(await isShopInstalled(shop))) {
          ctx.log.info(
            { shop, topic: event.topic, webhookId: event.webhookId },
            "webhook ignored: the app is not installed in the shop",
          );
          outcome = "ignored";
        } else {
          outcome = await options.handle(parsed.data, { ...ctx, shop, webhook: webhookOf(event) });
        }
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

/** Why a recorded payload cannot be handled, in one line of at most 500 characters. */
function invalidPayloadError(topic: WebhookTopic, parsed: z.SafeParseReturnType<unknown, unknown> | null): string {
  const problems = parsed?.error
    ? parsed.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ")
    : "the body is not JSON";
  return `The ${topic} payload does not have the shape Shopify documents: ${problems}`.slice(0, 500);
}

/** What a handler is told about the delivery it handles. */
function webhookOf(event: {
  id: string;
  webhookId: string;
  topic: string;
  eventId: string | null;
  triggeredAt: Date | null;
}): WebhookJobContext["webhook"] {
  const { id, webhookId, topic, eventId, triggeredAt } = event;
  return { id, webhookId, topic, eventId, triggeredAt };
}

function safeJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

export interface WebhookBatchDelivery<P> {
  jobId: string;
  shop: string;
  payload: P;
  webhook: WebhookJobContext["webhook"];
}

export interface WebhookBatchJobOptions<P> {
  topic: WebhookTopic;
  payloadSchema: z.ZodType<P, z.ZodTypeDef, unknown>;
  /** The most deliveries one run takes. */
  size: number;
  /** As WebhookJobOptions.installedShopsOnly: deliveries for a shop not installed now are ignored, bodies dropped. */
  installedShopsOnly?: boolean;
  /**
   * Does the work of many deliveries inside `tx` (their events are marked processed in the same transaction).
   * Returns the job ids of deliveries that were valid but no longer apply ("ignored"). If it throws, the batch is
   * split in halves and each half tried again, down to the one delivery that fails, which fails alone.
   */
  handleBatch(deliveries: WebhookBatchDelivery<P>[], tx: DbClient, log: pino.Logger): Promise<Set<string>>;
  maxAttempts?: number;
}

/**
 * A webhook topic whose jobs run in batches (JobDefinition.batch): one read of the recorded deliveries, each
 * payload validated alone (an invalid one fails alone, terminally), the valid ones handled in one transaction
 * that also marks their events processed; the one-job path is a batch of one.
 */
export function defineWebhookBatchJob<P>(options: WebhookBatchJobOptions<P>): JobDefinition<WebhookJobPayload> {
  const runBatch = async (
    items: JobBatchItem<WebhookJobPayload>[],
    log: pino.Logger,
  ): Promise<Map<string, unknown>> => {
    const failures = new Map<string, unknown>();
    // Raw SQL: a model call's cost grows with its `in` list (the hot path of a sale, docs/decisions/009).
    const events = await selectRows<WebhookEvent>(
      db,
      "WebhookEvent",
      rawSql().sql`"id" IN ${inList(items.map((i) => i.payload.webhookEventId))}`,
    );
    const eventById = new Map(events.map((e) => [e.id, e]));
    const valid: WebhookBatchDelivery<P>[] = [];
    for (const item of items) {
      const { shop, webhookEventId } = item.payload;
      if (item.shop !== null && item.shop !== shop) {
        failures.set(
          item.jobId,
          new TerminalJobError(`Webhook job ${item.jobId} belongs to ${item.shop} but names ${shop}.`),
        );
        continue;
      }
      const event = eventById.get(webhookEventId);
      // Gone (shop/redact removed it) or done by an earlier run: nothing left to do.
      if (!event || event.shop !== shop || event.status === "processed" || event.payload === null) continue;
      const body = safeJson(event.payload);
      const parsed = body.ok ? options.payloadSchema.safeParse(body.value) : null;
      if (!parsed?.success) {
        const error = invalidPayloadError(options.topic, parsed);
        await db.webhookEvent.updateMany({
          where: { id: event.id, shop },
          data: { status: "failed", error, payload: null, bodyExcerpt: bodyExcerpt(event.payload) },
        });
        failures.set(item.jobId, new TerminalJobError(error));
        continue;
      }
      valid.push({ jobId: item.jobId, shop, payload: parsed.data, webhook: webhookOf(event) });
    }
    await handleSplitting(valid, failures, log);
    return failures;
  };

  const handleSplitting = async (
    deliveries: WebhookBatchDelivery<P>[],
    failures: Map<string, unknown>,
    log: pino.Logger,
  ): Promise<void> => {
    if (deliveries.length === 0) return;
    try {
      await db.$transaction(
        async (tx) => {
          const ignored = new Set<string>();
          let handled = deliveries;
          if (options.installedShopsOnly) {
            // One look at the batch's shops, however many of their deliveries it holds.
            const installed = await installedShopsAmong([...new Set(deliveries.map((d) => d.shop))], tx);
            for (const d of deliveries) {
              if (installed.has(d.shop)) continue;
              ignored.add(d.jobId);
              log.info(
                { shop: d.shop, topic: d.webhook.topic, webhookId: d.webhook.webhookId },
                "webhook ignored: the app is not installed in the shop",
              );
            }
            handled = deliveries.filter((d) => !ignored.has(d.jobId));
          }
          if (handled.length > 0) for (const id of await options.handleBatch(handled, tx, log)) ignored.add(id);
          const done = (status: "processed" | "ignored", ids: string[]) =>
            ids.length === 0
              ? null
              : runSql(
                  tx,
                  rawSql().sql`UPDATE "WebhookEvent" SET "status" = ${status}, "processedAt" = ${new Date()},
                    "payload" = NULL, "error" = NULL WHERE "id" IN ${inList(ids)}`,
                );
          await done(
            "processed",
            deliveries.filter((d) => !ignored.has(d.jobId)).map((d) => d.webhook.id),
          );
          await done(
            "ignored",
            deliveries.filter((d) => ignored.has(d.jobId)).map((d) => d.webhook.id),
          );
        },
        // A batch holds the write lock for its whole length; wait for it rather than failing after 2 s.
        { maxWait: 30_000, timeout: 120_000 },
      );
    } catch (error) {
      if (deliveries.length === 1) {
        const [only] = deliveries;
        await db.webhookEvent
          .updateMany({
            where: { id: only.webhook.id, shop: only.shop },
            data: { error: describeFailure(error) },
          })
          .catch(() => undefined);
        failures.set(only.jobId, error);
        return;
      }
      log.warn(
        { err: error, deliveries: deliveries.length },
        "webhook batch failed; trying its halves to find the delivery that fails",
      );
      const half = Math.ceil(deliveries.length / 2);
      await handleSplitting(deliveries.slice(0, half), failures, log);
      await handleSplitting(deliveries.slice(half), failures, log);
    }
  };

  return defineJob<WebhookJobPayload>({
    type: WEBHOOK_JOB_TYPES[options.topic],
    schema: WebhookJobPayloadSchema,
    maxAttempts: options.maxAttempts,
    batch: { size: options.size, run: (items, ctx) => runBatch(items, ctx.log) },
    async run(payload, ctx) {
      const failures = await runBatch([{ jobId: ctx.jobId, shop: ctx.shop, attempt: ctx.attempt, payload }], ctx.log);
      if (failures.has(ctx.jobId)) throw failures.get(ctx.jobId);
    },
  });
}
