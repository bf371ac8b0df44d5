// Demo mode: the deterministic demo shop (data, Shopify-shaped webhook payloads, the seed) and the demo
// controls. Nothing here is reachable unless demo mode is on (routes check `isDemoMode()`).
export { DEMO_PRODUCTS, demoProductByHandle } from "./catalog";
export { DEMO_ORDER_COUNT, generateDemoShop, demoOrderEvents, type DemoShopSize } from "./demo-shop";
export { orderPayload, refundPayload, deliveredEventPayload } from "./webhook-payloads";
export { renderDemoProductImage } from "./product-images";
export { seedDemoShop, DEMO_SHOP_DETAILS, type DemoSeedSummary } from "./seed.server";
export { requireDemoMode } from "./demo-mode.server";
// The Admin API stand-in: handed out only by app/admin-auth.server.ts, the injection point, in demo mode and tests.
export { createStandInGraphql } from "./standin.server";
// What codes the stand-in "shop" holds: bench:loyalty audits them for duplicates.
export { standInDiscountCodes } from "./standin.server";
export { makeScheduledRequestsDueNow } from "./make-due-now.server";
export { demoOverview, makeDemoRequestsDueNow, runDueDemoJobs } from "./controls.server";
export { DEMO_WEBHOOK_KINDS, DemoWebhookUnavailableError, sendDemoWebhook } from "./webhook-control.server";
export {
  renderPreviewProductPage,
  renderPreviewCollectionPage,
  demoStorefrontMembers,
  demoMemberFromRequest,
  previewHtmlResponse,
  DEMO_MEMBER_COOKIE,
} from "./storefront-preview.server";
export { forwardThroughLocalAppProxy } from "./app-proxy-hop.server";
