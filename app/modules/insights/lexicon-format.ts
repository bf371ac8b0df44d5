import { z } from "zod";

/**
 * The shape of the reviewable data files in lexicon/. Checked once at load so a typo in a
 * hand-edited JSON file fails loudly at start-up instead of silently scoring nothing.
 */
const valenceTable = z.record(z.string(), z.number().min(-5).max(5));

export const sentimentFileSchema = z.object({
  lang: z.string().min(2),
  seed: z.string().optional(),
  seedRemovals: z.array(z.string()).default([]),
  valence: valenceTable,
  phrases: valenceTable.default({}),
  negators: z.array(z.string()),
  negatorSuffixes: z.array(z.string()).default([]),
  negationScope: z.number().int().min(1).max(8).default(3),
  /** Swedish puts "inte" after the verb ("passar inte"), so negation also looks one word back. */
  negationReachesBack: z.boolean().default(false),
  /**
   * Unstressed pronouns that may stand between the verb and a negator that reaches back ("gillar den inte",
   * "täcker det inte", "passar mig inte"): the negator still negates the verb.
   */
  negationReachesBackOver: z.array(z.string()).default([]),
  /**
   * Words that end a negator's reach forward once it has a verb behind it to negate ("luddar inte och är skön":
   * "inte" negates "luddar", not "skön").
   */
  negationEndsAt: z.array(z.string()).default([]),
  /**
   * Words a phrase may skip once, right after its first word, when the phrase does not match as written: Swedish
   * subject pronouns that verb-second order puts there ("i verkligheten ser den billig ut" for "ser billig ut",
   * "levde den inte upp till"), English degree words ("runs incredibly small", "looks so cheap").
   */
  phraseSkips: z.array(z.string()).default([]),
  /**
   * Verdicts that call the product middling ("nothing special", "inget speciellt", "tre stjärnor"): a review that
   * holds one and whose score stays under the lukewarm band either way reads neutral ("Helt okej, inget speciellt").
   */
  lukewarmVerdicts: z.array(z.string()).default([]),
  /** Sentence comments ("tyvärr"): no negator flips them ("fungerade tyvärr inte", "passar inte tyvärr"). */
  keepPolarity: z.array(z.string()).default([]),
  modifiers: z.record(z.string(), z.number().min(0.1).max(3)),
  intensifierPrefixes: z.record(z.string(), z.number().min(0.1).max(3)).default({}),
  negatingPrefixes: z.array(z.string()).default([]),
  contrastConjunctions: z.array(z.string()),
  concessiveConjunctions: z.array(z.string()),
  contrastAdverbs: z.array(z.string()),
  excessMarkers: z.array(z.string()),
  inflections: z.array(z.tuple([z.string(), z.string()])),
  undoubleAfterStrip: z.boolean().default(false),
  /**
   * Letters a writer without the language's keyboard types plainly ("dalig" for "dålig", "jattebra"): an unknown
   * word without any of them is read as the known word it folds from, when only one folds to it.
   */
  foldedLetters: z.record(z.string().length(1), z.string().length(1)).default({}),
  compounds: z.boolean().default(false),
});

const topicVocabularySchema = z.object({
  label: z.string(),
  terms: z.array(z.string()),
  charged: valenceTable.default({}),
  dimensions: z.array(z.string()).default([]),
  /** Dimensions that are complaints after an intensifier too ("very tight", "väldigt trång"; "very long" is not). */
  intensifiedDimensions: z.array(z.string()).default([]),
});

export const topicsFileSchema = z.object({
  lang: z.string().min(2),
  topics: z.record(z.string(), topicVocabularySchema),
});

export const emojiFileSchema = z.object({ valence: valenceTable });

export const languagesFileSchema = z.object({
  minimumEvidence: z.number().positive(),
  languages: z.record(z.string(), z.object({ words: z.array(z.string()), letters: z.string() })),
  analyseAs: z.record(z.string(), z.string()),
  defaultPack: z.string(),
});

export type SentimentFile = z.infer<typeof sentimentFileSchema>;
export type TopicsFile = z.infer<typeof topicsFileSchema>;
export type EmojiFile = z.infer<typeof emojiFileSchema>;
export type LanguagesFile = z.infer<typeof languagesFileSchema>;

/** What it takes to add a language: two data files (and optionally a seed word list). */
export interface LanguagePackSource {
  sentiment: unknown;
  topics: unknown;
}
