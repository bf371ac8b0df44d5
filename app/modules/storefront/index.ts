// The storefront: the theme app extension's Liquid rendered as Shopify renders it (liquidjs with Shopify's `t`,
// `json` and asset filters and its metafield shapes), for the demo's storefront preview and the tests.
export {
  createThemeRenderer,
  liquidMetafield,
  shopifyJson,
  EXTENSION_DIR,
  type StorefrontLocale,
} from "./theme-liquid.server";
