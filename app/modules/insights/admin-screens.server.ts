// The insights module's face for admin routes. Routes import from here rather than from index.ts because the
// engine loads and compiles its lexicons when it is imported: a route importing index.ts would ship them in
// its browser bundle, while a *.server.ts module is left out of the browser build by Remix altogether.
export { loadInsightsPage, findProductForInsights, productTopicSummary, type InsightsPage } from "./insights-page.server";
export { addCustomTopic, removeCustomTopic } from "./custom-topics.server";
export { startShopReanalysis } from "./jobs.server";
