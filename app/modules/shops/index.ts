// Shops: our Shop row kept in step with the shop's settings in Shopify (name, email, currency, time zone,
// default language), by a call or by the `shops.sync-shop` job; marked installed by an OAuth grant only, and
// asked "installed now?" by everything that acts for the shop.
// The shop facts everyone reads (brand, time zone, dates written in it) come from here.
export { syncShop } from "./shop-sync.server";
export { shopsJobs, SYNC_SHOP_JOB_TYPE } from "./jobs.server";
export { markShopInstalled } from "./install.server";
export { isShopInstalled, requireInstalledShop, shopsNotInstalled, installedShopsAmong } from "./installed.server";
export { loadShopBrand, shopTimeZone, safeBrandColor, type ShopBrand } from "./shop-facts.server";
export { formatShopDate, formatShopDateTime } from "./shop-dates";
export { addMonths, calendarDayOf, isoDay, monthStartOf, startOfDayIn, weekStartOf } from "./shop-calendar";
