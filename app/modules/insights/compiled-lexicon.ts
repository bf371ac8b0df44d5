import { BUILT_IN_TOPIC_KEYS } from "./types";
import { internalized } from "./word-table";
import {
  sentimentFileSchema,
  topicsFileSchema,
  type LanguagePackSource,
  type SentimentFile,
  type TopicsFile,
} from "./lexicon-format";

export const ROLE_NONE = 0;
export const ROLE_NEGATOR = 1;
export const ROLE_MODIFIER = 2;
/** but, men: splits the clause; what follows outweighs what came before. */
export const ROLE_CONTRAST = 3;
/** although, även om: splits the clause; the clause it opens counts less. */
export const ROLE_CONCESSIVE = 4;
/** however, dock: sits inside a clause, so it only shifts weight between sentences. */
export const ROLE_CONTRAST_ADVERB = 5;
/** too, för: "too small" is a complaint although "small" is neutral. */
export const ROLE_EXCESS = 6;

export const NO_TOPIC = -1;

export interface LexEntry {
  valence: number;
  topic: number;
  role: number;
  multiplier: number;
  /** Neutral size-like word that turns negative after an excess marker or a diminisher. */
  dimension: boolean;
  /** A dimension that turns negative after an intensifier too ("very tight"). */
  intensifiedComplaint: boolean;
  /** Multi-word entries starting with this word, longest first. */
  phrases: PhraseEntry[] | null;
  /**
   * One bit per `phraseFirstCharBit` of the phrases' second words: a word after this one whose first
   * letter has no bit here starts none of them, so the phrases need no closer look.
   */
  phraseFirstChars: number;
  /**
   * The phrases again, by their second word, each list in the order of `phrases` (longest first): where no
   * phrase's second word is a prefix ("fit*"), only the list of the word that follows is tried. Null otherwise.
   */
  phrasesBySecondWord: Map<string, PhraseEntry[]> | null;
  /** A phrase that starts with a negator ("no problems"): an earlier negator must not flip it again. */
  negationInside: boolean;
  /**
   * A comment on the whole sentence ("tyvärr", and every emoji since 2.19.0): no negator flips it, before it or after
   * it ("passar inte tyvärr", "not happy 😡").
   */
  keepsPolarity: boolean;
  /** A verdict that calls the product middling ("nothing special", "inget speciellt"): see `lukewarmVerdicts`. */
  lukewarm: boolean;
}

export interface PhraseEntry {
  /** The words after the first; a trailing "*" on one of them matches by prefix. */
  rest: string[];
  entry: LexEntry;
}

export interface CompiledLanguagePack {
  lang: string;
  topicLabels: Map<number, string>;
  negationScope: number;
  negationReachesBack: boolean;
  /** Words a negator that reaches back may reach over to the verb before them ("gillar den inte"). */
  negationReachesBackOver: ReadonlySet<string>;
  /** Words that end the reach forward of a negator that has a verb behind it ("luddar inte och är skön"). */
  negationEndsAt: ReadonlySet<string>;
  /** Words a phrase may skip once after its first word ("ser den billig ut", "runs incredibly small"). */
  phraseSkips: ReadonlySet<string>;
  /** Bit (first letter & 31) of each of phraseSkips' words, so most words are ruled out without a Set probe. */
  phraseSkipFirstChars: number;
  /** Every single word the pack knows, for language detection. */
  knownWords(): Iterable<string>;
  resolve(word: string): LexEntry | null;
}

/**
 * Every entry is made here, so that all of them share one hidden class and the analysis reads their fields
 * with one map check. Entries made by object literals in several places, with `valence` and `multiplier` first
 * whole numbers and later fractions, ended up on four classes (two of them deprecated, never migrated), and the
 * walk's reads of an entry were polymorphic.
 */
function makeEntry(
  valence: number,
  topic: number,
  role: number,
  multiplier: number,
  dimension: boolean,
  intensifiedComplaint: boolean,
  phrases: PhraseEntry[] | null,
  phraseFirstChars: number,
  phrasesBySecondWord: Map<string, PhraseEntry[]> | null,
  negationInside: boolean,
  keepsPolarity: boolean,
  lukewarm = false,
): LexEntry {
  return {
    valence,
    topic,
    role,
    multiplier,
    dimension,
    intensifiedComplaint,
    phrases,
    phraseFirstChars,
    phrasesBySecondWord,
    negationInside,
    keepsPolarity,
    lukewarm,
  };
}
// The first entry made holds fractions, so the class keeps `valence` and `multiplier` as doubles from the start
// (a whole number first, then a fraction, changes the class and deprecates every entry made before).
makeEntry(0.5, NO_TOPIC, ROLE_NONE, 0.5, false, false, null, 0, null, false, false);

function blankEntry(): LexEntry {
  return makeEntry(0, NO_TOPIC, ROLE_NONE, 1, false, false, null, 0, null, false, false);
}

/** `entry` with another valence and no phrases (a word read through a prefix or a modifier). */
function withValence(entry: LexEntry, valence: number): LexEntry {
  return makeEntry(
    valence,
    entry.topic,
    entry.role,
    entry.multiplier,
    entry.dimension,
    entry.intensifiedComplaint,
    null,
    entry.phraseFirstChars,
    null,
    entry.negationInside,
    entry.keepsPolarity,
    entry.lukewarm,
  );
}

/** The bit of a phrase's next word by its first character (a leading "*" matches any word: every bit). */
export function phraseFirstCharBit(word: string): number {
  if (word.length === 0 || word.charCodeAt(0) === 0x2a) return -1;
  return 1 << (word.charCodeAt(0) & 31);
}

const MAX_MEMO_ENTRIES = 200_000;
const MIN_STEM_LENGTH = 3;
const MIN_TYPO_LENGTH = 6;

/** Turns a language's data files into lookup tables; everything expensive happens here, once. */
export function compileLanguagePack(
  source: LanguagePackSource,
  seeds: Record<string, Record<string, number>>,
  emojiValence: Record<string, number>,
): CompiledLanguagePack {
  const sentiment: SentimentFile = sentimentFileSchema.parse(source.sentiment);
  const topics: TopicsFile = topicsFileSchema.parse(source.topics);
  if (sentiment.lang !== topics.lang) {
    throw new Error(`Lexicon files disagree on the language: ${sentiment.lang} vs ${topics.lang}`);
  }

  const exact = new Map<string, LexEntry>();
  const prefixStems = new Map<string, LexEntry>();
  let longestPrefixStem = 0;
  /** First words of phrases that are not words of their own: filled from morphology at the end. */
  const phraseOnlyFirstWords = new Set<string>();

  function entryFor(term: string): LexEntry {
    const words = term.trim().toLowerCase().split(/\s+/);
    if (words.length > 1) {
      const first = words[0];
      let head = exact.get(first);
      if (!head) {
        head = blankEntry();
        exact.set(first, head);
        phraseOnlyFirstWords.add(first);
      }
      // The memo's words are internalized too (language-detection.ts), so the walk compares them without reading them.
      const rest = words.slice(1).map(internalized);
      head.phrases ??= [];
      const existing = head.phrases.find((phrase) => phrase.rest.join(" ") === rest.join(" "));
      if (existing) return existing.entry;
      const entry = blankEntry();
      head.phrases.push({ rest, entry });
      head.phraseFirstChars |= phraseFirstCharBit(rest[0]);
      head.phrases.sort((a, b) => b.rest.length - a.rest.length);
      return entry;
    }
    const word = words[0];
    if (word.length > 1 && word.endsWith("*")) {
      const stem = word.slice(0, -1);
      let entry = prefixStems.get(stem);
      if (!entry) {
        entry = exact.get(stem) ?? blankEntry();
        prefixStems.set(stem, entry);
        if (!exact.has(stem)) exact.set(stem, entry);
        longestPrefixStem = Math.max(longestPrefixStem, stem.length);
      }
      return entry;
    }
    let entry = exact.get(word);
    if (!entry) {
      entry = blankEntry();
      exact.set(word, entry);
    } else {
      phraseOnlyFirstWords.delete(word);
    }
    return entry;
  }

  if (sentiment.seed) {
    const seed = seeds[sentiment.seed];
    if (!seed) throw new Error(`Unknown seed lexicon "${sentiment.seed}" in ${sentiment.lang}.sentiment.json`);
    const removed = new Set(sentiment.seedRemovals);
    for (const [word, valence] of Object.entries(seed)) {
      if (!removed.has(word)) entryFor(word).valence = valence;
    }
  }
  // Topic terms only name a topic: a seed's opinion on them ("quality" +2, "support" +2) is dropped,
  // while the curated files below may still give them one on purpose ("fits" +1.5).
  for (const vocabulary of Object.values(topics.topics)) {
    for (const term of vocabulary.terms) entryFor(term).valence = 0;
  }
  for (const [word, valence] of Object.entries(sentiment.valence)) entryFor(word).valence = valence;
  for (const [phrase, valence] of Object.entries(sentiment.phrases)) entryFor(phrase).valence = valence;
  // An emoji comments on the whole text: no negator flips it ("still hasn't arrived 😡", "not happy 😡").
  for (const [symbol, valence] of Object.entries(emojiValence)) {
    const entry = entryFor(symbol.replace(/\uFE0F/g, ""));
    entry.valence = valence;
    entry.keepsPolarity = true;
  }

  const topicLabels = new Map<number, string>();
  for (const [key, vocabulary] of Object.entries(topics.topics)) {
    const topic = (BUILT_IN_TOPIC_KEYS as readonly string[]).indexOf(key);
    if (topic === NO_TOPIC) throw new Error(`Unknown topic "${key}" in ${topics.lang}.topics.json`);
    topicLabels.set(topic, vocabulary.label);
    for (const term of vocabulary.terms) entryFor(term).topic = topic;
    for (const term of vocabulary.dimensions) {
      const entry = entryFor(term);
      entry.topic = topic;
      entry.dimension = true;
    }
    for (const term of vocabulary.intensifiedDimensions) {
      const entry = entryFor(term);
      entry.topic = topic;
      entry.dimension = true;
      entry.intensifiedComplaint = true;
    }
    for (const [term, valence] of Object.entries(vocabulary.charged)) {
      const entry = entryFor(term);
      entry.topic = topic;
      entry.valence = valence;
    }
  }

  const setRole = (terms: Iterable<string>, role: number, multiplier = 1) => {
    for (const term of terms) {
      const entry = entryFor(term);
      entry.role = role;
      entry.multiplier = multiplier;
    }
  };
  setRole(sentiment.negators, ROLE_NEGATOR);
  for (const [word, multiplier] of Object.entries(sentiment.modifiers)) setRole([word], ROLE_MODIFIER, multiplier);
  setRole(sentiment.excessMarkers, ROLE_EXCESS);
  setRole(sentiment.contrastConjunctions, ROLE_CONTRAST);
  setRole(sentiment.concessiveConjunctions, ROLE_CONCESSIVE);
  setRole(sentiment.contrastAdverbs, ROLE_CONTRAST_ADVERB);
  for (const word of sentiment.keepPolarity) entryFor(word).keepsPolarity = true;
  for (const verdict of sentiment.lukewarmVerdicts) entryFor(verdict).lukewarm = true;

  // Words that got an opinion but no topic from the exact lists still belong to a stem's topic
  // ("fungerar" +1 under "funger*").
  for (const [word, entry] of exact) {
    if (entry.topic !== NO_TOPIC || word.includes(" ")) continue;
    for (let length = Math.min(word.length - 1, longestPrefixStem); length >= MIN_STEM_LENGTH; length--) {
      const stem = prefixStems.get(word.slice(0, length));
      if (stem && stem.topic !== NO_TOPIC) {
        entry.topic = stem.topic;
        break;
      }
    }
  }
  const negatorWords = new Set(sentiment.negators);
  for (const [word, entry] of exact) {
    if (!entry.phrases || !negatorWords.has(word)) continue;
    for (const phrase of entry.phrases) phrase.entry.negationInside = true;
  }
  // "runs" heads some thirty size phrases, "not" sixteen: a word that follows is looked up, not compared with each.
  for (const entry of exact.values()) {
    if (!entry.phrases || entry.phrases.some((phrase) => phrase.rest[0].endsWith("*"))) continue;
    const bySecond = new Map<string, PhraseEntry[]>();
    for (const phrase of entry.phrases) {
      const list = bySecond.get(phrase.rest[0]);
      if (list) list.push(phrase);
      else bySecond.set(phrase.rest[0], [phrase]);
    }
    entry.phrasesBySecondWord = bySecond;
  }

  const negatorEntry = makeEntry(0, NO_TOPIC, ROLE_NEGATOR, 1, false, false, null, 0, null, false, false);
  const inflections = sentiment.inflections;
  const intensifierPrefixes = Object.entries(sentiment.intensifierPrefixes);
  const negatingPrefixes = sentiment.negatingPrefixes;
  let typoIndex: Map<string, string> | null = null;

  function isMeaningful(entry: LexEntry | null | undefined): entry is LexEntry {
    return (
      !!entry &&
      (entry.valence !== 0 || entry.topic !== NO_TOPIC || entry.role !== ROLE_NONE || entry.dimension || entry.lukewarm)
    );
  }

  function exactMeaningful(word: string): LexEntry | null {
    const entry = exact.get(word);
    return isMeaningful(entry) ? entry : null;
  }

  /** Stems that say their words mean nothing here ("vanlig*": 0): no valence, topic, role or phrase. Few. */
  let plainStems: [string, LexEntry][] | null = null;
  function plainStemOf(word: string): LexEntry | null {
    plainStems ??= [...prefixStems].filter(
      ([, entry]) =>
        entry.valence === 0 && entry.topic === NO_TOPIC && entry.role === ROLE_NONE && entry.phrases === null,
    );
    for (const [stem, entry] of plainStems) if (word.startsWith(stem)) return entry;
    return null;
  }

  function longestPrefixStemOf(word: string, minimum: number): LexEntry | null {
    for (let length = Math.min(word.length, longestPrefixStem); length >= minimum; length--) {
      const entry = prefixStems.get(word.slice(0, length));
      if (entry) return entry;
    }
    return null;
  }

  function byInflection(word: string): LexEntry | null {
    for (const [suffix, replacement] of inflections) {
      if (!word.endsWith(suffix)) continue;
      const stem = word.slice(0, word.length - suffix.length) + replacement;
      if (stem.length < MIN_STEM_LENGTH) continue;
      const found = exactMeaningful(stem);
      if (found) return found;
      if (
        sentiment.undoubleAfterStrip &&
        replacement === "" &&
        stem.length > MIN_STEM_LENGTH &&
        stem[stem.length - 1] === stem[stem.length - 2]
      ) {
        const undoubled = exactMeaningful(stem.slice(0, -1));
        if (undoubled) return undoubled;
      }
    }
    return null;
  }

  /** Exact form, inflected form or known stem: no compound splitting, no typo repair. */
  function resolveSimple(word: string): LexEntry | null {
    return (
      exactMeaningful(word) ??
      byInflection(word) ??
      longestPrefixStemOf(word, Math.max(MIN_STEM_LENGTH, word.length - 4))
    );
  }

  function compoundPart(word: string): LexEntry | null {
    const direct = exactMeaningful(word) ?? longestPrefixStemOf(word, word.length);
    if (direct) return direct;
    // Swedish joins compound parts with a linking s: storlek-s-guiden, kvalitet-s-problem.
    if (word.length > 4 && word.endsWith("s"))
      return exactMeaningful(word.slice(0, -1)) ?? longestPrefixStemOf(word.slice(0, -1), word.length - 1);
    return null;
  }

  function combine(modifier: LexEntry, head: LexEntry): LexEntry {
    const valence = Math.max(-4, Math.min(4, modifier.valence + head.valence));
    return makeEntry(
      valence,
      head.topic !== NO_TOPIC ? head.topic : modifier.topic,
      ROLE_NONE,
      1,
      head.dimension && valence === 0,
      head.intensifiedComplaint && valence === 0,
      null,
      0,
      null,
      false,
      false,
    );
  }

  function byCompound(word: string): LexEntry | null {
    const length = word.length;
    // Both parts known: snabb|leverans, kvalitets|problem, toppen|kvalitet.
    for (let split = length - MIN_STEM_LENGTH; split >= MIN_STEM_LENGTH; split--) {
      const modifier = compoundPart(word.slice(0, split));
      if (!modifier || modifier.role !== ROLE_NONE) continue;
      const head = resolveSimple(word.slice(split));
      if (!head || head.role !== ROLE_NONE) continue;
      if (head.topic === NO_TOPIC && head.valence === 0) continue;
      return combine(modifier, head);
    }
    // Only the first part known and it names a topic: leverans|tiden, storleks|guiden.
    for (let split = length - 2; split >= 4; split--) {
      const modifier = compoundPart(word.slice(0, split));
      if (modifier && modifier.topic !== NO_TOPIC && modifier.role === ROLE_NONE) return modifier;
    }
    // Only the head known is not enough (engine 2.19.0; before, any known tail of four letters or more counted): an
    // unknown first part leaves no way to tell a compound from a word that merely ends in one. "tillr|äckligt"
    // (enough) read as disgusting, "fruktans|värt" (terrible) as worth it, "mat|kassen" (the grocery bag) as lousy,
    // "sk|rivit" (written) as torn, "vin|glade" (wobbled) as happy; on the development fifth dropping it read no
    // pooled figure lower (decision 010, session 22).
    return null;
  }

  /**
   * One missing or one extra letter ("comfortabel" is not repaired, "recomend" and "disapointed" are).
   * Substitutions are left alone: without a full dictionary they turn real words into opinions
   * ("sweater" -> "sweeter").
   */
  function byTypo(word: string): LexEntry | null {
    if (word.length < MIN_TYPO_LENGTH) return null;
    typoIndex ??= buildTypoIndex();
    const missingLetter = typoIndex.get(word);
    if (missingLetter && missingLetter[0] === word[0]) return exact.get(missingLetter) ?? null;
    for (let i = 1; i < word.length; i++) {
      const shorter = word.slice(0, i) + word.slice(i + 1);
      if (typoTargets.has(shorter)) return exact.get(shorter) ?? null;
    }
    return null;
  }

  const typoTargets = new Set<string>();

  /** Words worth repairing towards, and each of them with one letter dropped (SymSpell style). */
  function buildTypoIndex(): Map<string, string> {
    const index = new Map<string, string>();
    const ambiguous = new Set<string>();
    for (const [word, entry] of exact) {
      if (word.length < MIN_TYPO_LENGTH - 1 || entry.role !== ROLE_NONE || !/^\p{L}+$/u.test(word)) continue;
      if (entry.topic === NO_TOPIC && Math.abs(entry.valence) < 2) continue;
      typoTargets.add(word);
      for (let i = 1; i < word.length; i++) {
        const variant = word.slice(0, i) + word.slice(i + 1);
        if (exact.has(variant)) continue;
        const previous = index.get(variant);
        if (previous === undefined) index.set(variant, word);
        else if (previous !== word) ambiguous.add(variant);
      }
    }
    for (const variant of ambiguous) index.delete(variant);
    return index;
  }

  const foldedLetters = new Map(Object.entries(sentiment.foldedLetters));
  /** Folded spelling -> the one known word (or stem, for prefix stems) that folds to it; built on first use. */
  let foldIndex: Map<string, string> | null = null;
  let foldStems: Map<string, LexEntry> | null = null;
  let longestFoldStem = 0;

  function fold(word: string): string {
    let folded = "";
    for (const letter of word) folded += foldedLetters.get(letter) ?? letter;
    return folded;
  }

  function buildFoldIndex(): Map<string, string> {
    const index = new Map<string, string>();
    const ambiguous = new Set<string>();
    for (const [word, entry] of exact) {
      if (word.includes(" ") || !isMeaningful(entry)) continue;
      const folded = fold(word);
      if (folded === word || exact.has(folded)) continue;
      const previous = index.get(folded);
      if (previous === undefined) index.set(folded, word);
      else if (previous !== word) ambiguous.add(folded);
    }
    for (const folded of ambiguous) index.delete(folded);
    foldStems = new Map();
    for (const [stem, entry] of prefixStems) {
      const folded = fold(stem);
      if (folded === stem || prefixStems.has(folded)) continue;
      foldStems.set(folded, entry);
      longestFoldStem = Math.max(longestFoldStem, folded.length);
    }
    return index;
  }

  /**
   * A word typed without the language's own letters ("dalig", "kundtjanst", "jattenojd"): the known word, its
   * inflection, a prefix stem or an intensified word it folds from. Only words without those letters are tried.
   */
  function byFolding(word: string, depth: number): LexEntry | null {
    if (foldedLetters.size === 0) return null;
    for (const letter of word) if (foldedLetters.has(letter)) return null;
    foldIndex ??= buildFoldIndex();
    const whole = foldIndex.get(word);
    if (whole !== undefined) return exactMeaningful(whole);
    for (const [suffix, replacement] of inflections) {
      if (!word.endsWith(suffix)) continue;
      const stem = word.slice(0, word.length - suffix.length) + replacement;
      if (stem.length < MIN_STEM_LENGTH) continue;
      const known = foldIndex.get(stem);
      if (known !== undefined) return exactMeaningful(known);
    }
    for (let length = Math.min(word.length, longestFoldStem); length >= Math.max(4, word.length - 4); length--) {
      const entry = foldStems?.get(word.slice(0, length));
      if (entry) return entry;
    }
    if (depth === 0) {
      for (const [prefix, multiplier] of intensifierPrefixes) {
        const plain = fold(prefix);
        if (plain === prefix || word.length - plain.length < MIN_STEM_LENGTH || !word.startsWith(plain)) continue;
        const rest = word.slice(plain.length);
        const base = exactMeaningful(rest) ?? byFolding(rest, depth + 1);
        if (base && base.valence !== 0 && base.role === ROLE_NONE) {
          return withValence(base, base.valence * multiplier);
        }
      }
    }
    return null;
  }

  function resolveUnknown(word: string, depth: number): LexEntry | null {
    for (const suffix of sentiment.negatorSuffixes) {
      if (word.endsWith(suffix)) return negatorEntry;
    }
    const simple = byInflection(word);
    if (simple) return simple;
    if (word.includes("-")) {
      const joined = word.replace(/-/g, "");
      const whole = exactMeaningful(joined) ?? resolveUnknown(joined, depth + 1);
      if (whole) return whole;
      const parts = word.split("-").filter((part) => part.length > 0);
      const head = resolveSimple(parts[parts.length - 1]);
      const modifier = parts.length > 1 ? resolveSimple(parts[0]) : null;
      if (head && modifier && modifier.role === ROLE_MODIFIER && head.valence !== 0) {
        return withValence(head, head.valence * modifier.multiplier);
      }
      if (head && modifier && modifier.role === ROLE_NONE && head.role === ROLE_NONE) return combine(modifier, head);
      return head ?? modifier;
    }
    if (depth < 2) {
      for (const [prefix, multiplier] of intensifierPrefixes) {
        if (word.length - prefix.length < MIN_STEM_LENGTH || !word.startsWith(prefix)) continue;
        const rest = word.slice(prefix.length);
        const base = exactMeaningful(rest) ?? resolveUnknown(rest, depth + 1);
        if (base && base.valence !== 0 && base.role === ROLE_NONE) {
          return withValence(base, base.valence * multiplier);
        }
      }
      for (const prefix of negatingPrefixes) {
        if (word.length - prefix.length < 4 || !word.startsWith(prefix)) continue;
        const base = resolveSimple(word.slice(prefix.length));
        if (base && base.valence !== 0 && base.role === ROLE_NONE) {
          return withValence(base, -0.9 * base.valence);
        }
      }
    }
    if (sentiment.compounds && word.length >= 6) {
      // A word the lexicon names as plain with a zero stem ("present*", "sommar*") is not split into a compound
      // whose tail is an opinion: pre|sent (late), present|en.
      const plainStem = plainStemOf(word);
      if (plainStem) return plainStem;
      const compound = byCompound(word);
      if (compound) return compound;
    }
    const stem = longestPrefixStemOf(word, MIN_STEM_LENGTH);
    if (stem) return stem;
    if (depth > 0) return null;
    return byFolding(word, 0) ?? byTypo(word);
  }

  /** One lookup per word on the hot path: known words and every verdict on an unknown word share a map. */
  let resolved = new Map<string, LexEntry | null>(exact);
  function resolve(word: string): LexEntry | null {
    const remembered = resolved.get(word);
    if (remembered !== undefined) return remembered;
    // Unknown words repeat a lot ("the", product names, shop slang); remember each verdict.
    const verdict = resolveUnknown(word, 0);
    if (resolved.size >= exact.size + MAX_MEMO_ENTRIES) resolved = new Map<string, LexEntry | null>(exact);
    resolved.set(word, verdict);
    return verdict;
  }

  // A phrase's first word ("looks" in "looks like") must still mean what it means alone.
  for (const word of phraseOnlyFirstWords) {
    const head = exact.get(word);
    const alone = resolveUnknown(word, 0);
    if (head && alone) {
      head.valence = alone.valence;
      head.topic = alone.topic;
      head.role = alone.role;
      head.multiplier = alone.multiplier;
      head.dimension = alone.dimension;
      head.intensifiedComplaint = alone.intensifiedComplaint;
    }
  }

  return {
    lang: sentiment.lang,
    topicLabels,
    negationScope: sentiment.negationScope,
    negationReachesBack: sentiment.negationReachesBack,
    negationReachesBackOver: new Set(sentiment.negationReachesBackOver.map((word) => word.toLowerCase())),
    negationEndsAt: new Set(sentiment.negationEndsAt.map((word) => internalized(word.toLowerCase()))),
    phraseSkips: new Set(sentiment.phraseSkips.map((word) => internalized(word.toLowerCase()))),
    phraseSkipFirstChars: sentiment.phraseSkips.reduce(
      (bits, word) => bits | (1 << (word.toLowerCase().charCodeAt(0) & 31)),
      0,
    ),
    knownWords: () => exact.keys(),
    resolve,
  };
}

/**
 * Whether `entry` is a contrast word that turns its sentence ("but", "men", "however", "dock"; not "the only downside",
 * which is a complaint of its own): the learned layer reads the words after it once more (learned/features.ts).
 */
export function turnsSentence(entry: LexEntry | null): boolean {
  if (entry === null) return false;
  return (entry.role === ROLE_CONTRAST && entry.valence === 0) || entry.role === ROLE_CONTRAST_ADVERB;
}
