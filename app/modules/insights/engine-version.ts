/**
 * Stored with every analysis; when it changes, the pipeline re-analyses old reviews in the
 * background. Bump it with any change to code, lexicon data or learned weights that can change a
 * result. 2.0.0 added the learned layer (learned/); `{ learned: false }` reads as 1.0.1 did.
 * 2.1.0: the stored result also carries where it is counted (rejected reviews are not counted; weeks and months
 * are the shop's), so every review is analysed again once and the aggregates move to the shop's calendar.
 */
export const ENGINE_VERSION = "2.1.0";
/** What `analyzeReview(text, { learned: false })` reproduces: the rules alone. */
export const PREVIOUS_ENGINE_VERSION = "1.0.1";
