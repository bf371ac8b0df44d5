// The shape of `admin.graphql` from shopify-app-remix, so the gateway runs unchanged against Shopify,
// the demo stand-in and test transports.
export type AdminGraphql = (query: string, options?: { variables?: Record<string, unknown> }) => Promise<Response>;
