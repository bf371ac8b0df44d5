// Simple moderation rules: publish right away only what a merchant would not want to look at first.
// A review is held (status "pending") when its rating is below the shop's auto-publish threshold or its
// words contain something a storefront should not show unseen: banned words, links, e-mail addresses or
// phone numbers (spam and personal data), or HTML markup (a shopper types words; tags come from bots pasting
// spam or probing for script injection, even though every screen escapes them). Held is not rejected: the
// merchant decides. Pure, so the admin can show *why* a review is held by running the same rules again
// (`moderationReasons`).
import bannedWordList from "./banned-words.json";

export type ModerationReason = "low_rating" | "banned_word" | "link" | "email" | "phone" | "markup";
export type ModerationStatus = "published" | "pending";

const BANNED = new Set(bannedWordList.words.map((word) => word.toLowerCase()));

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

export function moderationReasons(
  review: { rating: number; title?: string | null; body?: string | null; displayName?: string | null },
  rules: { autoPublishMinRating: number },
): ModerationReason[] {
  const reasons: ModerationReason[] = [];
  if (review.rating < rules.autoPublishMinRating) reasons.push("low_rating");
  const text = [review.title, review.body, review.displayName].filter(Boolean).join("\n");
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  if (words.some((word) => BANNED.has(word))) reasons.push("banned_word");
  // An address's domain is not a link of its own.
  const withoutEmails = text.replace(EMAIL, " ");
  if (LINK.test(withoutEmails)) reasons.push("link");
  if (withoutEmails !== text) reasons.push("email");
  if (PHONE.test(text)) reasons.push("phone");
  if (MARKUP.test(text)) reasons.push("markup");
  return reasons;
}

export function moderationStatus(reasons: ModerationReason[]): ModerationStatus {
  return reasons.length === 0 ? "published" : "pending";
}
