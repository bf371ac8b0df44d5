// The insights module's job type names, defined once (jobs.server.ts runs them; others enqueue them by these).
export const ANALYZE_REVIEW_JOB = "insights.analyze-review";
export const REANALYZE_SHOP_JOB = "insights.reanalyze-shop";
export const INSIGHTS_CATCH_UP_JOB = "insights.catch-up";
