// Demo mode: the deterministic demo shop (data, Shopify-shaped webhook payloads, the seed) and the demo
// controls. Nothing here is reachable unless demo mode is on (routes check `isDemoMode()`).
export { DEMO_PRODUCTS, demoProductByHandle, type DemoProduct } from "./catalog";
export type { DemoCustomer, DemoLocale } from "./people";
export { SeededRandom } from "./random";
export {
  DEMO_SEED,
  DEMO_CUSTOMER_COUNT,
  DEMO_ORDER_COUNT,
  generateDemoShop,
  demoOrderEvents,
  type DemoShopData,
  type DemoShopSize,
  type DemoOrder,
  type DemoOrderEvent,
} from "./demo-shop";
export { customerPayload, orderPayload, refundPayload, deliveredEventPayload } from "./webhook-payloads";
export { demoProductImagePath, renderDemoProductImage } from "./product-images";
export {
  seedDemoShop,
  wipeDemoShop,
  DEMO_SEED_STEPS,
  DEMO_SHOP_DETAILS,
  type DemoSeedStep,
  type DemoSeedContext,
  type DemoSeedSummary,
} from "./seed.server";
export { requireDemoMode } from "./demo-mode.server";
export { demoOverview, makeDemoRequestsDueNow, runDueDemoJobs, type DemoOverview } from "./controls.server";
export { DEMO_WEBHOOK_KINDS, DemoWebhookUnavailableError, sendDemoWebhook } from "./webhook-control.server";
