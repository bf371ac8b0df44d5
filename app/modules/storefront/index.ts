// The storefront: the theme app extension's Liquid rendered as Shopify renders it (liquidjs with Shopify's `t`,
// `json` and asset filters and its metafield shapes), for the demo's storefront preview and the tests.
export {
  createThemeRenderer,
  liquidMetafield,
  shopifyJson,
  translate,
  EXTENSION_DIR,
  STOREFRONT_LOCALES,
  type StorefrontLocale,
  type ThemeRenderer,
} from "./theme-liquid.server";
