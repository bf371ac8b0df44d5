// The privacy module's background work: one job per compliance and app lifecycle topic.
import { deleteShopMediaFiles } from "../media";
import { defineWebhookJob } from "../webhooks";
import { recordAppUninstalled, recordScopesUpdated } from "./app-lifecycle.server";
import { redactCustomer } from "./customer-redact.server";
import { recordCustomerDataExport } from "./data-export.server";
import { deliveryOccurredAt } from "./delivery-time.server";
import {
  AppScopesUpdatePayloadSchema,
  AppUninstalledPayloadSchema,
  CustomerDataRequestPayloadSchema,
  CustomerRedactPayloadSchema,
  ShopRedactPayloadSchema,
} from "./payloads";
import { decideShopRedaction, redactShop } from "./shop-redact.server";

export const appUninstalledJob = defineWebhookJob({
  topic: "APP_UNINSTALLED",
  payloadSchema: AppUninstalledPayloadSchema,
  async handle(_payload, ctx) {
    const occurredAt = await deliveryOccurredAt(ctx);
    const result = await recordAppUninstalled(ctx.shop, undefined, new Date(), occurredAt);
    if (result.stale) {
      ctx.log.info(
        {
          stale: true,
          webhookId: ctx.webhook.webhookId,
          uninstalledAt: occurredAt.toISOString(),
          installedAt: result.installedAt?.toISOString() ?? null,
        },
        "Stale app/uninstalled ignored: the shop installed the app again after it; sessions and jobs untouched",
      );
      return "ignored";
    }
    ctx.log.info(
      { ...result, uninstalledAt: occurredAt.toISOString() },
      "App uninstalled: sessions removed, pending jobs cancelled",
    );
  },
});

export const appScopesUpdatedJob = defineWebhookJob({
  topic: "APP_SCOPES_UPDATE",
  payloadSchema: AppScopesUpdatePayloadSchema,
  async handle(payload, ctx) {
    const sessions = await recordScopesUpdated(ctx.shop, payload.current);
    ctx.log.info({ sessions, scopes: payload.current }, "Access scopes updated");
  },
});

export const customerDataRequestedJob = defineWebhookJob({
  topic: "CUSTOMERS_DATA_REQUEST",
  payloadSchema: CustomerDataRequestPayloadSchema,
  async handle(payload, ctx) {
    const exported = await recordCustomerDataExport(ctx.shop, payload);
    ctx.log.info(
      { dataRequestId: payload.data_request.id, exportId: exported.id },
      "Customer data export ready for the merchant",
    );
  },
});

export const customerRedactJob = defineWebhookJob({
  topic: "CUSTOMERS_REDACT",
  payloadSchema: CustomerRedactPayloadSchema,
  async handle(payload, ctx) {
    const result = await redactCustomer(ctx.shop, {
      customerShopifyId: payload.customer.id ?? null,
      email: payload.customer.email ?? null,
      orderShopifyIds: payload.orders_to_redact,
    });
    ctx.log.info(result, "Customer redacted");
  },
});

export const shopRedactJob = defineWebhookJob({
  topic: "SHOP_REDACT",
  payloadSchema: ShopRedactPayloadSchema,
  async handle(_payload, ctx) {
    const requestedAt = await deliveryOccurredAt(ctx);
    const decision = await decideShopRedaction(ctx.shop, requestedAt);
    if (!decision.redact) {
      ctx.log.info(
        // The job has no shop (privacy requests outlive the installation), so the line names it.
        {
          shop: ctx.shop,
          stale: true,
          webhookId: ctx.webhook.webhookId,
          requestedAt: requestedAt.toISOString(),
          uninstalledAt: decision.uninstalledAt.toISOString(),
          installedAt: decision.installedAt.toISOString(),
        },
        "Stale shop/redact ignored: the shop installed the app again after the uninstall it follows; nothing deleted",
      );
      return "ignored";
    }
    const deleted = await redactShop(ctx.shop);
    // After the rows: a retry after a crash here finds no rows and deletes the files again.
    const files = await deleteShopMediaFiles(ctx.shop);
    ctx.log.info(
      { shop: ctx.shop, deleted, files, reason: decision.reason },
      "Shop redacted: every row and stored file of the shop deleted",
    );
  },
});

export const privacyJobs = [
  appUninstalledJob,
  appScopesUpdatedJob,
  customerDataRequestedJob,
  customerRedactJob,
  shopRedactJob,
];
