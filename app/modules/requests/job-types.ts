// The requests module's job type names, defined once (jobs.server.ts runs them; the orders module, merchant
// actions, the settings' re-plan and the demo enqueue them by these names).
export const SYNC_ORDER_JOB = "requests.sync-order";
export const DISPATCH_DUE_JOB = "requests.dispatch-due";
export const REPLAN_SCHEDULED_JOB = "requests.replan-scheduled";
