// Smart Prompts' keyword index and the test the review page's script runs while the shopper writes: which of the
// prompted topics the text already covers. Pure and dependency-free: it is bundled into the shopper script
// (app/shopper/review-page.ts) and used by the server for the page without JavaScript and by the tests, so the
// browser and the server always agree. The index is small on purpose: the words that name each prompted topic in
// the page's languages, not the insights engine.
//
// An entry is a word ("waist"), a phrase ("true to size") or a stem ("passform*"). A word also matches its
// inflections (up to MAX_SUFFIX more letters: fit -> fits, fitted; storlek -> storleken), a stem any ending.

export interface PromptIndex {
  /** Topic key -> its entries joined by "|". */
  [topic: string]: string;
}

export const MAX_SUFFIX = 3;

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

export function tokensOf(text: string): string[] {
  return (text.toLowerCase().normalize("NFC").match(WORD) ?? []).map((token) => token.replace(/['’]/g, ""));
}

function wordMatches(token: string, entry: string, stem: boolean): boolean {
  if (stem) return token.startsWith(entry);
  if (token === entry) return true;
  return entry.length >= 3 && token.startsWith(entry) && token.length - entry.length <= MAX_SUFFIX;
}

function entryMatches(tokens: string[], entry: string): boolean {
  const stem = entry.endsWith("*");
  const words = tokensOf(stem ? entry.slice(0, -1) : entry);
  if (words.length === 0) return false;
  const last = words.length - 1;
  for (let start = 0; start + last < tokens.length; start++) {
    // A stem's "*" applies to its last word; every word also matches its short inflections.
    if (words.every((word, offset) => wordMatches(tokens[start + offset], word, stem && offset === last))) return true;
  }
  return false;
}

/** The prompted topics the text mentions, in index order. */
export function coveredTopics(text: string, index: PromptIndex): string[] {
  const tokens = tokensOf(text);
  if (tokens.length === 0) return [];
  return Object.keys(index).filter((topic) => index[topic].split("|").some((entry) => entryMatches(tokens, entry)));
}
