// Voice of the customer beyond stars: the review page's store question (NPS, CES; answers per order), the NPS,
// CES and CSAT figures with their trend, and the detractors behind them. Other modules, routes and scripts use
// only what is exported here.
export { recordStoreAnswer, storeAnswerForRequest } from "./store-answers.server";
export { readStoreAnswer, STORE_QUESTION_FIELDS, STORE_COMMENT_MAX, type StoreAnswerInput } from "./store-question";
export { vocShopperWords, type VocShopperWords } from "./shopper-words";
export { loadVocInsightsPanel, type VocInsightsPanel } from "./insights-panel.server";
export { NPS_MIN, NPS_MAX, CES_MIN, CES_MAX } from "./scores";
export { vocJobs } from "./digest-jobs.server";
export {
  loadDigestSetup,
  saveDigestSchedule,
  inviteDigestRecipient,
  removeDigestRecipient,
  MAX_DIGEST_RECIPIENTS,
} from "./digest-settings.server";
export { loadDigestPage, digestTopicsCsv, sendDigestNow } from "./digest-admin.server";
export { digestLinkPage, type DigestLinkPageView } from "./digest-link-pages.server";
export { smartPromptsFor } from "./smart-prompts.server";
