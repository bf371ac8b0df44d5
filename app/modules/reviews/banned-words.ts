// The profanity and spam lists (banned-words.json explains what is on them and why), matched as whole words
// with ordinary endings, plus Swedish compound parts at the start or end of a longer word. Pure.
import lists from "./banned-words.json";

const EN_ENDINGS = ["", "s", "es", "ed", "ing", "er", "ers", "y"];
const SV_ENDINGS = ["", "en", "et", "ar", "or", "na", "arna", "orna", "ig", "iga", "s"];
// A compound part must leave a real word beside it: "skit" + "dålig", not "skit" + "a".
const MIN_COMPOUND_REST = 3;

const whole = new Set<string>();
for (const word of lists.en.words) for (const ending of EN_ENDINGS) whole.add(word + ending);
for (const word of lists.sv.words) for (const ending of SV_ENDINGS) whole.add(word + ending);
const compoundParts = lists.sv.compoundParts;
const innocent = new Set(lists.sv.innocent);

function isBannedWord(word: string): boolean {
  if (whole.has(word)) return true;
  if (innocent.has(word)) return false;
  return compoundParts.some(
    (part) =>
      word.length - part.length >= MIN_COMPOUND_REST &&
      (word.startsWith(part) || word.endsWith(part) || word.endsWith(`${part}en`)),
  );
}

/** True when any word of the text is on a list. */
export function matchesBannedWord(text: string): boolean {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.some(isBannedWord);
}
