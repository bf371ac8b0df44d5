/**
 * Stored with every analysis; when it changes, the pipeline re-analyses old reviews in the
 * background. Bump it with any change to code or lexicon data that can change a result.
 */
export const ENGINE_VERSION = "1.0.1";
