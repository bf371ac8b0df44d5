// Shops: our Shop row kept in step with the shop's settings in Shopify (name, email, currency, time zone,
// default language), by a call or by the `shops.sync-shop` job; marked installed by an OAuth grant only, and
// asked "installed now?" by everything that acts for the shop.
export { syncShop, saveShopInfo, type SyncedShop } from "./shop-sync.server";
export { syncShopJob, shopsJobs, SYNC_SHOP_JOB_TYPE } from "./jobs.server";
export { markShopInstalled, type InstallResult } from "./install.server";
export { isShopInstalled, requireInstalledShop, shopsNotInstalled } from "./installed.server";
