// Moderation that explains itself: a list of signals, each a small function with a reason code and the words
// the merchant reads. A review with no signal is published at once; one with any signal is held ("pending")
// for the merchant, who sees the reasons in words. Held is not rejected: the merchant decides, and the
// shopper's words are never edited. Pure, so the admin can show the same words in the browser bundle.
//
// The default threshold publishes every rating (docs/decisions/011-reviews-no-suppression.md): holding or
// hiding reviews because they are negative is what the FTC rule on consumer reviews (16 CFR 465.7) forbids.
// Signals that need the database (same text elsewhere, bursts from one email or network, the sentiment of the
// text) arrive as `facts`, gathered by moderation-facts.server.ts.
import { matchesBannedWord } from "./banned-words";

export type ModerationReason =
  | "low_rating"
  | "banned_word"
  | "link"
  | "email"
  | "phone"
  | "markup"
  | "duplicate_text"
  | "email_burst"
  | "network_burst"
  | "sentiment_mismatch"
  | "gibberish"
  | "has_media"
  | "reported"
  | "hidden_at_source"
  | "unverified_storefront";
export type ModerationStatus = "published" | "pending";

export interface ModeratedText {
  rating: number;
  title?: string | null;
  body?: string | null;
  displayName?: string | null;
  /** It came with photos or a video (now or in an earlier submission). */
  hasMedia?: boolean;
}

export interface ModerationRules {
  autoPublishMinRating: number;
  /** The shop looks at every review with photos or a video first (a picture shows what no word check can). */
  holdReviewsWithMedia?: boolean;
}

/** What the database knows about a review's neighbours; absent facts raise no signal. */
export interface ModerationFacts {
  /** Other reviews of the shop with the same or nearly the same text. */
  similarReviews?: number;
  /** Reviews from the same email address within the burst window (this one included). */
  reviewsFromEmail?: number;
  /** Reviews from the same network address within the burst window (this one included). */
  reviewsFromNetwork?: number;
  /** The insights engine's overall sentiment of the text, in [-1, 1]; null when it had too little to go on. */
  sentimentScore?: number | null;
}

/** Reviews from one email or network within BURST_WINDOW_HOURS that make a burst. */
export const BURST_THRESHOLD = 4;
export const BURST_WINDOW_HOURS = 24;
/** Sentiment this strong against the stars (e.g. <= -0.5 under 4-5 stars) is worth a look. */
export const SENTIMENT_CONTRADICTION = 0.5;

interface SignalInput {
  review: ModeratedText;
  text: string;
  rules: ModerationRules;
  facts: ModerationFacts;
}

export interface ModerationSignal {
  reason: ModerationReason;
  /** What the merchant reads while the review waits. */
  words: string;
  check(input: SignalInput): boolean;
}

// Every pattern here runs on text a stranger typed, so each is linear in the text's length: a run of letters may
// only be tried from its first character (the lookbehinds), never again from each character inside it, which
// made `"a-".repeat(2500)` cost a third of a second (a start at every position, each scanning to the end).
const LINK =
  /\bhttps?:\/\/|\bwww\.|(?<![\p{L}\p{N}-])[\p{L}\p{N}-]+\.(?:com|net|org|info|biz|io|co|se|nu|no|dk|fi|de|uk|ru|cn|xyz|shop|store|link|ly)\b(?:\/|\b)/iu;
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
// A phone number: 8+ digits in one run that may be split by spaces, dashes, dots or brackets, optionally
// with a leading +. Sizes ("38-40"), years and prices stay well below eight digits.
const PHONE = /(?:\+|\b)\d(?:[\s().-]{0,2}\d){7,}\b/u;
// An HTML tag (opening, closing or self-closing: "<b>", "</a>", "<img src=x>"), a comment, or the same written
// as entities ("&lt;script"). A heart "<3" or "size < 40" is not a tag.
const MARKUP = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>|<!--|&lt;\/?[a-z]|&#0*60;|javascript:/i;

const withoutEmails = (text: string) => text.replace(EMAIL, " ");

export const MODERATION_SIGNALS: readonly ModerationSignal[] = [
  {
    reason: "low_rating",
    words:
      "The rating is below the shop's auto-publish threshold (Settings). Publish it unless it breaks a content rule.",
    check: ({ review, rules }) => review.rating < rules.autoPublishMinRating,
  },
  {
    reason: "has_media",
    words: "It has photos or a video, and the shop looks at those first (Settings).",
    check: ({ review, rules }) => Boolean(rules.holdReviewsWithMedia && review.hasMedia),
  },
  {
    reason: "banned_word",
    words: "It contains a word on the profanity and spam list.",
    check: ({ text }) => matchesBannedWord(text),
  },
  {
    reason: "link",
    words: "It contains a link.",
    // An address's domain is not a link of its own.
    check: ({ text }) => LINK.test(withoutEmails(text)),
  },
  {
    reason: "email",
    words: "It contains an email address.",
    check: ({ text }) => withoutEmails(text) !== text,
  },
  {
    reason: "phone",
    words: "It contains a phone number.",
    check: ({ text }) => PHONE.test(text),
  },
  {
    reason: "markup",
    // A shopper types words; tags come from bots pasting spam or probing for script injection, even though
    // every screen escapes them.
    words: "It contains HTML markup (tags such as <b> or <script>), a common sign of spam.",
    check: ({ text }) => MARKUP.test(text),
  },
  {
    reason: "duplicate_text",
    words: "The same or nearly the same text appears in another review of the shop.",
    check: ({ facts }) => (facts.similarReviews ?? 0) > 0,
  },
  {
    reason: "email_burst",
    words: `Many reviews came from the same email address within ${BURST_WINDOW_HOURS} hours.`,
    check: ({ facts }) => (facts.reviewsFromEmail ?? 0) >= BURST_THRESHOLD,
  },
  {
    reason: "network_burst",
    words: `Many reviews came from the same network address within ${BURST_WINDOW_HOURS} hours.`,
    check: ({ facts }) => (facts.reviewsFromNetwork ?? 0) >= BURST_THRESHOLD,
  },
  {
    reason: "sentiment_mismatch",
    words: "The text reads very differently from the stars (a glowing text with few stars, or the reverse).",
    check: ({ review, facts }) => {
      const score = facts.sentimentScore;
      if (score === null || score === undefined) return false;
      return (
        (review.rating >= 4 && score <= -SENTIMENT_CONTRADICTION) ||
        (review.rating <= 2 && score >= SENTIMENT_CONTRADICTION)
      );
    },
  },
  {
    reason: "gibberish",
    words: "The text looks like random letters rather than words.",
    check: ({ review }) => looksLikeGibberish([review.title, review.body].filter(Boolean).join(" ")),
  },
];

/** Reasons a person or an outside source put a review back in the queue; not computed from the text. */
const QUEUE_REASON_WORDS: Record<
  Extract<ModerationReason, "reported" | "hidden_at_source" | "unverified_storefront">,
  string
> = {
  reported: "Shoppers reported it. Read it and publish it again if it breaks no rule.",
  hidden_at_source: "It was hidden in the app it was imported from.",
  unverified_storefront:
    "It was written on the storefront by someone who is not a known buyer of the product (not logged in, or no order of it).",
};

export const MODERATION_REASON_WORDS: Record<ModerationReason, string> = {
  ...(Object.fromEntries(MODERATION_SIGNALS.map((signal) => [signal.reason, signal.words])) as Record<
    Exclude<ModerationReason, keyof typeof QUEUE_REASON_WORDS>,
    string
  >),
  ...QUEUE_REASON_WORDS,
};

export function isModerationReason(value: string): value is ModerationReason {
  return value in MODERATION_REASON_WORDS;
}

export function moderationReasons(
  review: ModeratedText,
  rules: ModerationRules,
  facts: ModerationFacts = {},
): ModerationReason[] {
  const text = [review.title, review.body, review.displayName].filter(Boolean).join("\n");
  return MODERATION_SIGNALS.filter((signal) => signal.check({ review, text, rules, facts })).map(
    (signal) => signal.reason,
  );
}

export function moderationStatus(reasons: readonly ModerationReason[]): ModerationStatus {
  return reasons.length === 0 ? "published" : "pending";
}

// ------------------------------------------------------------------ gibberish

const VOWELS = /[aeiouyåäöæøüéèáàíóú]/u;
const KEYBOARD_RUNS = [
  "qwert",
  "werty",
  "asdf",
  "sdfg",
  "dfgh",
  "fghj",
  "ghjk",
  "hjkl",
  "zxcv",
  "xcvb",
  "cvbn",
  "vbnm",
  "jklö",
  "klöä",
];

/** A word nobody writes: no vowel at all, six consonants in a row, one letter five times, or a keyboard row. */
function isGarbledWord(word: string): boolean {
  if (word.length < 4) return false;
  if (!VOWELS.test(word)) return true;
  if (/(\p{L})\1{4,}/u.test(word)) return true;
  if (/[^aeiouyåäöæøüéèáàíóú\s]{6,}/u.test(word)) return true;
  return KEYBOARD_RUNS.some((run) => word.includes(run));
}

/**
 * Text that is mostly letters nobody would type on purpose ("asdfgh jjjjjj", "xkcdqwpl"). Real reviews in
 * English and Swedish pass, including long Swedish compounds, which have vowels and short consonant runs.
 */
export function looksLikeGibberish(text: string): boolean {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const long = words.filter((word) => word.length >= 4);
  if (long.length === 0) return false;
  const garbled = long.filter(isGarbledWord);
  return garbled.length >= 1 && garbled.length / long.length >= 0.5;
}
