// Writes the demo shop into the database: wipe the demo shop's rows, then replay its history through the
// same code the webhooks run (customers, orders, deliveries, cancellations, refunds), then let the requests
// module derive the review requests by draining the jobs that history enqueued.
// Deterministic: the same seed and `now` give the same rows (ids aside). Re-runnable: only the demo shop is
// touched, and it is rebuilt from scratch each time.
import { DEMO_SHOP } from "../../config.server";
import db, { dataModel, dbProvider } from "../../db.server";
import { loggerFor } from "../../logger.server";
import { drainJobs, type JobDefinition } from "../jobs";
import {
  applyFulfillmentEvent,
  applyOrderCancelled,
  applyOrderPayload,
  applyRefund,
  ShopifyCustomerPayloadSchema,
  ShopifyFulfillmentEventPayloadSchema,
  ShopifyOrderPayloadSchema,
  ShopifyRefundPayloadSchema,
  upsertCustomerFromShopify,
} from "../orders";
import { getSettings } from "../settings";
import { markShopInstalled } from "../shops";
import { DEMO_SEED, demoOrderEvents, generateDemoShop, type DemoShopData, type DemoShopSize } from "./demo-shop";
import { demoProductImagePath } from "./product-images";
import { mediaStep } from "./media-step.server";
import { reviewsStep } from "./reviews-step.server";
import { requestHistoryStep } from "./request-history-step.server";
import { loyaltyStep } from "./loyalty-step.server";
import { customerPayload, deliveredEventPayload, orderPayload, refundPayload } from "./webhook-payloads";

export const DEMO_SHOP_DETAILS = {
  name: "Kundröst Demo Store",
  email: "hej@kundrost-demo.example",
  currency: "SEK",
  timezone: "Europe/Stockholm",
  // A Swedish store: shoppers without a language of their own get Swedish emails (see docs/decisions).
  primaryLocale: "sv",
  brandColor: "#1f5135",
} as const;

// What the Shopify CLI would have stored after install. The token is never sent anywhere: in demo mode the
// Admin API is the local stand-in.
const DEMO_SESSION_ID = `offline_${DEMO_SHOP}`;
const DEMO_SCOPES =
  "read_orders,read_fulfillments,read_customers,write_customers,read_products,write_products,read_discounts,write_discounts,read_locales,write_app_proxy";

export interface DemoSeedContext {
  shop: string;
  now: Date;
  data: DemoShopData;
  /** Absolute base for links and images (the demo app's own URL). */
  appUrl: string;
  log: ReturnType<typeof loggerFor>;
  /** The app's job registry (app/jobs.server.ts), which the seed runs its jobs with. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each definition has its own payload type
  jobDefinitions: JobDefinition<any>[];
  /** What draining the seed's jobs did (filled by the "requests" step). */
  jobs: { succeeded: number; failed: number; retried: number };
}

/**
 * One step of the seed. Steps run in order; later issues add theirs (reviews in English and Swedish for
 * insights, loyalty members) to DEMO_SEED_STEPS after "requests".
 */
export interface DemoSeedStep {
  name: string;
  run(ctx: DemoSeedContext): Promise<void>;
}

export interface DemoSeedSummary {
  shop: string;
  products: number;
  customers: number;
  orders: number;
  reviewRequests: number;
  jobs: { succeeded: number; failed: number; retried: number };
  ms: number;
}

export async function seedDemoShop(options: {
  now: Date;
  appUrl: string;
  /**
   * The app's job registry (`jobDefinitions` from app/jobs.server.ts). Passed in, not imported: the registry
   * wires the Admin API, whose injection point hands out this module's stand-in.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each definition has its own payload type
  jobDefinitions: JobDefinition<any>[];
  seed?: number;
  size?: DemoShopSize;
}): Promise<DemoSeedSummary> {
  const started = Date.now();
  const log = loggerFor({ shop: DEMO_SHOP, module: "demo" });
  const ctx: DemoSeedContext = {
    shop: DEMO_SHOP,
    now: options.now,
    data: generateDemoShop({ now: options.now, seed: options.seed ?? DEMO_SEED, size: options.size }),
    appUrl: options.appUrl.replace(/\/+$/, ""),
    log,
    jobDefinitions: options.jobDefinitions,
    jobs: { succeeded: 0, failed: 0, retried: 0 },
  };
  if (dbProvider() === "sqlite") {
    // The seed writes a few thousand small transactions. Without a sync to disk on every commit it runs many
    // times faster; WAL keeps the file consistent, and the demo shop can always be seeded again.
    await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  }
  for (const step of DEMO_SEED_STEPS) {
    const stepStarted = Date.now();
    await step.run(ctx);
    log.info({ step: step.name, ms: Date.now() - stepStarted }, "demo seed step done");
  }
  const [products, customers, orders, reviewRequests] = await Promise.all([
    db.product.count({ where: { shop: DEMO_SHOP } }),
    db.customer.count({ where: { shop: DEMO_SHOP } }),
    db.order.count({ where: { shop: DEMO_SHOP } }),
    db.reviewRequest.count({ where: { shop: DEMO_SHOP } }),
  ]);
  return { shop: DEMO_SHOP, products, customers, orders, reviewRequests, jobs: ctx.jobs, ms: Date.now() - started };
}

/** Removes every row of the demo shop, in every model that has a `shop` column. */
export async function wipeDemoShop(): Promise<void> {
  const shopModels = dataModel.models.filter((model) => model.fields.some((field) => field.name === "shop"));
  await db.$transaction(async (tx) => {
    for (const model of shopModels) {
      const delegate = (tx as unknown as Record<string, { deleteMany(args: unknown): Promise<unknown> }>)[
        model.name.charAt(0).toLowerCase() + model.name.slice(1)
      ];
      await delegate.deleteMany({ where: { shop: DEMO_SHOP } });
    }
  });
}

const wipeStep: DemoSeedStep = {
  name: "wipe",
  run: () => wipeDemoShop(),
};

const shopStep: DemoSeedStep = {
  name: "shop",
  async run({ shop, now }) {
    // Installed the way an OAuth grant installs a shop (afterAuth's markShopInstalled), then given the details
    // shops.sync-shop would have brought from the Admin API.
    await markShopInstalled(shop, db, now);
    await db.shop.update({ where: { shop }, data: DEMO_SHOP_DETAILS });
    await getSettings(shop);
    await db.session.create({
      data: {
        id: DEMO_SESSION_ID,
        shop,
        state: "demo",
        isOnline: false,
        scope: DEMO_SCOPES,
        accessToken: "demo-offline-token",
      },
    });
  },
};

// The stand-in Admin API answers product queries from these rows, so in the demo they are "Shopify's" catalogue.
const catalogueStep: DemoSeedStep = {
  name: "catalogue",
  async run({ shop, data, appUrl }) {
    await db.product.createMany({
      data: data.products.map((product) => ({
        shop,
        shopifyId: product.shopifyId,
        title: product.title,
        handle: product.handle,
        productType: product.productType,
        vendor: product.vendor,
        imageUrl: `${appUrl}${demoProductImagePath(product.handle)}`,
        isGiftCard: product.kind === "gift_card",
        status: "active",
      })),
    });
  },
};

const customersStep: DemoSeedStep = {
  name: "customers",
  async run({ shop, data }) {
    for (const customer of data.customers) {
      await upsertCustomerFromShopify(shop, ShopifyCustomerPayloadSchema.parse(customerPayload(customer)));
    }
  },
};

// Replayed in the order Shopify would have sent the webhooks, through the functions the webhook jobs call,
// with each payload validated by the same schema the webhook jobs use.
const ordersStep: DemoSeedStep = {
  name: "orders",
  async run({ shop, data }) {
    for (const event of demoOrderEvents(data)) {
      const outcome =
        event.kind === "fulfilled"
          ? await applyOrderPayload(shop, ShopifyOrderPayloadSchema.parse(orderPayload(event.order, event.at)))
          : event.kind === "delivered"
            ? await applyFulfillmentEvent(
                shop,
                ShopifyFulfillmentEventPayloadSchema.parse(deliveredEventPayload(event.order)),
              )
            : event.kind === "cancelled"
              ? await applyOrderCancelled(shop, ShopifyOrderPayloadSchema.parse(orderPayload(event.order, event.at)))
              : await applyRefund(shop, ShopifyRefundPayloadSchema.parse(refundPayload(event.order, event.refund)));
      if (outcome.status === "ignored") {
        throw new Error(`Demo ${event.kind} event for order ${event.order.name} was ignored: ${outcome.reason}`);
      }
    }
  },
};

// The review requests are the requests module's to derive: run the sync jobs the order history enqueued.
// Jobs run on the real clock (they were enqueued on it); the history itself is anchored on `now`.
const requestsStep: DemoSeedStep = {
  name: "requests",
  async run(ctx) {
    ctx.jobs = await drainJobs(ctx.jobDefinitions);
    if (ctx.jobs.failed > 0) ctx.log.warn({ failed: ctx.jobs.failed }, "some demo seed jobs failed; see the Job table");
  },
};

export const DEMO_SEED_STEPS: DemoSeedStep[] = [
  wipeStep,
  shopStep,
  catalogueStep,
  customersStep,
  ordersStep,
  requestsStep,
  reviewsStep,
  mediaStep,
  requestHistoryStep,
  loyaltyStep,
];
