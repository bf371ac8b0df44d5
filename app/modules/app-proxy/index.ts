// The Shopify app proxy (/apps/kundrost/... on the storefront -> /proxy/... here): the signature check every
// proxy route runs first, and the signer the demo's local proxy hop and the tests use.
export {
  verifyAppProxySignature,
  signAppProxyParams,
  appProxyMessage,
  APP_PROXY_MAX_AGE_SECONDS,
  type AppProxyVerdict,
  type AppProxyProblem,
} from "./signature.server";
export { authenticateAppProxy, type AppProxyContext } from "./request.server";
