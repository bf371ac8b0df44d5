/**
 * Stored with every analysis; when it changes, the pipeline re-analyses old reviews in the
 * background. Bump it with any change to code, lexicon data or learned weights that can change a
 * result. 2.0.0 added the learned layer (learned/); `{ learned: false }` reads as 1.0.1 did.
 */
export const ENGINE_VERSION = "2.0.0";
/** What `analyzeReview(text, { learned: false })` reproduces: the rules alone. */
export const PREVIOUS_ENGINE_VERSION = "1.0.1";
