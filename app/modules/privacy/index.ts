// Privacy: the mandatory compliance webhooks (data request, customer redact, shop redact) and the app
// lifecycle (uninstall, scope changes). The merchant downloads data-request exports from /app/privacy.
export { privacyJobs } from "./jobs.server";
export { recordAppUninstalled } from "./app-lifecycle.server";
export { listDataExports, getDataExport, dataExportFileName, DATA_EXPORT_FORMAT } from "./data-export.server";
export { redactCustomer } from "./customer-redact.server";
export { shopOwnedModels, decideShopRedaction, SHOP_REDACT_DELAY_MS } from "./shop-redact.server";
