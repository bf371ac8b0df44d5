// The Shopify app proxy (/apps/kundrost/... on the storefront -> /proxy/... here): the signature check every
// proxy route runs first, and the signer the demo's local proxy hop and the tests use.
export { verifyAppProxySignature, signAppProxyParams, appProxyMessage } from "./signature.server";
export { authenticateAppProxy } from "./request.server";
export { overProxyLimit, shopperAddress, resetProxyLimits, PROXY_LIMITS } from "./rate-limit.server";
