// Privacy: the mandatory compliance webhooks (data request, customer redact, shop redact) and the app
// lifecycle (uninstall, scope changes). The merchant downloads data-request exports from /app/privacy.
export { privacyJobs } from "./jobs.server";
export {
  recordAppUninstalled,
  recordScopesUpdated,
  isStaleUninstall,
  type UninstallResult,
} from "./app-lifecycle.server";
export {
  recordCustomerDataExport,
  listDataExports,
  getDataExport,
  dataExportFileName,
  DATA_EXPORT_FORMAT,
  type DataExportSummary,
} from "./data-export.server";
export {
  redactCustomer,
  ANONYMOUS_DISPLAY_NAME,
  MEDIA_FILE_DELETION_JOB_TYPE,
  type CustomerRedactionResult,
} from "./customer-redact.server";
export {
  redactShop,
  shopOwnedModels,
  decideShopRedaction,
  SHOP_REDACT_DELAY_MS,
  type ShopRedactDecision,
} from "./shop-redact.server";
export type { DataSubject } from "./payloads";
