import { compileLanguagePack, type CompiledLanguagePack } from "./compiled-lexicon";
import { bundledEmojiSentiment, bundledLanguageHints, bundledLanguagePacks, seedLexicons } from "./lexicon-catalog";
import { emojiFileSchema, languagesFileSchema, type LanguagePackSource, type LanguagesFile } from "./lexicon-format";

const emojiValence = emojiFileSchema.parse(bundledEmojiSentiment).valence;
export const languageHints: LanguagesFile = languagesFileSchema.parse(bundledLanguageHints);

const packs = new Map<string, CompiledLanguagePack>();
let packsVersion = 0;

for (const source of bundledLanguagePacks) {
  const pack = compileLanguagePack(source, seedLexicons, emojiValence);
  packs.set(pack.lang, pack);
}

/**
 * Adds (or replaces) a language from its two data files without touching the engine, e.g. a
 * Norwegian pack shipped later. The data is validated; a bad file throws here, not mid-analysis.
 */
export function registerLanguagePack(source: LanguagePackSource): string {
  const pack = compileLanguagePack(source, seedLexicons, emojiValence);
  packs.set(pack.lang, pack);
  packsVersion++;
  return pack.lang;
}

export function languagePacks(): ReadonlyMap<string, CompiledLanguagePack> {
  return packs;
}

/** Bumps whenever the set of packs changes, so derived tables know to rebuild. */
export function languagePacksVersion(): number {
  return packsVersion;
}

/** The pack that analyses `lang`: its own, the closest one the data names, or the default. */
export function packForLanguage(lang: string): CompiledLanguagePack {
  const own = packs.get(lang);
  if (own) return own;
  const standIn = languageHints.analyseAs[lang];
  const closest = standIn ? packs.get(standIn) : undefined;
  if (closest) return closest;
  const fallback = packs.get(languageHints.defaultPack) ?? packs.values().next().value;
  if (!fallback) throw new Error("No language pack is loaded");
  return fallback;
}
