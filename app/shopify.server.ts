// The one place that configures shopifyApp: auth, API version, webhooks, session storage.
import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import db from "./db.server";
import { keptLoggerFor } from "./logger.server";
import { RememberingSessionStorage } from "./session-storage.server";
import { shopifyCredentials } from "./config.server";
import { enqueueJob } from "./modules/jobs";
import { markShopInstalled, SYNC_SHOP_JOB_TYPE } from "./modules/shops";

// Pinned: the same version as [webhooks] api_version in shopify.app.toml, and the schema the GraphQL
// operations are validated against (tests/shopify/admin-schema.test.ts).
export const ADMIN_API_VERSION = ApiVersion.July26;

const credentials = shopifyCredentials();

// One child of the app's logger for all the libraries' lines (one on every admin request), not one per line.
const shopifyLibraryLog = keptLoggerFor({ module: "shopify" });

/**
 * The Shopify libraries' log, through the app's logger instead of console.log: structured and redacted like every
 * other line, with their warnings and errors at warn and error. What they log as info narrates: their version each
 * time this module loads (in the web process, again in each render thread, again in a script that imports the app
 * beside the build), "Authenticating admin request" on every admin page. That goes to debug.
 */
export function logShopifyLibrary(severity: LogSeverity, message: string): void {
  const log = shopifyLibraryLog();
  // "[shopify-api/INFO] version 13.1.0, ...": the package is kept as a field; the level is the record's own.
  const tag = /^\[(shopify-[\w-]+)\/[A-Z]+\] /.exec(message);
  const fields = tag ? { package: tag[1] } : {};
  const text = tag ? message.slice(tag[0].length) : message;
  if (severity === LogSeverity.Error) log.error(fields, text);
  else if (severity === LogSeverity.Warning) log.warn(fields, text);
  else log.debug(fields, text);
}

const shopify = shopifyApp({
  apiKey: credentials.apiKey,
  apiSecretKey: credentials.apiSecretKey,
  apiVersion: ADMIN_API_VERSION,
  scopes: credentials.scopes,
  appUrl: credentials.appUrl,
  authPathPrefix: "/auth",
  logger: { log: logShopifyLibrary },
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  sessionStorage: new RememberingSessionStorage(new PrismaSessionStorage(db as any)),
  distribution: AppDistribution.AppStore,
  hooks: {
    // On install and every re-auth: the shop is installed (a reinstall undoes app/uninstalled), then its name,
    // time zone, language and catalogue are mirrored in the background.
    afterAuth: async ({ session }) => {
      await markShopInstalled(session.shop);
      await enqueueJob({
        type: SYNC_SHOP_JOB_TYPE,
        shop: session.shop,
        payload: { shop: session.shop, products: true },
        // A unique key holds while its job is kept (at least a day, see RETENTION_FINISHED_JOBS_DAYS): one sync
        // per shop per day is plenty, however often the merchant re-auths.
        uniqueKey: `${SYNC_SHOP_JOB_TYPE}:${session.shop}:${new Date().toISOString().slice(0, 10)}`,
      });
    },
  },
  future: {
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
  ...(process.env.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [process.env.SHOP_CUSTOM_DOMAIN] } : {}),
});

export default shopify;
export const apiVersion = ADMIN_API_VERSION;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
