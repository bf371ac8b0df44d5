// The bounds of the merchant's review screens, shared by the server (which enforces them) and the browser
// (which shows them: the reply field's counter, the search notice). Pure, for the browser bundle.

/** A page of the Reviews list is at most 100 rows; a bulk decision never spans more than a few pages. */
export const MAX_MODERATED_AT_ONCE = 250;

/** Reviews one search request reads at most, in list order (see shop-reviews.server.ts). */
export const SEARCH_SCAN_LIMIT = 2_000;

export const REPLY_MAX_LENGTH = 2_000;
