// The privacy module's background work: one job per compliance and app lifecycle topic.
import { defineWebhookJob } from "../webhooks";
import { recordAppUninstalled, recordScopesUpdated } from "./app-lifecycle.server";
import { redactCustomer } from "./customer-redact.server";
import { recordCustomerDataExport } from "./data-export.server";
import {
  AppScopesUpdatePayloadSchema,
  AppUninstalledPayloadSchema,
  CustomerDataRequestPayloadSchema,
  CustomerRedactPayloadSchema,
  ShopRedactPayloadSchema,
} from "./payloads";
import { redactShop } from "./shop-redact.server";

export const appUninstalledJob = defineWebhookJob({
  topic: "APP_UNINSTALLED",
  payloadSchema: AppUninstalledPayloadSchema,
  async handle(_payload, ctx) {
    const result = await recordAppUninstalled(ctx.shop);
    ctx.log.info(result, "App uninstalled: sessions removed, pending jobs cancelled");
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
    ctx.log.info({ dataRequestId: payload.data_request.id, exportId: exported.id }, "Customer data export ready for the merchant");
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
    const deleted = await redactShop(ctx.shop);
    ctx.log.info({ deleted }, "Shop redacted: every row of the shop deleted");
  },
});

export const privacyJobs = [appUninstalledJob, appScopesUpdatedJob, customerDataRequestedJob, customerRedactJob, shopRedactJob];
