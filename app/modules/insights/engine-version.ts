/**
 * Stored with every analysis; when it changes, the pipeline re-analyses old reviews in the
 * background. Bump it with any change to code or lexicon data that can change a result.
 * 1.1.0: the stored result also carries where it is counted (rejected reviews are not counted; weeks and months
 * are the shop's), so every review is analysed again once and the aggregates move to the shop's calendar.
 */
export const ENGINE_VERSION = "1.1.0";
